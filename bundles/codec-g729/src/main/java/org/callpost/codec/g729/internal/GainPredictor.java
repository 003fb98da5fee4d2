package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * MA prediction of the fixed-codebook gain from past quantised energies (gainpred). Each encoder
 * and decoder owns one; the memory starts at -14 dB (Q10).
 */
final class GainPredictor {
    private final short[] pastQuaEn = {-14336, -14336, -14336, -14336};

    /** Predicted gain for code[] as (exponent << 16) | mantissa (Gain_predict). */
    int predict(short[] code) {
        // non-negative terms: the saturating sum is the exact sum clamped once at the end
        long energy = 0;
        for (int i = 0; i < 40; i++) {
            energy += 2L * code[i] * code[i];
        }
        int acc = energy > MAX_32 ? MAX_32 : (int) energy;
        int log = DspMath.log2(acc);
        int exp = DspMath.log2Exponent(log);
        int frac = DspMath.log2Fraction(log);
        acc = mpy3216(exp, frac, -24660);
        acc = lMac(acc, 32588, 32);
        acc = lShl(acc, 10);
        for (int i = 0; i < 4; i++) {
            acc = lMac(acc, GainTables.PRED[i], pastQuaEn[i]);
        }
        int gcode0 = extractH(acc);
        acc = lMult(gcode0, 5439);
        acc = lShr(acc, 8);
        exp = hi(acc);
        frac = lo(acc);
        gcode0 = extractL(DspMath.pow2(14, frac));
        return (sub(14, exp) << 16) | (gcode0 & 0xffff);
    }

    static int mantissa(int packed) {
        return (short) packed;
    }

    static int exponent(int packed) {
        return packed >> 16;
    }

    /** Records the quantised energy 20 log10(gbk1+gbk2) of the chosen codewords (Q13 sum). */
    void update(int lGbk12) {
        System.arraycopy(pastQuaEn, 0, pastQuaEn, 1, 3);
        int log = DspMath.log2(lGbk12);
        int acc = lComp(sub(DspMath.log2Exponent(log), 13), DspMath.log2Fraction(log));
        int tmp = extractH(lShl(acc, 13));
        pastQuaEn[0] = (short) mult(tmp, 24660);
    }

    /** Erasure: the average past energy minus 4 dB, floored at -14 dB. */
    void updateErased() {
        int acc = 0;
        for (int i = 0; i < 4; i++) {
            acc = lAdd(acc, pastQuaEn[i]);
        }
        int av = extractL(lShr(acc, 2));
        av = sub(av, 4096);
        if (av < -14336) {
            av = -14336;
        }
        System.arraycopy(pastQuaEn, 0, pastQuaEn, 1, 3);
        pastQuaEn[0] = (short) av;
    }
}
