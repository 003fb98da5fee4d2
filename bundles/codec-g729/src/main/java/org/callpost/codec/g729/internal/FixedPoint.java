package org.callpost.codec.g729.internal;

/**
 * The ITU-T fixed-point basic operators (G.191 basic_op / G.729 oper_32b) that G.729 is defined
 * in. Bit-exactness depends on reproducing their saturation and rounding exactly, so every
 * arithmetic step of the codec goes through these. Values are carried in {@code int}s that the
 * 16-bit operators keep in the {@code short} range. Stateless: the reference code's global
 * overflow flag is replaced by explicit checks where the algorithm reads it.
 */
final class FixedPoint {
    static final int MAX_16 = 32767;
    static final int MIN_16 = -32768;
    static final int MAX_32 = Integer.MAX_VALUE;
    static final int MIN_32 = Integer.MIN_VALUE;

    private FixedPoint() {
    }

    static int sat16(int v) {
        return v > MAX_16 ? MAX_16 : (v < MIN_16 ? MIN_16 : v);
    }

    static int sat32(long v) {
        return v > MAX_32 ? MAX_32 : (v < MIN_32 ? MIN_32 : (int) v);
    }

    static int add(int a, int b) {
        return sat16(a + b);
    }

    static int sub(int a, int b) {
        return sat16(a - b);
    }

    static int abs(int a) {
        return a == MIN_16 ? MAX_16 : Math.abs(a);
    }

    static int negate(int a) {
        return a == MIN_16 ? MAX_16 : -a;
    }

    static int mult(int a, int b) {
        int p = (a * b) >> 15;
        return p > MAX_16 ? MAX_16 : p;
    }

    static int multR(int a, int b) {
        return sat16((a * b + 16384) >> 15);
    }

    static int shl(int a, int n) {
        if (n < 0) {
            return n <= -15 ? (a < 0 ? -1 : 0) : a >> -n;
        }
        return saturatingShiftLeft16(a, n);
    }

    static int shr(int a, int n) {
        if (n < 0) {
            return saturatingShiftLeft16(a, -n);
        }
        return n >= 15 ? (a < 0 ? -1 : 0) : a >> n;
    }

    private static int saturatingShiftLeft16(int a, int n) {
        if (n > 15) {
            return a == 0 ? 0 : (a > 0 ? MAX_16 : MIN_16);
        }
        return sat16(a << n);
    }

    static int shrR(int a, int n) {
        if (n > 15) {
            return 0;
        }
        int r = shr(a, n);
        if (n > 0 && (a & (1 << (n - 1))) != 0) {
            r++;
        }
        return r;
    }

    static int extractH(int l) {
        return l >> 16;
    }

    static int extractL(int l) {
        return (short) l;
    }

    static int round(int l) {
        // L_add(l, 0x8000) saturates only above 0x7fff7fff
        return l > 0x7fff7fff ? MAX_16 : (l + 0x8000) >> 16;
    }

    static int lMult(int a, int b) {
        int p = a * b;
        return p == 0x40000000 ? MAX_32 : p << 1;
    }

    static int lAdd(int a, int b) {
        int s = a + b;
        // overflow: both operands differ in sign from the result; saturate towards a's sign
        return ((a ^ s) & (b ^ s)) < 0 ? (a >> 31) ^ MAX_32 : s;
    }

    static int lSub(int a, int b) {
        int s = a - b;
        return ((a ^ b) & (a ^ s)) < 0 ? (a >> 31) ^ MAX_32 : s;
    }

    static int lMac(int acc, int a, int b) {
        int p = a * b;
        if (p == 0x40000000) {
            return lAdd(acc, MAX_32);
        }
        p <<= 1;
        int s = acc + p;
        return ((acc ^ s) & (p ^ s)) < 0 ? (acc >> 31) ^ MAX_32 : s;
    }

    static int lMsu(int acc, int a, int b) {
        int p = a * b;
        if (p == 0x40000000) {
            return lSub(acc, MAX_32);
        }
        p <<= 1;
        int s = acc - p;
        return ((acc ^ p) & (acc ^ s)) < 0 ? (acc >> 31) ^ MAX_32 : s;
    }

    static int lNegate(int a) {
        return a == MIN_32 ? MAX_32 : -a;
    }

    static int lAbs(int a) {
        return a == MIN_32 ? MAX_32 : Math.abs(a);
    }

