package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * Encoder two-stage conjugate gain VQ (G.729 3.9): pre-selects 4x8 candidates around the
 * unquantised optimum, then minimises the weighted error. 7 bits (3 + 4).
 */
final class GainQuantizer {
    private static final int NCODE2 = 16;
    private static final int NCAN1 = 4;
    private static final int NCAN2 = 8;
    private static final int INV_COEF = -17103;
    private static final int GPCLIP2 = 481;
    private static final int GP0999 = 16383;

    private final GainPredictor predictor = new GainPredictor();
    private final int[] expMin = new int[5];
    private final int[] coeffH = new int[5];
    private final int[] coeffL = new int[5];

    /** Results of the last {@link #quantize}: pitch gain Q14 and code gain Q1. */
    int gainPit;
    int gainCode;

    /**
     * @param g correlations &lt;y1,y1&gt;, -2&lt;xn,y1&gt;, &lt;y2,y2&gt;, -2&lt;xn,y2&gt;, 2&lt;y1,y2&gt;
     * @param e their Q formats
     * @return the 7-bit index
     */
    int quantize(short[] code, int[] g, int[] e, boolean tame) {
        int pred = predictor.predict(code);
        int gcode0 = GainPredictor.mantissa(pred);
        int expGcode0 = GainPredictor.exponent(pred);

        // tmp = -1/(4 c0 c2 - c4^2)
        int l1 = lMult(g[0], g[2]);
        int exp1 = e[0] + e[2] + 1 - 2;
        int l2 = lMult(g[4], g[4]);
        int exp2 = e[4] + e[4] + 1;
        int lTmp;
        int exp;
        if (exp1 > exp2) {
            lTmp = lSub(lShr(l1, exp1 - exp2), l2);
            exp = exp2;
        } else {
            lTmp = lSub(l1, lShr(l2, exp2 - exp1));
            exp = exp1;
        }
        int sft = normL(lTmp);
        int denom = extractH(lShl(lTmp, sft));
        int expDenom = exp + sft - 16;
        int invDenom = negate(divS(16384, denom));
        int expInvDenom = 14 + 15 - expDenom;

        // best pitch gain = (2 c2 c1 - c3 c4) * tmp
        l1 = lMult(g[2], g[1]);
        exp1 = e[2] + e[1];
        l2 = lMult(g[3], g[4]);
        exp2 = e[3] + e[4] + 1;
        if (exp1 > exp2) {
            lTmp = lSub(lShr(l1, exp1 - exp2 + 1), lShr(l2, 1));
            exp = exp2 - 1;
        } else {
            lTmp = lSub(lShr(l1, 1), lShr(l2, exp2 - exp1 + 1));
            exp = exp1 - 1;
        }
        sft = normL(lTmp);
        int nume = extractH(lShl(lTmp, sft));
        int expNume = exp + sft - 16;
        sft = expNume + expInvDenom - (9 + 16 - 1);
        int bestGain0 = extractH(lShr(lMult(nume, invDenom), sft));
        if (tame && bestGain0 > GPCLIP2) {
            bestGain0 = GPCLIP2;
        }

        // best code gain = (2 c0 c3 - c1 c4) * tmp
        l1 = lMult(g[0], g[3]);
        exp1 = e[0] + e[3];
        l2 = lMult(g[1], g[4]);
        exp2 = e[1] + e[4] + 1;
        if (exp1 > exp2) {
            lTmp = lSub(lShr(l1, exp1 - exp2 + 1), lShr(l2, 1));
            exp = exp2 - 1;
        } else {
            lTmp = lSub(lShr(l1, 1), lShr(l2, exp2 - exp1 + 1));
            exp = exp1 - 1;
        }
        sft = normL(lTmp);
        nume = extractH(lShl(lTmp, sft));
        expNume = exp + sft - 16;
        sft = expNume + expInvDenom - (2 + 16 - 1);
        int bestGain1 = extractH(lShr(lMult(nume, invDenom), sft));

        int gcode0Org;
        if (expGcode0 >= 4) {
            gcode0Org = shr(gcode0, expGcode0 - 4);
        } else {
            gcode0Org = extractH(lShl(gcode0, (4 + 16) - expGcode0));
        }
        int cands = preselect(bestGain0, bestGain1, gcode0Org);
        int cand1 = cands >> 8;
        int cand2 = cands & 0xff;

        expMin[0] = e[0] + 13;
        expMin[1] = e[1] + 14;
        expMin[2] = e[2] + (shl(expGcode0, 1) - 21);
        expMin[3] = e[3] + (expGcode0 - 3);
        expMin[4] = e[4] + (expGcode0 - 4);
        int eMin = expMin[0];
        for (int i = 1; i < 5; i++) {
            if (expMin[i] < eMin) {
                eMin = expMin[i];
            }
        }
        for (int i = 0; i < 5; i++) {
            int t = lShr(g[i] << 16, expMin[i] - eMin);
            coeffH[i] = hi(t);
            coeffL[i] = lo(t);
        }

        int distMin = MAX_32;
        int index1 = cand1;
        int index2 = cand2;
        for (int i = 0; i < NCAN1; i++) {
            for (int j = 0; j < NCAN2; j++) {
                int gPitch = add(GainTables.GBK1[cand1 + i][0], GainTables.GBK2[cand2 + j][0]);
                if (tame && gPitch >= GP0999) {
                    continue;
                }
                int tmp = extractL(lShr(GainTables.GBK1[cand1 + i][1] + GainTables.GBK2[cand2 + j][1], 1));
                int gCode = mult(gcode0, tmp);
                int g2Pitch = mult(gPitch, gPitch);
                int g2Code = mult(gCode, gCode);
                int gPitCod = mult(gCode, gPitch);
                int t = mpy3216(coeffH[0], coeffL[0], g2Pitch);
                t = lAdd(t, mpy3216(coeffH[1], coeffL[1], gPitch));
                t = lAdd(t, mpy3216(coeffH[2], coeffL[2], g2Code));
                t = lAdd(t, mpy3216(coeffH[3], coeffL[3], gCode));
                t = lAdd(t, mpy3216(coeffH[4], coeffL[4], gPitCod));
                if (lSub(t, distMin) < 0) {
                    distMin = t;
                    index1 = cand1 + i;
                    index2 = cand2 + j;
                }
            }
        }
        gainPit = add(GainTables.GBK1[index1][0], GainTables.GBK2[index2][0]);
        int lGbk12 = GainTables.GBK1[index1][1] + GainTables.GBK2[index2][1];
        int tmp = extractL(lShr(lGbk12, 1));
        int acc = lMult(tmp, gcode0);
        acc = lShl(acc, -expGcode0 + (-12 - 1 + 1 + 16));
        gainCode = extractH(acc);
        predictor.update(lGbk12);
        return GainTables.MAP1[index1] * NCODE2 + GainTables.MAP2[index2];
    }

