package org.callpost.media.internal.dtmf;

/**
 * Four, five or eight {@link Goertzel} filters run together over a run of samples. Their states stay in
 * local variables (registers) for the whole run, where separate filters load and store theirs for
 * every sample, and the independent recurrences overlap in the CPU. The arithmetic is the same,
 * in the same order, so the energies are bit-identical to separate filters fed sample by sample
 * (GoertzelBankTest). The detectors run on every received frame of every call: this is the media
 * clock threads' largest cost after the sockets.
 */
public final class GoertzelBank {
    private final int size;
    private final double c0;
    private final double c1;
    private final double c2;
    private final double c3;
    private final double c4;
    private final double c5;
    private final double c6;
    private final double c7;
    // s1 (a) and s2 (b) of each filter, as in Goertzel
    private double a0;
    private double a1;
    private double a2;
    private double a3;
    private double a4;
    private double a5;
    private double a6;
    private double a7;
    private double b0;
    private double b1;
    private double b2;
    private double b3;
    private double b4;
    private double b5;
    private double b6;
    private double b7;

    /** @param frequenciesHz four, five or eight frequencies */
    public GoertzelBank(int sampleRate, double... frequenciesHz) {
        int n = frequenciesHz.length;
        if (n != 4 && n != 5 && n != 8) {
            throw new IllegalArgumentException("a bank has four, five or eight filters, not " + n);
        }
        size = n;
        double[] c = new double[8];
        for (int i = 0; i < size; i++) {
            c[i] = 2 * Math.cos(2 * Math.PI * frequenciesHz[i] / sampleRate);
        }
        c0 = c[0];
        c1 = c[1];
        c2 = c[2];
        c3 = c[3];
        c4 = c[4];
        c5 = c[5];
        c6 = c[6];
        c7 = c[7];
    }

    public int size() {
        return size;
    }

    /** Feeds {@code length} samples to every filter of the bank. */
    public void add(short[] pcm, int offset, int length) {
        if (size == 4) {
            add4(pcm, offset, offset + length);
        } else if (size == 5) {
            add5(pcm, offset, offset + length);
        } else {
            add8(pcm, offset, offset + length);
        }
    }

    private void add4(short[] pcm, int from, int to) {
        double k0 = c0;
        double k1 = c1;
        double k2 = c2;
        double k3 = c3;
        double p0 = a0;
        double p1 = a1;
        double p2 = a2;
        double p3 = a3;
        double q0 = b0;
        double q1 = b1;
        double q2 = b2;
        double q3 = b3;
        for (int n = from; n < to; n++) {
            double x = pcm[n];
            double s0 = x + k0 * p0 - q0;
            double s1 = x + k1 * p1 - q1;
            double s2 = x + k2 * p2 - q2;
            double s3 = x + k3 * p3 - q3;
            q0 = p0;
            q1 = p1;
            q2 = p2;
            q3 = p3;
            p0 = s0;
            p1 = s1;
            p2 = s2;
            p3 = s3;
        }
        a0 = p0;
        a1 = p1;
        a2 = p2;
        a3 = p3;
        b0 = q0;
        b1 = q1;
        b2 = q2;
        b3 = q3;
    }

    private void add5(short[] pcm, int from, int to) {
        double k0 = c0;
        double k1 = c1;
        double k2 = c2;
        double k3 = c3;
        double k4 = c4;
        double p0 = a0;
        double p1 = a1;
        double p2 = a2;
        double p3 = a3;
        double p4 = a4;
        double q0 = b0;
        double q1 = b1;
        double q2 = b2;
        double q3 = b3;
        double q4 = b4;
        for (int n = from; n < to; n++) {
            double x = pcm[n];
            double s0 = x + k0 * p0 - q0;
            double s1 = x + k1 * p1 - q1;
            double s2 = x + k2 * p2 - q2;
            double s3 = x + k3 * p3 - q3;
            double s4 = x + k4 * p4 - q4;
            q0 = p0;
            q1 = p1;
            q2 = p2;
            q3 = p3;
            q4 = p4;
            p0 = s0;
            p1 = s1;
            p2 = s2;
            p3 = s3;
            p4 = s4;
        }
        a0 = p0;
        a1 = p1;
        a2 = p2;
        a3 = p3;
        a4 = p4;
        b0 = q0;
        b1 = q1;
        b2 = q2;
        b3 = q3;
        b4 = q4;
    }

    /** Eight recurrences at once: enough independent work to hide each one's latency. */
    private void add8(short[] pcm, int from, int to) {
        double k0 = c0;
        double k1 = c1;
        double k2 = c2;
        double k3 = c3;
        double k4 = c4;
        double k5 = c5;
        double k6 = c6;
        double k7 = c7;
        double p0 = a0;
        double p1 = a1;
        double p2 = a2;
        double p3 = a3;
        double p4 = a4;
        double p5 = a5;
        double p6 = a6;
        double p7 = a7;
        double q0 = b0;
        double q1 = b1;
        double q2 = b2;
        double q3 = b3;
        double q4 = b4;
        double q5 = b5;
        double q6 = b6;
        double q7 = b7;
        for (int n = from; n < to; n++) {
            double x = pcm[n];
            double s0 = x + k0 * p0 - q0;
            double s1 = x + k1 * p1 - q1;
            double s2 = x + k2 * p2 - q2;
            double s3 = x + k3 * p3 - q3;
            double s4 = x + k4 * p4 - q4;
            double s5 = x + k5 * p5 - q5;
            double s6 = x + k6 * p6 - q6;
            double s7 = x + k7 * p7 - q7;
            q0 = p0;
            q1 = p1;
            q2 = p2;
            q3 = p3;
            q4 = p4;
            q5 = p5;
            q6 = p6;
            q7 = p7;
            p0 = s0;
            p1 = s1;
            p2 = s2;
            p3 = s3;
            p4 = s4;
            p5 = s5;
            p6 = s6;
            p7 = s7;
        }
        a0 = p0;
        a1 = p1;
        a2 = p2;
        a3 = p3;
        a4 = p4;
        a5 = p5;
        a6 = p6;
        a7 = p7;
        b0 = q0;
        b1 = q1;
        b2 = q2;
        b3 = q3;
        b4 = q4;
        b5 = q5;
        b6 = q6;
        b7 = q7;
    }

    /**
     * Each filter's tone energy over {@code blockLength} samples into {@code out} (as
     * {@link Goertzel#energy(int)}); resets the bank for the next block.
     */
    public void energies(int blockLength, double[] out) {
        out[0] = energy(a0, b0, c0, blockLength);
        out[1] = energy(a1, b1, c1, blockLength);
        out[2] = energy(a2, b2, c2, blockLength);
        out[3] = energy(a3, b3, c3, blockLength);
        if (size >= 5) {
            out[4] = energy(a4, b4, c4, blockLength);
        }
        if (size == 8) {
            out[5] = energy(a5, b5, c5, blockLength);
            out[6] = energy(a6, b6, c6, blockLength);
            out[7] = energy(a7, b7, c7, blockLength);
        }
        a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = 0;
        b0 = b1 = b2 = b3 = b4 = b5 = b6 = b7 = 0;
    }

    private static double energy(double s1, double s2, double coefficient, int blockLength) {
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * power / blockLength;
    }
}