    // the left and right shifts are written out without calling each other: mutual recursion
    // keeps the JIT from inlining them into the hot loops

    static int lShl(int a, int n) {
        if (n <= 0) {
            return n <= -31 ? (a < 0 ? -1 : 0) : a >> -n;
        }
        return saturatingShiftLeft(a, n);
    }

    static int lShr(int a, int n) {
        if (n < 0) {
            return saturatingShiftLeft(a, -n);
        }
        return n >= 31 ? (a < 0 ? -1 : 0) : a >> n;
    }

    private static int saturatingShiftLeft(int a, int n) {
        if (n >= 31) {
            return a == 0 ? 0 : (a > 0 ? MAX_32 : MIN_32);
        }
        return sat32((long) a << n);
    }

    static int lShrR(int a, int n) {
        if (n > 31) {
            return 0;
        }
        int r = lShr(a, n);
        if (n > 0 && (a & (1 << (n - 1))) != 0) {
            r++;
        }
        return r;
    }

    static int normS(int a) {
        if (a == 0) {
            return 0;
        }
        if (a == -1) {
            return 15;
        }
        if (a < 0) {
            a = ~a;
        }
        return Integer.numberOfLeadingZeros(a) - 17;
    }

    static int normL(int a) {
        if (a == 0) {
            return 0;
        }
        if (a == -1) {
            return 31;
        }
        if (a < 0) {
            a = ~a;
        }
        return Integer.numberOfLeadingZeros(a) - 1;
    }

    /** Fractional division num/den, both positive and num &lt;= den; Q15 result. */
    static int divS(int num, int den) {
        if (num == 0) {
            return 0;
        }
        if (num == den) {
            return MAX_16;
        }
        if (num > 0 && num < den) {
            // the reference's 15 steps of restoring division give exactly the floor of the quotient
            return (num << 15) / den;
        }
        int out = 0;
        int lNum = num;
        for (int i = 0; i < 15; i++) {
            out <<= 1;
            lNum <<= 1;
            if (lNum >= den) {
                lNum -= den;
                out++;
            }
        }
        return out;
    }

    /** Largest |x[i]| for i in [from, to). */
    static int maxAbs(short[] x, int from, int to) {
        // branch-free: the signs and sizes of speech samples are unpredictable
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    /** Sum of x[i]^2 for i in [from, to). */
    static long energy(short[] x, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }

    /**
     * Whether a doubled dot product of two vectors with these energies (sums of squares) is free of
     * saturation in every partial sum: by Cauchy-Schwarz each partial sum of |x y| is at most
     * sqrt(ex ey). Conservative margin for the floating-point check.
     */
    static boolean dotFits(long ex, long ey) {
        return 4.0 * (double) ex * (double) ey < 0.999 * (double) MAX_32 * (double) MAX_32;
    }

    /** Sum of |x[i]| for i in [from, to). */
    static int sumAbs(short[] x, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(x[i]);
        }
        return sum;
    }

    // ---- double precision format of oper_32b: L = hi<<16 + lo<<1 ----

    static int hi(int l) {
        return l >> 16;
    }

    static int lo(int l) {
        // L_msu(L_shr(l, 1), hi, 16384) subtracts hi << 15 from l >> 1: never saturates, leaves
        // the low 15 bits
        return (l >> 1) & 0x7fff;
    }

    static int lComp(int hi, int lo) {
        return lMac(hi << 16, lo, 1);
    }

    static int mpy32(int hi1, int lo1, int hi2, int lo2) {
        int l = lMult(hi1, hi2);
        l = lMac(l, mult(hi1, lo2), 1);
        return lMac(l, mult(lo1, hi2), 1);
    }

    static int mpy3216(int hi, int lo, int n) {
        return lMac(lMult(hi, n), mult(lo, n), 1);
    }

    /** 32-bit by double-precision division; num &lt; denom, denom normalised. */
    static int div32(int num, int denomHi, int denomLo) {
        int approx = divS(0x3fff, denomHi);
        int l = mpy3216(denomHi, denomLo, approx);
        l = lSub(MAX_32, l);
        l = mpy3216(hi(l), lo(l), approx);
        int h = hi(l);
        int lw = lo(l);
        l = mpy32(hi(num), lo(num), h, lw);
        return lShl(l, 2);
    }
}
