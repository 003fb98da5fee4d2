package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.AdaptiveCodebook.PIT_MAX;
import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;
import static org.callpost.codec.g729.internal.LpcFilters.MP1;

/**
 * The Annex A post-filter: long-term (harmonic) filter on the residual of A(z/0.55), short-term
 * filter 1/A(z/0.7), tilt compensation and adaptive gain control, per 40-sample subframe.
 */
final class PostFilter {
    private static final int L_FRAME = 80;
    private static final int L_SUBFR = 40;
    private static final int L_H = 22;
    private static final int GAMMAP = 16384;
    private static final int INV_GAMMAP = 21845;
    private static final int GAMMAP_2 = 10923;
    private static final int GAMMA2_PST = 18022;
    private static final int GAMMA1_PST = 22938;
    private static final int MU = 26214;
    private static final int AGC_FAC = 29491;
    private static final int AGC_FAC1 = 32767 - AGC_FAC;

    /** Residual history, PIT_MAX samples before the current subframe. */
    private final short[] res2 = new short[PIT_MAX + L_SUBFR];
    private final short[] scalRes2 = new short[PIT_MAX + L_SUBFR];
    private final short[] memSynPst = new short[M];
    private int memPre;
    private int pastGain = 4096;

    private final short[] res2Pst = new short[L_SUBFR];
    private final short[] synPst = new short[L_FRAME];
    private final short[] ap3 = new short[MP1];
    private final short[] ap4 = new short[MP1];
    private final short[] h = new short[L_H];
    private final short[] tmp = new short[L_SUBFR + M];

    /**
     * Filters syn[off .. off+80) in place; syn[off-M .. off) must hold the previous frame's
     * unfiltered synthesis, and is updated for the next call.
     */
    void filter(short[] syn, int off, short[] az, int[] t, boolean voiced) {
        for (int sf = 0; sf < 2; sf++) {
            int iSubfr = sf * L_SUBFR;
            int azOff = sf * MP1;
            int t0Min = t[sf] - 3;
            int t0Max = t0Min + 6;
            if (t0Max > PIT_MAX) {
                t0Max = PIT_MAX;
                t0Min = t0Max - 6;
            }
            LpcFilters.weightAz(az, azOff, GAMMA2_PST, ap3, 0);
            LpcFilters.weightAz(az, azOff, GAMMA1_PST, ap4, 0);
            LpcFilters.residu(ap3, 0, syn, off + iSubfr, res2, PIT_MAX, L_SUBFR);
            for (int j = 0; j < L_SUBFR; j++) {
                scalRes2[PIT_MAX + j] = (short) (res2[PIT_MAX + j] >> 2);
            }
            if (voiced) {
                pitchFilter(t0Min, t0Max);
            } else {
                System.arraycopy(res2, PIT_MAX, res2Pst, 0, L_SUBFR);
            }

            // tilt compensation from the first correlations of the A(z/g2)/A(z/g1) response
            System.arraycopy(ap3, 0, h, 0, MP1);
            for (int i = MP1; i < L_H; i++) {
                h[i] = 0;
            }
            LpcFilters.synFilt(ap4, 0, h, 0, h, 0, L_H, h, MP1, false, tmp);
            int acc = lMult(h[0], h[0]);
            for (int i = 1; i < L_H; i++) {
                acc = lMac(acc, h[i], h[i]);
            }
            int temp1 = extractH(acc);
            acc = lMult(h[0], h[1]);
            for (int i = 1; i < L_H - 1; i++) {
                acc = lMac(acc, h[i], h[i + 1]);
            }
            int temp2 = extractH(acc);
            if (temp2 <= 0) {
                temp2 = 0;
            } else {
                temp2 = mult(temp2, MU);
                temp2 = divS(temp2, temp1);
            }
            preemphasis(temp2);

            LpcFilters.synFilt(ap4, 0, res2Pst, 0, synPst, iSubfr, L_SUBFR, memSynPst, 0, true, tmp);
            agc(syn, off + iSubfr, synPst, iSubfr);

            System.arraycopy(res2, L_SUBFR, res2, 0, PIT_MAX);
            System.arraycopy(scalRes2, L_SUBFR, scalRes2, 0, PIT_MAX);
        }
        System.arraycopy(syn, off + L_FRAME - M, syn, off - M, M);
        System.arraycopy(synPst, 0, syn, off, L_FRAME);
    }

