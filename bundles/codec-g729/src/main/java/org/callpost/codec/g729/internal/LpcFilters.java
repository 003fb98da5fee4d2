package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** LP filtering and LSP/LPC conversions shared by encoder and decoder (filter, lpcfunc). */
final class LpcFilters {
    static final int M = 10;
    static final int MP1 = 11;

    private LpcFilters() {
    }

    /**
     * Synthesis filter 1/A(z). {@code mem} holds the last M outputs; {@code tmp} is caller scratch
     * of at least lg+M. Output may alias input. Returns true when any operation saturated, which
     * the decoder uses to rescale its excitation.
     */
    static boolean synFilt(short[] a, int aOff, short[] x, int xOff, short[] y, int yOff, int lg,
            short[] mem, int memOff, boolean update, short[] tmp) {
        boolean overflow = false;
        for (int i = 0; i < M; i++) {
            tmp[i] = mem[memOff + i];
        }
        int a0 = a[aOff];
        int a1 = a[aOff + 1];
        int a2 = a[aOff + 2];
        int a3 = a[aOff + 3];
        int a4 = a[aOff + 4];
        int a5 = a[aOff + 5];
        int a6 = a[aOff + 6];
        int a7 = a[aOff + 7];
        int a8 = a[aOff + 8];
        int a9 = a[aOff + 9];
        int a10 = a[aOff + 10];
        long sumA = sumAbs(a, aOff + 1, aOff + MP1);
        long absA0 = Math.abs(a0);
        // every partial sum of a sample is bounded by |a0 x| + sum|a_j| max|y| over the outputs
        // so far: while that fits, plain arithmetic is exact; otherwise that sample saturates exactly
        int ymax = maxAbs(tmp, 0, M);
        // the same bound with max|x| over the whole input: while ymax stays at or below yLimit it
        // holds for every sample without being computed (x is only read here, even when y is x)
        long room = (MAX_32 >> 1) - absA0 * maxAbs(x, xOff, xOff + lg);
        long yLimit = room < 0 ? -1 : (sumA == 0 ? Long.MAX_VALUE : room / sumA);
        // the last M outputs in registers, y1 the latest: the recursion then waits on one multiply
        // per sample instead of a store and reload, and the latest output enters the sum last
        // (the plain sum is exact, so its order does not matter)
        int y1 = tmp[M - 1];
        int y2 = tmp[M - 2];
        int y3 = tmp[M - 3];
        int y4 = tmp[M - 4];
        int y5 = tmp[M - 5];
        int y6 = tmp[M - 6];
        int y7 = tmp[M - 7];
        int y8 = tmp[M - 8];
        int y9 = tmp[M - 9];
        int y10 = tmp[M - 10];
        for (int i = 0; i < lg; i++) {
            int p = M + i;
            int xi = x[xOff + i];
            long t;
            if (ymax <= yLimit || 2L * (absA0 * Math.abs(xi) + sumA * ymax) <= MAX_32) {
                int s = xi * a0 - a10 * y10 - a9 * y9 - a8 * y8 - a7 * y7 - a6 * y6 - a5 * y5 - a4 * y4 - a3 * y3
                        - a2 * y2;
                s -= a1 * y1;
                t = (long) s << 4;
            } else {
                t = 2L * xi * a0;
                if (t == 0x80000000L) {
                    t = MAX_32;
                    overflow = true;
                }
                for (int j = 1; j <= M; j++) {
                    long q = 2L * a[aOff + j] * tmp[p - j];
                    if (q == 0x80000000L) {
                        q = MAX_32;
                        overflow = true;
                    }
                    t -= q;
                    if (t > MAX_32) {
                        t = MAX_32;
                        overflow = true;
                    } else if (t < MIN_32) {
                        t = MIN_32;
                        overflow = true;
                    }
                }
                t <<= 3;
            }
            if (t > MAX_32 || t < MIN_32) {
                t = t > 0 ? MAX_32 : MIN_32;
                overflow = true;
            }
            t += 0x8000;
            if (t > MAX_32) {
                t = MAX_32;
                overflow = true;
            }
            int y16 = (int) (t >> 16);
            tmp[p] = (short) y16;
            y10 = y9;
            y9 = y8;
            y8 = y7;
            y7 = y6;
            y6 = y5;
            y5 = y4;
            y4 = y3;
            y3 = y2;
            y2 = y1;
            y1 = y16;
            ymax = Math.max(ymax, Math.abs(y16));
        }
        System.arraycopy(tmp, M, y, yOff, lg);
        if (update) {
            System.arraycopy(y, yOff + lg - M, mem, memOff, M);
        }
        return overflow;
    }

