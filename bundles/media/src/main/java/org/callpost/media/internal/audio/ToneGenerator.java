package org.callpost.media.internal.audio;

/**
 * Makes a steady single or dual tone (record beep, in-band DTMF) with a recursive oscillator:
 * two multiply-adds per sample and no trigonometry on the media clock.
 */
public final class ToneGenerator {
    /** Peak amplitude of a 0 dBm0 sine in 16-bit samples (G.711: +3.14 dBm0 is full scale). */
    private static final double ZERO_DBM0_PEAK = 32767 / Math.pow(10, 3.14 / 20);

    private double c1;
    private double y1a;
    private double y2a;
    private double c2;
    private double y1b;
    private double y2b;
    private boolean dual;

    /** Starts a tone; {@code secondHz} 0 for a single one. */
    public void start(int firstHz, int secondHz, int levelDbm0) {
        double amplitude = ZERO_DBM0_PEAK * Math.pow(10, levelDbm0 / 20.0);
        double w1 = 2 * Math.PI * firstHz / 8000.0;
        c1 = 2 * Math.cos(w1);
        y1a = amplitude * Math.sin(-w1);
        y2a = amplitude * Math.sin(-2 * w1);
        dual = secondHz > 0;
        if (dual) {
            double w2 = 2 * Math.PI * secondHz / 8000.0;
            c2 = 2 * Math.cos(w2);
            y1b = amplitude * Math.sin(-w2);
            y2b = amplitude * Math.sin(-2 * w2);
        }
    }

    /** Writes the next {@code length} samples. */
    public void fill(short[] out, int offset, int length) {
        for (int i = 0; i < length; i++) {
            double a = c1 * y1a - y2a;
            y2a = y1a;
            y1a = a;
            double sample = a;
            if (dual) {
                double b = c2 * y1b - y2b;
                y2b = y1b;
                y1b = b;
                sample += b;
            }
            out[offset + i] = (short) Math.max(-32768, Math.min(32767, Math.round(sample)));
        }
    }
}
