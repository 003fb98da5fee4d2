package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;

/**
 * Annex B comfort-noise generation at the decoder (dec_sid, calcexc, qsidgain): SID frames
 * carry a noise spectrum (LSF, 1+5+4 bits) and energy (5 bits); between SIDs the excitation is
 * random pulses plus Gaussian noise at a gain that glides towards the last SID's.
 */
final class ComfortNoise {
    static final int INIT_SEED = 11111;
    private static final int L_SUBFR = 40;
    private static final int A_GAIN0 = 28672;
    private static final int A_GAIN1 = 4096;
    private static final int FRAC1 = 19043;
    private static final int K0 = 24576;
    private static final int G_MAX = 5000;

    private static final short[] TAB_SIDGAIN = {
        2, 5, 8, 13, 20, 32, 50, 64,
        80, 101, 127, 160, 201, 253, 318, 401,
        505, 635, 800, 1007, 1268, 1596, 2010, 2530,
        3185, 4009, 5048, 6355, 8000, 10071, 12679, 15962,
    };
    private static final short[][] NOISE_FG_SUM = {
        {7798, 8447, 8205, 8293, 8126, 8477, 8447, 8703, 9043, 8604},
        {10514, 12402, 12833, 11914, 11447, 11670, 11132, 11311, 11844, 11447},
    };
    private static final short[] PTR_TAB_1 = {
        96, 52, 20, 54, 86, 114, 82, 68, 36, 121, 48, 92, 18, 120,
        94, 124, 50, 125, 4, 100, 28, 76, 12, 117, 81, 22, 90, 116,
        127, 21, 108, 66,
    };
    private static final short[][] PTR_TAB_2 = {
        {31, 21, 9, 3, 10, 2, 19, 26, 4, 3, 11, 29, 15, 27, 21, 12},
        {16, 1, 0, 0, 8, 25, 22, 20, 19, 23, 20, 31, 4, 31, 20, 31},
    };
    /** SID predictor: mode 0 is the speech mode-0 predictor, mode 1 a 0.6/0.4 blend of both. */
    private static final short[][][] NOISE_FG = new short[2][LspPredictor.MA_NP][M];