    /** LPC residual through A(z); x[xOff-M..] must be valid. */
    static void residu(short[] a, int aOff, short[] x, int xOff, short[] y, int yOff, int lg) {
        if (2L * sumAbs(a, aOff, aOff + MP1) * maxAbs(x, xOff - M, xOff + lg) <= MAX_32) {
            // no partial sum can saturate: plain arithmetic, then the reference's saturating shift
            int a0 = a[aOff];
            int a1 = a[aOff + 1];
            int a2 = a[aOff + 2];
            int a3 = a[aOff + 3];
            int a4 = a[aOff + 4];
            int a5 = a[aOff + 5];
            int a6 = a[aOff + 6];
            int a7 = a[aOff + 7];
            int a8 = a[aOff + 8];
            int a9 = a[aOff + 9];
            int a10 = a[aOff + 10];
            for (int i = 0; i < lg; i++) {
                int p = xOff + i;
                int s = x[p] * a0 + a1 * x[p - 1] + a2 * x[p - 2] + a3 * x[p - 3] + a4 * x[p - 4] + a5 * x[p - 5]
                        + a6 * x[p - 6] + a7 * x[p - 7] + a8 * x[p - 8] + a9 * x[p - 9] + a10 * x[p - 10];
                y[yOff + i] = (short) round(lShl(s << 1, 3));
            }
            return;
        }
        for (int i = 0; i < lg; i++) {
            int s = lMult(x[xOff + i], a[aOff]);
            for (int j = 1; j <= M; j++) {
                s = lMac(s, a[aOff + j], x[xOff + i - j]);
            }
            s = lShl(s, 3);
            y[yOff + i] = (short) round(s);
        }
    }

    /** Bandwidth expansion: ap[i] = a[i] * gamma^i. */
    static void weightAz(short[] a, int aOff, int gamma, short[] ap, int apOff) {
        ap[apOff] = a[aOff];
        int fac = gamma;
        for (int i = 1; i < M; i++) {
            ap[apOff + i] = (short) round(lMult(a[aOff + i], fac));
            fac = round(lMult(fac, gamma));
        }
        ap[apOff + M] = (short) round(lMult(a[aOff + M], fac));
    }

    /** LSP (cosine domain, Q15) to LPC (Q12). f1,f2 are scratch of 6 ints. */
    static void lspAz(short[] lsp, short[] a, int aOff, int[] f1, int[] f2) {
        getLspPol(lsp, 0, f1);
        getLspPol(lsp, 1, f2);
        for (int i = 5; i > 0; i--) {
            f1[i] = lAdd(f1[i], f1[i - 1]);
            f2[i] = lSub(f2[i], f2[i - 1]);
        }
        a[aOff] = 4096;
        for (int i = 1, j = 10; i <= 5; i++, j--) {
            int t0 = lAdd(f1[i], f2[i]);
            a[aOff + i] = (short) extractL(lShrR(t0, 13));
            t0 = lSub(f1[i], f2[i]);
            a[aOff + j] = (short) extractL(lShrR(t0, 13));
        }
    }

    private static void getLspPol(short[] lsp, int off, int[] f) {
        f[0] = lMult(4096, 2048);
        f[1] = lMsu(0, lsp[off], 512);
        int lp = off + 2;
        for (int i = 2; i <= 5; i++) {
            f[i] = f[i - 2];
            for (int j = i; j > 1; j--) {
                int t0 = mpy3216(hi(f[j - 1]), lo(f[j - 1]), lsp[lp]);
                t0 = lShl(t0, 1);
                f[j] = lAdd(f[j], f[j - 2]);
                f[j] = lSub(f[j], t0);
            }
            f[1] = lMsu(f[1], lsp[lp], 512);
            lp += 2;
        }
    }

    /** Interpolates old and new LSPs into the two subframes' A(z) (Int_qlpc). */
    static void intQlpc(short[] lspOld, short[] lspNew, short[] az, short[] lspTmp, int[] f1, int[] f2) {
        for (int i = 0; i < M; i++) {
            lspTmp[i] = (short) add(shr(lspNew[i], 1), shr(lspOld[i], 1));
        }
        lspAz(lspTmp, az, 0, f1, f2);
        lspAz(lspNew, az, MP1, f1, f2);
    }

    /** LSF (Q13, 0..pi) to LSP (Q15). */
    static void lsfLsp2(short[] lsf, short[] lsp) {
        for (int i = 0; i < M; i++) {
            int freq = mult(lsf[i], 20861);
            int ind = shr(freq, 8);
            int offset = freq & 0xff;
            if (ind > 63) {
                ind = 63;
            }
            int lTmp = lMult(LpcTables.SLOPE_COS[ind], offset);
            lsp[i] = (short) add(LpcTables.TABLE2[ind], extractL(lShr(lTmp, 13)));
        }
    }

    /** LSP (Q15) to LSF (Q13, 0..pi). */
    static void lspLsf2(short[] lsp, short[] lsf) {
        int ind = 63;
        for (int i = M - 1; i >= 0; i--) {
            while (sub(LpcTables.TABLE2[ind], lsp[i]) < 0) {
                ind = sub(ind, 1);
                if (ind <= 0) {
                    break;
                }
            }
            int offset = sub(lsp[i], LpcTables.TABLE2[ind]);
            int lTmp = lMult(LpcTables.SLOPE_ACOS[ind], offset);
            int freq = add(shl(ind, 9), extractL(lShr(lTmp, 12)));
            lsf[i] = (short) mult(freq, 25736);
        }
    }
}
