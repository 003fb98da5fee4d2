package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.AdaptiveCodebook.PIT_MAX;
import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * Encoder pitch analysis of Annex A: open-loop lag on the decimated weighted speech, closed-loop
 * fractional search around it, the adaptive-codebook gain and the lag coding.
 */
final class PitchSearch {
    private static final int L_FRAME = 80;
    private static final int L_SUBFR = 40;

    private final short[] scaled = new short[L_FRAME + PIT_MAX];
    /** scaled[] split into its even and odd samples. */
    private final int[] even = new int[(L_FRAME + PIT_MAX + 1) / 2];
    private final int[] odd = new int[(L_FRAME + PIT_MAX) / 2];
    private final short[] dn = new short[L_SUBFR];
    private final short[] excTmp = new short[L_SUBFR];
    private final int[] y32 = new int[3 * L_SUBFR];
    /** Whether this frame's scaled signal is small enough for unsaturated arithmetic. */
    private boolean plain;
    private boolean dnPlain;
    private long dnEnergy;

    /** Open-loop lag from weighted speech wsp[off-143 .. off+80) (Pitch_ol_fast). */
    int openLoop(short[] wsp, int off) {
        int base = off - PIT_MAX;
        boolean overflow = false;
        long energy = 0;
        for (int i = -PIT_MAX; i < L_FRAME; i += 2) {
            int v = wsp[off + i];
            if (v == MIN_16) {
                overflow = true;
            }
            energy += 2L * v * v;
        }
        if (energy > MAX_32) {
            overflow = true;
        }
        int n = L_FRAME + PIT_MAX;
        if (overflow) {
            for (int i = 0; i < n; i++) {
                scaled[i] = (short) (wsp[base + i] >> 3);
            }
        } else if (energy < 1048576) {
            for (int i = 0; i < n; i++) {
                scaled[i] = (short) shl(wsp[base + i], 3);
            }
        } else {
            System.arraycopy(wsp, base, scaled, 0, n);
        }
        int sig = PIT_MAX;
        // every correlation and energy below is bounded by the energy of the whole scaled signal
        long all = 0;
        for (int i = 0; i < n; i++) {
            all += scaled[i] * scaled[i];
        }
        plain = 2 * all + 1 <= MAX_32;
        if (plain) {
            // the search correlates every other sample: split them by parity so that each
            // correlation below reads two contiguous int arrays
            for (int i = 0, k = 0; i < n; i += 2, k++) {
                even[k] = scaled[i];
            }
            for (int i = 1, k = 0; i < n; i += 2, k++) {
                odd[k] = scaled[i];
            }
        }

        int max = MIN_32;
        int t1 = 20;
        for (int i = 20; i < 40; i++) {
            int sum = corr(sig, sig - i);
            if (lSub(sum, max) > 0) {
                max = sum;
                t1 = i;
            }
        }
        int max1 = normalised(max, sig - t1);

        max = MIN_32;
        int t2 = 40;
        for (int i = 40; i < 80; i++) {
            int sum = corr(sig, sig - i);
            if (lSub(sum, max) > 0) {
                max = sum;
                t2 = i;
            }
        }
        int max2 = normalised(max, sig - t2);

        max = MIN_32;
        int t3 = 80;
        for (int i = 80; i < 143; i += 2) {
            int sum = corr(sig, sig - i);
            if (lSub(sum, max) > 0) {
                max = sum;
                t3 = i;
            }
        }
        int i = t3;
        int sum = corr(sig, sig - (i + 1));
        if (lSub(sum, max) > 0) {
            max = sum;
            t3 = i + 1;
        }
        sum = corr(sig, sig - (i - 1));
        if (lSub(sum, max) > 0) {
            max = sum;
            t3 = i - 1;
        }
        int max3 = normalised(max, sig - t3);

        // favour lags that are not multiples of a shorter candidate
        i = sub(shl(t2, 1), t3);
        if (abs(i) < 5) {
            max2 = add(max2, shr(max3, 2));
        }
        i = add(i, t2);
        if (abs(i) < 7) {
            max2 = add(max2, shr(max3, 2));
        }
        i = sub(shl(t1, 1), t2);
        if (abs(i) < 5) {
            max1 = add(max1, mult(max2, 6554));
        }
        i = add(i, t1);
        if (abs(i) < 7) {
            max1 = add(max1, mult(max2, 6554));
        }
        if (max1 < max2) {
            max1 = max2;
            t1 = t2;
        }
        if (max1 < max3) {
            t1 = t3;
        }
        return t1;
    }

    private int corr(int p, int p1) {
        int sum = 0;
        if (plain) {
            int[] x = (p & 1) == 0 ? even : odd;
            int[] y = (p1 & 1) == 0 ? even : odd;
            int xo = p >> 1;
            int yo = p1 >> 1;
            for (int j = 0; j < L_FRAME / 2; j++) {
                sum += x[xo + j] * y[yo + j];
            }
            return sum << 1;
        }
        for (int j = 0; j < L_FRAME; j += 2) {
            sum = lMac(sum, scaled[p + j], scaled[p1 + j]);
        }
        return sum;
    }

    /** max / sqrt(energy of the delayed signal). */
    private int normalised(int max, int p) {
        int sum = 1;
        if (plain) {
            for (int i = 0; i < L_FRAME; i += 2) {
                sum += 2 * scaled[p + i] * scaled[p + i];
            }
        } else {
            for (int i = 0; i < L_FRAME; i += 2) {
                sum = lMac(sum, scaled[p + i], scaled[p + i]);
            }
        }
        sum = DspMath.invSqrt(sum);
        sum = mpy32(hi(max), lo(max), hi(sum), lo(sum));
        return extractL(sum);
    }

