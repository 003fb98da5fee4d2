package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;

/**
 * Encoder LP analysis: windowed autocorrelation, lag window, Levinson-Durbin in double precision
 * and the Chebyshev root search from A(z) to LSPs (G.729 3.2, Annex A).
 */
final class LpcAnalysis {
    private static final int L_WINDOW = 240;
    private static final int NC = 5;

    /** Last stable filter, kept for when Levinson finds an unstable one. */
    private final short[] oldA = {4096, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** The windowed signal: 16-bit values, held as ints (int loads make the JIT's loops faster). */
    private final int[] y = new int[L_WINDOW];
    private final short[] rh = new short[M + 1];
    private final short[] rl = new short[M + 1];
    private final short[] ah = new short[M + 1];
    private final short[] al = new short[M + 1];
    private final short[] anh = new short[M + 1];
    private final short[] anl = new short[M + 1];
    private final short[] f1 = new short[NC + 1];
    private final short[] f2 = new short[NC + 1];

    /**
     * From the 240-sample window starting at {@code x[xOff]} to A(z) in Q12 ({@code a}, 11 values)
     * and its LSPs ({@code lsp}, falling back to {@code oldLsp} when not all 10 roots are found).
     */
    void analyse(short[] x, int xOff, short[] a, short[] lsp, short[] oldLsp) {
        autocorr(x, xOff);
        lagWindow();
        levinson(a);
        azLsp(a, lsp, oldLsp);
    }

    private void autocorr(short[] x, int xOff) {
        for (int i = 0; i < L_WINDOW; i++) {
            y[i] = multR(x[xOff + i], LpcTables.HAMWINDOW[i]);
        }
        long sum;
        while (true) {
            // the terms are non-negative, so saturation happens exactly when the sum exceeds 2^31-1
            sum = 1;
            for (int i = 0; i < L_WINDOW; i++) {
                sum += 2L * y[i] * y[i];
            }
            if (sum <= MAX_32) {
                break;
            }
            for (int i = 0; i < L_WINDOW; i++) {
                y[i] = y[i] >> 2;
            }
        }
        int s = (int) sum;
        int norm = normL(s);
        s = lShl(s, norm);
        rh[0] = (short) hi(s);
        rl[0] = (short) lo(s);
        for (int i = 1; i <= M; i++) {
            // |sum 2 y[j] y[j+i]| <= sum y^2 + sum y^2 <= r[0], which fits: plain arithmetic is exact
            int acc = 0;
            for (int j = 0; j < L_WINDOW - i; j++) {
                acc += y[j] * y[j + i];
            }
            acc <<= 1;
            acc = lShl(acc, norm);
            rh[i] = (short) hi(acc);
            rl[i] = (short) lo(acc);
        }
    }

    private void lagWindow() {
        for (int i = 1; i <= M; i++) {
            int x = mpy32(rh[i], rl[i], LpcTables.LAG_H[i - 1], LpcTables.LAG_L[i - 1]);
            rh[i] = (short) hi(x);
            rl[i] = (short) lo(x);
        }
    }

    private void levinson(short[] a) {
        int t1 = lComp(rh[1], rl[1]);
        int t2 = lAbs(t1);
        int t0 = div32(t2, rh[0], rl[0]);
        if (t1 > 0) {
            t0 = lNegate(t0);
        }
        int kh = hi(t0);
        int kl = lo(t0);
        t0 = lShr(t0, 4);
        ah[1] = (short) hi(t0);
        al[1] = (short) lo(t0);

        t0 = mpy32(kh, kl, kh, kl);
        t0 = lAbs(t0);
        t0 = lSub(MAX_32, t0);
        t0 = mpy32(rh[0], rl[0], hi(t0), lo(t0));
        int alpExp = normL(t0);
        t0 = lShl(t0, alpExp);
        int alpH = hi(t0);
        int alpL = lo(t0);

        for (int i = 2; i <= M; i++) {
            t0 = 0;
            for (int j = 1; j < i; j++) {
                t0 = lAdd(t0, mpy32(rh[j], rl[j], ah[i - j], al[i - j]));
            }
            t0 = lShl(t0, 4);
            t1 = lComp(rh[i], rl[i]);
            t0 = lAdd(t0, t1);

            t1 = lAbs(t0);
            t2 = div32(t1, alpH, alpL);
            if (t0 > 0) {
                t2 = lNegate(t2);
            }
            t2 = lShl(t2, alpExp);
            kh = hi(t2);
            kl = lo(t2);
            if (abs(kh) > 32750) {
                System.arraycopy(oldA, 0, a, 0, M + 1);
                return;
            }
            for (int j = 1; j < i; j++) {
                t0 = mpy32(kh, kl, ah[i - j], al[i - j]);
                t0 = lAdd(t0, lComp(ah[j], al[j]));
                anh[j] = (short) hi(t0);
                anl[j] = (short) lo(t0);
            }
            t2 = lShr(t2, 4);
            anh[i] = (short) hi(t2);
            anl[i] = (short) lo(t2);

            t0 = mpy32(kh, kl, kh, kl);
            t0 = lAbs(t0);
            t0 = lSub(MAX_32, t0);
            t0 = mpy32(alpH, alpL, hi(t0), lo(t0));
            int j = normL(t0);
            t0 = lShl(t0, j);
            alpH = hi(t0);
            alpL = lo(t0);
            alpExp = add(alpExp, j);
            for (j = 1; j <= i; j++) {
                ah[j] = anh[j];
                al[j] = anl[j];
            }
        }
        a[0] = 4096;
        for (int i = 1; i <= M; i++) {
            t0 = lComp(ah[i], al[i]);
            a[i] = (short) round(lShl(t0, 1));
            oldA[i] = a[i];
        }
    }

    private void azLsp(short[] a, short[] lsp, short[] oldLsp) {
        boolean ovf = false;
        f1[0] = 2048;
        f2[0] = 2048;
        for (int i = 0; i < NC; i++) {
            long t = (long) a[i + 1] * 16384 * 2 + (long) a[M - i] * 16384 * 2;
            // L_mult of Q12 values by 0.5 cannot saturate; only the L_mac sum can
            if (t > MAX_32 || t < MIN_32) {
                ovf = true;
                t = t > 0 ? MAX_32 : MIN_32;
            }
            int x = (int) (t >> 16);
            int d = x - f1[i];
            if (d > MAX_16 || d < MIN_16) {
                ovf = true;
            }
            f1[i + 1] = (short) sat16(d);
            t = (long) a[i + 1] * 16384 * 2 - (long) a[M - i] * 16384 * 2;
            if (t > MAX_32 || t < MIN_32) {
                ovf = true;
                t = t > 0 ? MAX_32 : MIN_32;
            }
            x = (int) (t >> 16);
            d = x + f2[i];
            if (d > MAX_16 || d < MIN_16) {
                ovf = true;
            }
            f2[i + 1] = (short) sat16(d);
        }
        boolean q10 = ovf;
        if (ovf) {
            f1[0] = 1024;
            f2[0] = 1024;
            for (int i = 0; i < NC; i++) {
                int t0 = lMult(a[i + 1], 8192);
                t0 = lMac(t0, a[M - i], 8192);
                int x = extractH(t0);
                f1[i + 1] = (short) sub(x, f1[i]);
                t0 = lMult(a[i + 1], 8192);
                t0 = lMsu(t0, a[M - i], 8192);
                x = extractH(t0);
                f2[i + 1] = (short) add(x, f2[i]);
            }
        }

        int nf = 0;
        int ip = 0;
        short[] coef = f1;
        int xlow = LpcTables.GRID[0];
        int ylow = chebps(xlow, coef, q10);
        int j = 0;
        while (nf < M && j < 50) {
            j++;
            int xhigh = xlow;
            int yhigh = ylow;
            xlow = LpcTables.GRID[j];
            ylow = chebps(xlow, coef, q10);
            if (lMult(ylow, yhigh) <= 0) {
                for (int i = 0; i < 2; i++) {
                    int xmid = add(shr(xlow, 1), shr(xhigh, 1));
                    int ymid = chebps(xmid, coef, q10);
                    if (lMult(ylow, ymid) <= 0) {
                        yhigh = ymid;
                        xhigh = xmid;
                    } else {
                        ylow = ymid;
                        xlow = xmid;
                    }
                }
                int x = sub(xhigh, xlow);
                int yy = sub(yhigh, ylow);
                int xint;
                if (yy == 0) {
                    xint = xlow;
                } else {
                    int sign = yy;
                    yy = abs(yy);
                    int exp = normS(yy);
                    yy = shl(yy, exp);
                    yy = divS(16383, yy);
                    int t0 = lMult(x, yy);
                    t0 = lShr(t0, sub(20, exp));
                    yy = extractL(t0);
                    if (sign < 0) {
                        yy = negate(yy);
                    }
                    t0 = lMult(ylow, yy);
                    t0 = lShr(t0, 11);
                    xint = sub(xlow, extractL(t0));
                }
                lsp[nf] = (short) xint;
                xlow = xint;
                nf++;
                if (ip == 0) {
                    ip = 1;
                    coef = f2;
                } else {
                    ip = 0;
                    coef = f1;
                }
                ylow = chebps(xlow, coef, q10);
            }
        }
        if (nf < M) {
            System.arraycopy(oldLsp, 0, lsp, 0, M);
        }
    }

    /** Chebyshev series C(x) evaluated in Q24 (coefficients Q11) or Q23 (Q10); result Q14. */
    private static int chebps(int x, short[] f, boolean q10) {
        int b2h = q10 ? 128 : 256;
        int b2l = 0;
        int t0 = lMult(x, q10 ? 256 : 512);
        t0 = lMac(t0, f[1], 4096);
        int b1h = hi(t0);
        int b1l = lo(t0);
        for (int i = 2; i < NC; i++) {
            t0 = mpy3216(b1h, b1l, x);
            t0 = lShl(t0, 1);
            t0 = lMac(t0, b2h, -32768);
            t0 = lMsu(t0, b2l, 1);
            t0 = lMac(t0, f[i], 4096);
            int b0h = hi(t0);
            int b0l = lo(t0);
            b2l = b1l;
            b2h = b1h;
            b1l = b0l;
            b1h = b0h;
        }
        t0 = mpy3216(b1h, b1l, x);
        t0 = lMac(t0, b2h, -32768);
        t0 = lMsu(t0, b2l, 1);
        t0 = lMac(t0, f[NC], 2048);
        t0 = lShl(t0, q10 ? 7 : 6);
        return extractH(t0);
    }
}
