package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** Table-driven power, logarithm and inverse square root of the G.729 reference (dspfunc). */
final class DspMath {
    private DspMath() {
    }

    private static final short[] TABPOW = {
        16384, 16743, 17109, 17484, 17867, 18258, 18658, 19066, 19484, 19911,
        20347, 20792, 21247, 21713, 22188, 22674, 23170, 23678, 24196, 24726,
        25268, 25821, 26386, 26964, 27554, 28158, 28774, 29405, 30048, 30706,
        31379, 32066, 32767,
    };

    private static final short[] TABLOG = {
        0, 1455, 2866, 4236, 5568, 6863, 8124, 9352, 10549, 11716,
        12855, 13967, 15054, 16117, 17156, 18172, 19167, 20142, 21097, 22033,
        22951, 23852, 24735, 25603, 26455, 27291, 28113, 28922, 29716, 30497,
        31266, 32023, 32767,
    };

    private static final short[] TABSQR = {
        32767, 31790, 30894, 30070, 29309, 28602, 27945, 27330, 26755, 26214,
        25705, 25225, 24770, 24339, 23930, 23541, 23170, 22817, 22479, 22155,
        21845, 21548, 21263, 20988, 20724, 20470, 20225, 19988, 19760, 19539,
        19326, 19119, 18919, 18725, 18536, 18354, 18176, 18004, 17837, 17674,
        17515, 17361, 17211, 17064, 16921, 16782, 16646, 16514, 16384,
    };

    /** 2^(exponent.fraction), fraction Q15. */
    static int pow2(int exponent, int fraction) {
        int lx = lMult(fraction, 32);
        int i = extractH(lx);
        lx = lShr(lx, 1);
        int a = extractL(lx) & 0x7fff;
        lx = TABPOW[i] << 16;
        int tmp = sub(TABPOW[i], TABPOW[i + 1]);
        lx = lMsu(lx, tmp, a);
        return lShrR(lx, sub(30, exponent));
    }

    /** log2(x) as exponent (returned in the high half) and Q15 fraction (low half). */
    static int log2(int lx) {
        if (lx <= 0) {
            return 0;
        }
        int exp = normL(lx);
        lx = lShl(lx, exp);
        int exponent = sub(30, exp);
        lx = lShr(lx, 9);
        int i = extractH(lx);
        lx = lShr(lx, 1);
        int a = extractL(lx) & 0x7fff;
        i = sub(i, 32);
        int ly = TABLOG[i] << 16;
        int tmp = sub(TABLOG[i], TABLOG[i + 1]);
        ly = lMsu(ly, tmp, a);
        return (exponent << 16) | (extractH(ly) & 0xffff);
    }

    static int log2Exponent(int packed) {
        return packed >> 16;
    }

    static int log2Fraction(int packed) {
        return (short) packed;
    }

    /** 1/sqrt(x), Q30. */
    static int invSqrt(int lx) {
        if (lx <= 0) {
            return 0x3fffffff;
        }
        int exp = normL(lx);
        lx = lShl(lx, exp);
        exp = sub(30, exp);
        if ((exp & 1) == 0) {
            lx = lShr(lx, 1);
        }
        exp = add(shr(exp, 1), 1);
        lx = lShr(lx, 9);
        int i = extractH(lx);
        lx = lShr(lx, 1);
        int a = extractL(lx) & 0x7fff;
        i = sub(i, 16);
        int ly = TABSQR[i] << 16;
        int tmp = sub(TABSQR[i], TABSQR[i + 1]);
        ly = lMsu(ly, tmp, a);
        return lShr(ly, exp);
    }

    /** The reference's linear congruential generator; returns the new seed. */
    static int random(int seed) {
        return extractL(lAdd(lShr(lMult(seed, 31821), 1), 13849));
    }
}