    /**
     * Closed-loop fractional pitch search in [t0Min, t0Max] for the subframe at exc[excOff];
     * leaves the chosen adaptive-codebook vector in exc. Returns (T0 << 8) | (frac & 0xff).
     */
    int closedLoop(short[] exc, int excOff, short[] xn, int xnOff, short[] h, int t0Min, int t0Max, int subframe) {
        Correlations.corHX(h, xn, xnOff, dn, y32);
        // one bound for every lag: the energy of the whole excitation window searched
        dnEnergy = energy(dn, 0, L_SUBFR);
        dnPlain = dotFits(dnEnergy, energy(exc, excOff - t0Max, excOff - t0Min + L_SUBFR));
        int max = MIN_32;
        int t0 = t0Min;
        for (int t = t0Min; t <= t0Max; t++) {
            int corr = dot(exc, excOff - t, dnPlain);
            if (lSub(corr, max) > 0) {
                max = corr;
                t0 = t;
            }
        }
        AdaptiveCodebook.predict(exc, excOff, t0, 0, L_SUBFR);
        max = dot(exc, excOff, dotFits(dnEnergy, energy(exc, excOff, excOff + L_SUBFR)));
        int frac = 0;
        if (subframe == 0 && t0 > 84) {
            return t0 << 8;
        }
        System.arraycopy(exc, excOff, excTmp, 0, L_SUBFR);
        AdaptiveCodebook.predict(exc, excOff, t0, -1, L_SUBFR);
        int corr = dot(exc, excOff, dotFits(dnEnergy, energy(exc, excOff, excOff + L_SUBFR)));
        if (lSub(corr, max) > 0) {
            max = corr;
            frac = -1;
            System.arraycopy(exc, excOff, excTmp, 0, L_SUBFR);
        }
        AdaptiveCodebook.predict(exc, excOff, t0, 1, L_SUBFR);
        corr = dot(exc, excOff, dotFits(dnEnergy, energy(exc, excOff, excOff + L_SUBFR)));
        if (lSub(corr, max) > 0) {
            frac = 1;
        } else {
            System.arraycopy(excTmp, 0, exc, excOff, L_SUBFR);
        }
        return (t0 << 8) | (frac & 0xff);
    }

    private int dot(short[] x, int off, boolean plain) {
        int sum = 0;
        if (plain) {
            for (int i = 0; i < L_SUBFR; i++) {
                sum += dn[i] * x[off + i];
            }
            return sum << 1;
        }
        for (int i = 0; i < L_SUBFR; i++) {
            sum = lMac(sum, dn[i], x[off + i]);
        }
        return sum;
    }

    /**
     * Adaptive-codebook gain xn.y1/y1.y1 in Q14, bounded to [0, 1.2]; stores the correlations
     * for the gain quantiser in g[0..1] (mantissa) and e[0..1] (exponent) as Qua_gain expects.
     */
    static int gain(short[] xn, short[] y1, int[] g, int[] e) {
        boolean ovf = false;
        long s = 1;
        for (int i = 0; i < L_SUBFR; i++) {
            if (y1[i] == MIN_16) {
                ovf = true;
            }
            s += 2L * y1[i] * y1[i];
        }
        int expYy;
        int yy;
        if (!ovf && s <= MAX_32) {
            int si = (int) s;
            expYy = normL(si);
            yy = round(lShl(si, expYy));
        } else {
            int si = 1;
            for (int i = 0; i < L_SUBFR; i++) {
                int v = y1[i] >> 2;
                si = lMac(si, v, v);
            }
            expYy = normL(si);
            yy = round(lShl(si, expYy));
            expYy -= 4;
        }

        ovf = false;
        s = 0;
        for (int i = 0; i < L_SUBFR; i++) {
            long p = 2L * xn[i] * y1[i];
            if (p == 0x80000000L) {
                p = MAX_32;
                ovf = true;
            }
            s += p;
            if (s > MAX_32) {
                s = MAX_32;
                ovf = true;
            } else if (s < MIN_32) {
                s = MIN_32;
                ovf = true;
            }
        }
        int expXy;
        int xy;
        if (!ovf) {
            int si = (int) s;
            expXy = normL(si);
            xy = round(lShl(si, expXy));
        } else {
            int si = 0;
            for (int i = 0; i < L_SUBFR; i++) {
                si = lMac(si, xn[i], y1[i] >> 2);
            }
            expXy = normL(si);
            xy = round(lShl(si, expXy));
            expXy -= 2;
        }
        // the gain quantiser works on <y1,y1> and -2<xn,y1>
        g[0] = yy;
        e[0] = 15 - expYy;
        g[1] = xy;
        e[1] = 15 - expXy;
        if (xy <= 0) {
            e[1] = -15;
            return 0;
        }
        xy = shr(xy, 1);
        int gain = divS(xy, yy);
        gain = shr(gain, sub(expXy, expYy));
        return gain > 19661 ? 19661 : gain;
    }

    /** Lag index: 8 bits in subframe 1 (updating the subframe-2 range in minMax), 5 in subframe 2. */
    static int encodeLag(int t0, int frac, int[] minMax, int subframe) {
        int index;
        if (subframe == 0) {
            index = t0 <= 85 ? 3 * t0 - 58 + frac : t0 + 112;
            int tMin = t0 - 5;
            if (tMin < AdaptiveCodebook.PIT_MIN) {
                tMin = AdaptiveCodebook.PIT_MIN;
            }
            int tMax = tMin + 9;
            if (tMax > PIT_MAX) {
                tMax = PIT_MAX;
                tMin = tMax - 9;
            }
            minMax[0] = tMin;
            minMax[1] = tMax;
        } else {
            index = 3 * (t0 - minMax[0]) + 2 + frac;
        }
        return index;
    }
}
