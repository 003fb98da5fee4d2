package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * Second-order high-pass in double precision: the encoder's 140 Hz pre-processing (which also
 * halves the input) and the decoder's 100 Hz post-processing (which doubles the output).
 */
final class HighPassFilter {
    private final int b0;
    private final int b1;
    private final int b2;
    private final int a1;
    private final int a2;
    private final int outShift;
    private final boolean postProcess;
    private int y2Hi;
    private int y2Lo;
    private int y1Hi;
    private int y1Lo;
    private int x0;
    private int x1;

    private HighPassFilter(int b0, int b1, int b2, int a1, int a2, int outShift, boolean postProcess) {
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.a1 = a1;
        this.a2 = a2;
        this.outShift = outShift;
        this.postProcess = postProcess;
    }

    /** 140 Hz cut-off, input halved (coefficients b/2 in Q12, a in Q12). */
    static HighPassFilter preProcess() {
        return new HighPassFilter(1899, -3798, 1899, 7807, -3733, 3, false);
    }

    /** 100 Hz cut-off, output doubled (Q13). */
    static HighPassFilter postProcess() {
        return new HighPassFilter(7699, -15398, 7699, 15836, -7667, 2, true);
    }

    void filter(short[] signal, int off, int lg) {
        for (int i = 0; i < lg; i++) {
            int x2 = x1;
            x1 = x0;
            x0 = signal[off + i];
            // with these coefficients |y1 a1| + |y2 a2| + |x0 b0| stays below 2^31 (at most 2.05e9),
            // so only the last two accumulations can saturate, each clamped as L_mac would
            // Mpy_32_16(hi, lo, a) = 2 hi a + 2 mult(lo, a) with 0 <= lo < 2^15: no saturation for a > -32768
            long acc = 2L * y1Hi * a1 + 2 * ((y1Lo * a1) >> 15) + 2L * y2Hi * a2 + 2 * ((y2Lo * a2) >> 15)
                    + 2L * x0 * b0;
            acc += 2L * x1 * b1;
            acc = acc > MAX_32 ? MAX_32 : (acc < MIN_32 ? MIN_32 : acc);
            acc += 2L * x2 * b2;
            int t = (int) (acc > MAX_32 ? MAX_32 : (acc < MIN_32 ? MIN_32 : acc));
            t = lShl(t, outShift);
            signal[off + i] = (short) (postProcess ? round(lShl(t, 1)) : round(t));
            y2Hi = y1Hi;
            y2Lo = y1Lo;
            y1Hi = hi(t);
            y1Lo = lo(t);
        }
    }
}
