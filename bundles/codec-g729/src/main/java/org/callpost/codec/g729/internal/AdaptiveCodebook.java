package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** Adaptive-codebook (pitch) vector and lag coding shared by encoder and decoder. */
final class AdaptiveCodebook {
    static final int PIT_MIN = 20;
    static final int PIT_MAX = 143;
    static final int L_INTERPOL = 11;
    private static final int UP_SAMP = 3;
    private static final int L_INTER10 = 10;

    /** Upper bound of the absolute tap sum of one interpolation (both halves, any fraction). */
    private static final int TAP_SUM;

    static {
        int worst = 0;
        for (int frac = 0; frac < UP_SAMP; frac++) {
            int sum = 0;
            for (int k = 0; k < L_INTER10 * UP_SAMP; k += UP_SAMP) {
                sum += Math.abs(PitchTables.INTER_3L[frac + k]) + Math.abs(PitchTables.INTER_3L[UP_SAMP - frac + k]);
            }
            worst = Math.max(worst, sum);
        }
        TAP_SUM = worst;
    }

    private AdaptiveCodebook() {
    }

    /**
     * Long-term prediction with 1/3 fractional delay: exc[off..off+lg) from the past excitation
     * at lag t0 - frac/3 (Pred_lt_3).
     */
    static void predict(short[] exc, int off, int t0, int frac, int lg) {
        int x0 = off - t0;
        frac = -frac;
        if (frac < 0) {
            frac += UP_SAMP;
            x0--;
        }
        short[] c = PitchTables.INTER_3L;
        int c2 = UP_SAMP - frac;
        // with every sample in reach below MAX_32 / (2 TAP_SUM) no partial sum can saturate; the
        // outputs join the window when the lag is short, so the bound follows them
        int limit = (int) (MAX_32 / (2L * TAP_SUM));
        // the two half filters of this fraction, in registers
        int a0 = c[frac];
        int a1 = c[frac + 3];
        int a2 = c[frac + 6];
        int a3 = c[frac + 9];
        int a4 = c[frac + 12];
        int a5 = c[frac + 15];
        int a6 = c[frac + 18];
        int a7 = c[frac + 21];
        int a8 = c[frac + 24];
        int a9 = c[frac + 27];
        int b0 = c[c2];
        int b1 = c[c2 + 3];
        int b2 = c[c2 + 6];
        int b3 = c[c2 + 9];
        int b4 = c[c2 + 12];
        int b5 = c[c2 + 15];
        int b6 = c[c2 + 18];
        int b7 = c[c2 + 21];
        int b8 = c[c2 + 24];
        int b9 = c[c2 + 27];
        int reach = maxAbs(exc, x0 - (L_INTER10 - 1), Math.min(off, x0 + lg + L_INTER10));
        for (int j = 0; j < lg; j++) {
            int x1 = x0++;
            int x2 = x0;
            long s = 0;
            if (reach <= limit) {
                int si = exc[x1] * a0 + exc[x1 - 1] * a1 + exc[x1 - 2] * a2 + exc[x1 - 3] * a3 + exc[x1 - 4] * a4
                        + exc[x1 - 5] * a5 + exc[x1 - 6] * a6 + exc[x1 - 7] * a7 + exc[x1 - 8] * a8 + exc[x1 - 9] * a9
                        + exc[x2] * b0 + exc[x2 + 1] * b1 + exc[x2 + 2] * b2 + exc[x2 + 3] * b3 + exc[x2 + 4] * b4
                        + exc[x2 + 5] * b5 + exc[x2 + 6] * b6 + exc[x2 + 7] * b7 + exc[x2 + 8] * b8 + exc[x2 + 9] * b9;
                s = 2L * si;
            } else {
                for (int i = 0, k = 0; i < L_INTER10; i++, k += UP_SAMP) {
                    s += 2L * exc[x1 - i] * c[frac + k];
                    s = s > MAX_32 ? MAX_32 : (s < MIN_32 ? MIN_32 : s);
                    s += 2L * exc[x2 + i] * c[c2 + k];
                    s = s > MAX_32 ? MAX_32 : (s < MIN_32 ? MIN_32 : s);
                }
            }
            int v = round((int) s);
            exc[off + j] = (short) v;
            reach = Math.max(reach, Math.abs(v));
        }
    }

    /** Decodes a pitch index; returns (T0 << 8) | (frac & 0xff). */
    static int decodeLag(int index, int subframe, int prevT0) {
        int t0;
        int frac;
        if (subframe == 0) {
            if (index < 197) {
                t0 = add(mult(add(index, 2), 10923), 19);
                frac = index - 3 * t0 + 58;
            } else {
                t0 = index - 112;
                frac = 0;
            }
        } else {
            int t0Min = prevT0 - 5;
            if (t0Min < PIT_MIN) {
                t0Min = PIT_MIN;
            }
            int t0Max = t0Min + 9;
            if (t0Max > PIT_MAX) {
                t0Max = PIT_MAX;
                t0Min = t0Max - 9;
            }
            int i = sub(mult(add(index, 2), 10923), 1);
            t0 = i + t0Min;
            frac = index - 2 - 3 * i;
        }
        return (t0 << 8) | (frac & 0xff);
    }

    static int lagOf(int packed) {
        return packed >> 8;
    }

    static int fracOf(int packed) {
        return (byte) packed;
    }

    /** Parity over the six most significant bits of the 8-bit first-subframe pitch index. */
    static int parity(int index) {
        int temp = index >> 1;
        int sum = 1;
        for (int i = 0; i <= 5; i++) {
            temp >>= 1;
            sum += temp & 1;
        }
        return sum & 1;
    }
}
