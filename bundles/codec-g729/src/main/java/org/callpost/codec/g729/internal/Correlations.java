package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** Target/impulse-response correlations used by the pitch, codebook and gain searches (cor_func). */
final class Correlations {
    static final int L_SUBFR = 40;

    private Correlations() {
    }

    /**
     * d[i] = sum x[j] h[j-i], scaled to 13 bits. y32 is scratch of 3 * 40 ints (the products use
     * int copies of x and h: int loads make the JIT's loops faster).
     */
    static void corHX(short[] h, short[] x, int xOff, short[] d, int[] y32) {
        int max = 0;
        // no partial sum can saturate when 2 max|x| sum|h| fits: then plain integer arithmetic is exact
        boolean exact = dotFits(energy(x, xOff, xOff + L_SUBFR), energy(h, 0, L_SUBFR));
        if (exact) {
            for (int i = 0; i < L_SUBFR; i++) {
                y32[L_SUBFR + i] = x[xOff + i];
                y32[2 * L_SUBFR + i] = h[i];
            }
        }
        for (int i = 0; i < L_SUBFR; i++) {
            int s = 0;
            if (exact) {
                for (int j = i; j < L_SUBFR; j++) {
                    s += y32[L_SUBFR + j] * y32[2 * L_SUBFR + j - i];
                }
                s <<= 1;
            } else {
                for (int j = i; j < L_SUBFR; j++) {
                    s = lMac(s, x[xOff + j], h[j - i]);
                }
            }
            y32[i] = s;
            s = lAbs(s);
            if (lSub(s, max) > 0) {
                max = s;
            }
        }
        int j = normL(max);
        if (j > 16) {
            j = 16;
        }
        j = 18 - j;
        for (int i = 0; i < L_SUBFR; i++) {
            d[i] = (short) extractL(lShr(y32[i], j));
        }
    }

    /**
     * Fills g[2..4], e[2..4] with &lt;y2,y2&gt;, -2&lt;xn,y2&gt; and 2&lt;y1,y2&gt; as mantissa/exponent
     * (Corr_xy2). scaled is scratch of 40.
     */
    static void corrXy2(short[] xn, short[] y1, short[] y2, int[] g, int[] e, short[] scaled) {
        for (int i = 0; i < L_SUBFR; i++) {
            scaled[i] = (short) (y2[i] >> 3);
        }
        int acc = 1;
        for (int i = 0; i < L_SUBFR; i++) {
            acc = lMac(acc, scaled[i], scaled[i]);
        }
        int exp = normL(acc);
        g[2] = round(lShl(acc, exp));
        e[2] = exp + 19 - 16;

        acc = 1;
        for (int i = 0; i < L_SUBFR; i++) {
            acc = lMac(acc, xn[i], scaled[i]);
        }
        exp = normL(acc);
        g[3] = negate(round(lShl(acc, exp)));
        e[3] = sub(exp + 10 - 16, 1);

        acc = 1;
        for (int i = 0; i < L_SUBFR; i++) {
            acc = lMac(acc, y1[i], scaled[i]);
        }
        exp = normL(acc);
        g[4] = round(lShl(acc, exp));
        e[4] = sub(exp + 10 - 16, 1);
    }
}