    /** Gbk_presel: returns (cand1 &lt;&lt; 8) | cand2. */
    private static int preselect(int best0, int best1, int gcode0) {
        int lCfbg = lMult(GainTables.COEF[0][0], best0);
        int acc = lShr(GainTables.L_COEF[1][1], 15);
        acc = lAdd(lCfbg, acc);
        int accH = extractH(acc);
        int lPreg = lMult(accH, gcode0);
        acc = lShl(best1, 7);
        acc = lSub(acc, lPreg);
        accH = extractH(lShl(acc, 2));
        int lTmpX = lMult(accH, INV_COEF);

        acc = lShr(GainTables.L_COEF[0][1], 10);
        acc = lSub(lCfbg, acc);
        accH = extractH(acc);
        accH = mult(accH, gcode0);
        int lTmp = lMult(accH, GainTables.COEF[1][0]);
        lPreg = lMult(GainTables.COEF[0][0], best1);
        acc = lSub(lTmp, lShr(lPreg, 3));
        accH = extractH(lShl(acc, 2));
        int lTmpY = lMult(accH, INV_COEF);

        int sftY = (14 + 4 + 1) - 16;
        int sftX = (15 + 4 + 1) - 15;
        int cand1 = 0;
        int cand2 = 0;
        if (gcode0 > 0) {
            do {
                if (lSub(lTmpY, lShr(lMult(GainTables.THR1[cand1], gcode0), sftY)) > 0) {
                    cand1++;
                } else {
                    break;
                }
            } while (cand1 < 8 - NCAN1);
            do {
                if (lSub(lTmpX, lShr(lMult(GainTables.THR2[cand2], gcode0), sftX)) > 0) {
                    cand2++;
                } else {
                    break;
                }
            } while (cand2 < NCODE2 - NCAN2);
        } else {
            do {
                if (lSub(lTmpY, lShr(lMult(GainTables.THR1[cand1], gcode0), sftY)) < 0) {
                    cand1++;
                } else {
                    break;
                }
            } while (cand1 != 8 - NCAN1);
            do {
                if (lSub(lTmpX, lShr(lMult(GainTables.THR2[cand2], gcode0), sftX)) < 0) {
                    cand2++;
                } else {
                    break;
                }
            } while (cand2 != NCODE2 - NCAN2);
        }
        return (cand1 << 8) | cand2;
    }
}
