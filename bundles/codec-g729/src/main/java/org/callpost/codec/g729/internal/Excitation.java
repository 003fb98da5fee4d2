package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** The total excitation of a subframe: gp * adaptive (Q0, gain Q14) + gc * fixed (Q13, gain Q1). */
final class Excitation {
    private static final int L_SUBFR = 40;

    private Excitation() {
    }

    /**
     * exc = round(L_shl(L_mac(L_mult(exc, gp), code, gc), 1)). Both gains are non-negative, so
     * neither L_mult hits its -32768 * -32768 case and each product is below 2^31: only the sum
     * and the shift can saturate, and they are clamped as the reference does.
     */
    static void mix(short[] exc, int off, int gainPit, short[] code, int gainCode) {
        for (int i = 0; i < L_SUBFR; i++) {
            long t = 2L * exc[off + i] * gainPit + 2L * code[i] * gainCode;
            t = t > MAX_32 ? MAX_32 : (t < MIN_32 ? MIN_32 : t);
            t <<= 1;
            int s = (int) (t > MAX_32 ? MAX_32 : (t < MIN_32 ? MIN_32 : t));
            exc[off + i] = (short) round(s);
        }
    }
}