    private void pitchFilter(int t0Min, int t0Max) {
        int cur = PIT_MAX;
        int corMax = MIN_32;
        int t0 = t0Min;
        // correlations and energies are bounded by the energy of the window they are taken from
        long energy = 1;
        for (int i = cur - t0Max; i < cur + L_SUBFR; i++) {
            energy += 2L * scalRes2[i] * scalRes2[i];
        }
        boolean plain = 2 * energy <= MAX_32;
        for (int i = t0Min; i <= t0Max; i++) {
            int corr = 0;
            int p1 = cur - i;
            if (plain) {
                for (int j = 0; j < L_SUBFR; j++) {
                    corr += scalRes2[cur + j] * scalRes2[p1 + j];
                }
                corr <<= 1;
            } else {
                for (int j = 0; j < L_SUBFR; j++) {
                    corr = lMac(corr, scalRes2[cur + j], scalRes2[p1 + j]);
                }
            }
            if (lSub(corr, corMax) > 0) {
                corMax = corr;
                t0 = i;
            }
        }
        int ener = energy(scalRes2, cur - t0, 1);
        int ener0 = energy(scalRes2, cur, 1);
        if (corMax < 0) {
            corMax = 0;
        }
        int temp = corMax;
        if (ener > temp) {
            temp = ener;
        }
        if (ener0 > temp) {
            temp = ener0;
        }
        int j = normL(temp);
        int cmax = round(lShl(corMax, j));
        int en = round(lShl(ener, j));
        int en0 = round(lShl(ener0, j));

        // prediction gain below 3 dB: leave the residual unfiltered
        temp = lMult(cmax, cmax);
        temp = lSub(temp, lShr(lMult(en, en0), 1));
        if (temp < 0) {
            System.arraycopy(res2, cur, res2Pst, 0, L_SUBFR);
            return;
        }
        int g0;
        int gain;
        if (cmax > en) {
            g0 = INV_GAMMAP;
            gain = GAMMAP_2;
        } else {
            cmax = shr(mult(cmax, GAMMAP), 1);
            en = shr(en, 1);
            int i = add(cmax, en);
            if (i > 0) {
                gain = divS(cmax, i);
                g0 = sub(32767, gain);
            } else {
                g0 = 32767;
                gain = 0;
            }
        }
        for (int i = 0; i < L_SUBFR; i++) {
            res2Pst[i] = (short) add(mult(g0, res2[cur + i]), mult(gain, res2[cur + i - t0]));
        }
    }

    /** start + sum 2 x^2 over a subframe: non-negative terms, so saturating once at the end is exact. */
    private static int energy(short[] x, int off, int start) {
        long e = 0;
        for (int i = off; i < off + L_SUBFR; i++) {
            e += x[i] * x[i];
        }
        e = start + 2 * e;
        return e > MAX_32 ? MAX_32 : (int) e;
    }

    /** Energy of the subframe scaled down by 4, as the gain control measures it. */
    private static int energyQuarter(short[] x, int off) {
        long e = 0;
        for (int i = off; i < off + L_SUBFR; i++) {
            int v = x[i] >> 2;
            e += v * v;
        }
        e *= 2;
        return e > MAX_32 ? MAX_32 : (int) e;
    }

    private void preemphasis(int g) {
        short[] s = res2Pst;
        int temp = s[L_SUBFR - 1];
        for (int i = L_SUBFR - 1; i > 0; i--) {
            s[i] = (short) sub(s[i], mult(g, s[i - 1]));
        }
        s[0] = (short) sub(s[0], mult(g, memPre));
        memPre = temp;
    }

    private void agc(short[] sigIn, int inOff, short[] sigOut, int outOff) {
        int s = energyQuarter(sigOut, outOff);
        if (s == 0) {
            pastGain = 0;
            return;
        }
        int exp = normL(s) - 1;
        int gainOut = round(lShl(s, exp));
        s = energyQuarter(sigIn, inOff);
        int g0;
        if (s == 0) {
            g0 = 0;
        } else {
            int i = normL(s);
            int gainIn = round(lShl(s, i));
            exp = exp - i;
            s = divS(gainOut, gainIn);
            s = lShl(s, 7);
            s = lShr(s, exp);
            s = DspMath.invSqrt(s);
            i = round(lShl(s, 9));
            g0 = mult(i, AGC_FAC1);
        }
        int gain = pastGain;
        for (int i = 0; i < L_SUBFR; i++) {
            gain = mult(gain, AGC_FAC);
            gain = add(gain, g0);
            // gain >= 0, so L_mult cannot hit -32768 * -32768; L_shl by 3 saturates
            long t = (2L * sigOut[outOff + i] * gain) << 3;
            sigOut[outOff + i] = (short) ((t > MAX_32 ? MAX_32 : (t < MIN_32 ? MIN_32 : t)) >> 16);
        }
        pastGain = gain;
    }
}