    static {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < M; j++) {
                NOISE_FG[0][i][j] = LspTables.FG[0][i][j];
                int acc = lMult(LspTables.FG[0][i][j], 19660);
                acc = lMac(acc, LspTables.FG[1][i][j], 13107);
                NOISE_FG[1][i][j] = (short) extractH(acc);
            }
        }
    }

    private int curGain;
    private int sidGain = TAB_SIDGAIN[0];
    private final short[] lspSid = {31441, 27566, 21458, 13612, 4663, -4663, -13612, -21458, -27566, -31441};

    private final short[] tmpBuf = new short[M];
    private final short[] lsfq = new short[M];
    private final short[] excg = new short[L_SUBFR];
    private final short[] excs = new short[L_SUBFR];
    private final int[] pos = new int[4];
    private final int[] sign = new int[4];

    /** The running random seed; reset to INIT_SEED by every active frame. */
    int seed = INIT_SEED;

    /**
     * One inactive frame: decodes the SID parameters if present, builds the noise excitation in
     * exc[off..off+80), interpolates A(z) from lspOld to the noise LSPs (lspOld updated).
     *
     * @param sid the SID indices {mode, L1, L2, gain}, or null for an untransmitted frame
     */
    void frame(boolean pastActive, int sidSav, int shSidSav, int[] sid, short[] exc, int off, short[] lspOld,
            short[] az, short[][] freqPrev, short[] lspTmp, int[] f1, int[] f2) {
        if (sid != null) {
            sidGain = TAB_SIDGAIN[sid[3]];
            decodeLsf(sid, freqPrev);
        } else if (pastActive) {
            // first SID lost: estimate the gain from the last active frame's energy
            sidGain = TAB_SIDGAIN[quantizeEnergy(sidSav, shSidSav)];
        }
        if (pastActive) {
            curGain = sidGain;
        } else {
            curGain = multR(curGain, A_GAIN0);
            curGain = add(curGain, multR(sidGain, A_GAIN1));
        }
        excitation(curGain, exc, off);
        LpcFilters.intQlpc(lspOld, lspSid, az, lspTmp, f1, f2);
        System.arraycopy(lspSid, 0, lspOld, 0, M);
    }

    private void decodeLsf(int[] index, short[][] freqPrev) {
        System.arraycopy(LspTables.LSPCB1[PTR_TAB_1[index[1]]], 0, tmpBuf, 0, M);
        short[] cbLow = LspTables.LSPCB2[PTR_TAB_2[0][index[2]]];
        short[] cbHigh = LspTables.LSPCB2[PTR_TAB_2[1][index[2]]];
        for (int i = 0; i < M / 2; i++) {
            tmpBuf[i] = (short) add(tmpBuf[i], cbLow[i]);
        }
        for (int i = M / 2; i < M; i++) {
            tmpBuf[i] = (short) add(tmpBuf[i], cbHigh[i]);
        }
        for (int j = 1; j < M; j++) {
            int acc = lMult(tmpBuf[j - 1], 16384);
            acc = lMac(acc, tmpBuf[j], -16384);
            acc = lMac(acc, 10, 16384);
            int k = extractH(acc);
            if (k > 0) {
                tmpBuf[j - 1] = (short) sub(tmpBuf[j - 1], k);
                tmpBuf[j] = (short) add(tmpBuf[j], k);
            }
        }
        LspPredictor.compose(tmpBuf, lsfq, NOISE_FG[index[0]], freqPrev, NOISE_FG_SUM[index[0]]);
        LspPredictor.update(tmpBuf, freqPrev);
        LspPredictor.stability(lsfq);
        LpcFilters.lsfLsp2(lsfq, lspSid);
    }

    /** Qua_Sidgain for a single saved energy (the erased-first-SID case). */
    private static int quantizeEnergy(int ener, int shEner) {
        int acc = lShl(ener, shEner);
        int lx = mpy3216(hi(acc), lo(acc), 410);
        int log = DspMath.log2(lx);
        int temp = DspMath.log2Exponent(log);
        int eTmp = shl(temp, 10);
        eTmp = add(eTmp, multR(DspMath.log2Fraction(log), 1024));
        if (eTmp - (-2721) <= 0) {
            return 0;
        }
        if (sub(eTmp, 22111) > 0) {
            return 31;
        }
        if (sub(eTmp, 4762) <= 0) {
            eTmp = add(eTmp, 3401);
            int index = mult(eTmp, 24);
            return index < 1 ? 1 : index;
        }
        eTmp = sub(eTmp, 340);
        int index = sub(shr(mult(eTmp, 193), 2), 1);
        return index < 6 ? 6 : index;
    }

    private void excitation(int gain, short[] exc, int off) {
        if (gain == 0) {
            for (int i = 0; i < 80; i++) {
                exc[off + i] = 0;
            }
            return;
        }
        for (int sf = 0; sf < 80; sf += L_SUBFR) {
            int cur = off + sf;
            int temp1 = nextRandom();
            int frac = (temp1 & 3) - 1;
            if (frac == 2) {
                frac = 0;
            }
            temp1 = shr(temp1, 2);
            int t0 = (temp1 & 0x3f) + 40;
            temp1 = shr(temp1, 6);
            int temp2 = temp1 & 7;
            pos[0] = temp2 * 5;
            temp1 = shr(temp1, 3);
            sign[0] = temp1 & 1;
            temp1 = shr(temp1, 1);
            temp2 = temp1 & 7;
            pos[1] = temp2 * 5 + 1;
            temp1 = shr(temp1, 3);
            sign[1] = temp1 & 1;
            temp1 = nextRandom();
            temp2 = temp1 & 7;
            pos[2] = temp2 * 5 + 2;
            temp1 = shr(temp1, 3);
            sign[2] = temp1 & 1;
            temp1 = shr(temp1, 1);
            temp2 = temp1 & 0xf;
            pos[3] = (temp2 & 1) + 3 + ((temp2 >> 1) & 7) * 5;
            temp1 = shr(temp1, 4);
            sign[3] = temp1 & 1;
            int gp = nextRandom() & 0x1fff;
            int gp2 = shl(gp, 1);

            int acc = 0;
            for (int i = 0; i < L_SUBFR; i++) {
                int g = gauss();
                acc = lMac(acc, g, g);
                excg[i] = (short) g;
            }
            acc = DspMath.invSqrt(lShr(acc, 1));
            temp1 = multR(gain, FRAC1);
            temp1 = add(gain, temp1);
            acc = mpy3216(hi(acc), lo(acc), temp1);
            int sh = normL(acc);
            temp1 = extractH(lShl(acc, sh));
            sh = sub(sh, 14);
            for (int i = 0; i < L_SUBFR; i++) {
                excg[i] = (short) shrR(multR(excg[i], temp1), sh);
            }

            AdaptiveCodebook.predict(exc, cur, t0, frac, L_SUBFR);

            int max = 0;
            for (int i = 0; i < L_SUBFR; i++) {
                int v = add(multR(exc[cur + i], gp2), excg[i]);
                exc[cur + i] = (short) v;
                v = abs(v);
                if (v > max) {
                    max = v;
                }
            }
            if (max == 0) {
                sh = 0;
            } else {
                sh = sub(3, normS(max));
                if (sh <= 0) {
                    sh = 0;
                }
            }
            for (int i = 0; i < L_SUBFR; i++) {
                excs[i] = (short) shr(exc[cur + i], sh);
            }

            // solve 4x^2 + 2bx + c = 0 for the pulse gain x
            int ener = 0;
            for (int i = 0; i < L_SUBFR; i++) {
                ener = lMac(ener, excs[i], excs[i]);
            }
            int interExc = 0;
            for (int i = 0; i < 4; i++) {
                int j = pos[i];
                interExc = sign[i] == 0 ? sub(interExc, excs[j]) : add(interExc, excs[j]);
            }
            acc = lMult(gain, L_SUBFR);
            acc = lShr(acc, 6);
            temp1 = extractL(acc);
            int lK = lMult(gain, temp1);
            temp1 = add(1, shl(sh, 1));
            acc = lShr(lK, temp1);
            acc = lSub(acc, ener);
            interExc = shr(interExc, 1);
            acc = lMac(acc, interExc, interExc);
            sh = add(sh, 1);

            if (acc < 0) {
                System.arraycopy(excg, 0, exc, cur, L_SUBFR);
                temp1 = abs(excg[pos[0]]) | abs(excg[pos[1]]);
                temp2 = abs(excg[pos[2]]) | abs(excg[pos[3]]);
                temp1 = temp1 | temp2;
                sh = (temp1 & 0x4000) == 0 ? 1 : 2;
                interExc = 0;
                for (int i = 0; i < 4; i++) {
                    temp1 = shr(excg[pos[i]], sh);
                    interExc = sign[i] == 0 ? sub(interExc, temp1) : add(interExc, temp1);
                }
                acc = mpy3216(hi(lK), lo(lK), K0);
                temp1 = sub(shl(sh, 1), 1);
                acc = lShr(acc, temp1);
                acc = lMac(acc, interExc, interExc);
            }
            temp2 = sqrt(acc);
            int x1 = sub(temp2, interExc);
            int x2 = negate(add(interExc, temp2));
            if (abs(x2) < abs(x1)) {
                x1 = x2;
            }
            temp1 = sub(2, sh);
            int g = shrR(x1, temp1);
            if (g >= 0) {
                if (g > G_MAX) {
                    g = G_MAX;
                }
            } else if (add(g, G_MAX) < 0) {
                g = negate(G_MAX);
            }
            for (int i = 0; i < 4; i++) {
                int j = pos[i];
                exc[cur + j] = (short) (sign[i] != 0 ? add(exc[cur + j], g) : sub(exc[cur + j], g));
            }
        }
    }

    private int nextRandom() {
        seed = DspMath.random(seed);
        return seed;
    }

    private int gauss() {
        int acc = 0;
        for (int i = 0; i < 12; i++) {
            acc = lAdd(acc, nextRandom());
        }
        return extractL(lShr(acc, 7));
    }

    /** sqrt(num/2) by bit-wise search. */
    private static int sqrt(int num) {
        int rez = 0;
        int exp = 0x4000;
        for (int i = 0; i < 14; i++) {
            int acc = lMult(add(rez, exp), add(rez, exp));
            if (lSub(num, acc) >= 0) {
                rez = add(rez, exp);
            }
            exp = shr(exp, 1);
        }
        return rez;
    }
}
