package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;
import static org.callpost.codec.g729.internal.LspPredictor.NC;

/**
 * Encoder LSF quantiser (G.729 3.2.4): for both MA predictor modes, a first-stage pre-selection
 * then weighted searches of the two second-stage halves, keeping the mode with the smaller
 * weighted distortion. 18 bits: mode+L1 (8), L2+L3 (10).
 */
final class LspQuantizer {
    private static final int PI04 = 1029;
    private static final int PI92 = 23677;
    private static final int CONST10 = 10 * (1 << 11);
    private static final int CONST12 = 19661;

    private final short[][] freqPrev = new short[LspPredictor.MA_NP][M];
    private final short[] lsf = new short[M];
    private final short[] lsfq = new short[M];
    private final short[] wegt = new short[M];
    private final short[] rbuf = new short[M];
    private final short[] buf = new short[M];
    private final short[] wbuf = new short[M];
    private final int[] cand = new int[2];
    private final int[] tindex1 = new int[2];
    private final int[] tindex2 = new int[2];
    private final int[] tdist = new int[2];
    /** Distances of every first- and second-stage entry, searched one element at a time. */
    private final int[] dist1 = new int[LspTables.LSPCB1.length];
    private final int[] dist2 = new int[LspTables.LSPCB2.length];

    /**
     * The reference sums non-negative terms 2 t with saturation and keeps the first strict minimum,
     * starting from MAX_32: an entry whose sum of t reaches 2^30 saturates and is never chosen.
     * With every t below 2^30, a running sum clamped to 2^30 after each term stays exact below
     * 2^30 and inside an int.
     */
    private static final int SATURATED = 1 << 30;

    LspQuantizer() {
        LspPredictor.reset(freqPrev);
    }

    /** Quantises {@code lsp} (Q15) into {@code lspq}; writes the two indices to ana[off], ana[off+1]. */
    void quantize(short[] lsp, short[] lspq, int[] ana, int off) {
        LpcFilters.lspLsf2(lsp, lsf);
        getWeights();
        for (int mode = 0; mode < 2; mode++) {
            LspPredictor.extract(lsf, rbuf, LspTables.FG[mode], freqPrev, LspTables.FG_SUM_INV[mode]);
            int c = preSelect();
            cand[mode] = c;
            short[] cb1 = LspTables.LSPCB1[c];
            int index = select(cb1, 0, NC);
            tindex1[mode] = index;
            for (int j = 0; j < NC; j++) {
                buf[j] = (short) add(cb1[j], LspTables.LSPCB2[index][j]);
            }
            LspPredictor.expand(buf, 1, NC, LspPredictor.GAP1);
            index = select(cb1, NC, M);
            tindex2[mode] = index;
            for (int j = NC; j < M; j++) {
                buf[j] = (short) add(cb1[j], LspTables.LSPCB2[index][j]);
            }
            LspPredictor.expand(buf, NC, M, LspPredictor.GAP1);
            LspPredictor.expand(buf, 1, M, LspPredictor.GAP2);
            tdist[mode] = distortion(LspTables.FG_SUM[mode]);
        }
        int modeIndex = lSub(tdist[1], tdist[0]) < 0 ? 1 : 0;
        ana[off] = (modeIndex << 7) | cand[modeIndex];
        ana[off + 1] = (tindex1[modeIndex] << 5) | tindex2[modeIndex];
        LspPredictor.getQuant(cand[modeIndex], tindex1[modeIndex], tindex2[modeIndex], LspTables.FG[modeIndex],
                freqPrev, lsfq, LspTables.FG_SUM[modeIndex], buf);
        LpcFilters.lsfLsp2(lsfq, lspq);
    }

    private int preSelect() {
        int best = 0;
        int dmin = MAX_32;
        // first-stage entries lie in [679, 23533]: when rbuf >= -9234, rbuf - cb neither saturates
        // nor reaches -32768, so each term t^2 is below 2^30
        int low = 0;
        for (int j = 0; j < M; j++) {
            low = Math.min(low, rbuf[j]);
        }
        if (low >= -9234) {
            int[] d = dist1;
            int[] cbT = LspTables.LSPCB1_T;
            int n = d.length;
            int r = rbuf[0];
            for (int i = 0; i < n; i++) {
                int tmp = r - cbT[i];
                d[i] = tmp * tmp;
            }
            for (int j = 1; j < M; j++) {
                r = rbuf[j];
                int base = j * n;
                for (int i = 0; i < n; i++) {
                    int tmp = r - cbT[base + i];
                    d[i] = Math.min(d[i] + tmp * tmp, SATURATED);
                }
            }
            int dmin1 = SATURATED;
            for (int i = 0; i < n; i++) {
                if (d[i] < dmin1) {
                    dmin1 = d[i];
                    best = i;
                }
            }
            return best;
        }
        for (int i = 0; i < LspTables.LSPCB1.length; i++) {
            short[] cb = LspTables.LSPCB1[i];
            // non-negative terms: the saturating sum is the exact sum clamped once at the end
            long acc64 = 0;
            for (int j = 0; j < M; j++) {
                int tmp = sub(rbuf[j], cb[j]);
                acc64 += tmp * tmp;
            }
            int acc = acc64 * 2 > MAX_32 ? MAX_32 : (int) (acc64 * 2);
            if (lSub(acc, dmin) < 0) {
                dmin = acc;
                best = i;
            }
        }
        return best;
    }

    private int select(short[] cb1, int from, int to) {
        for (int j = from; j < to; j++) {
            wbuf[j] = (short) sub(rbuf[j], cb1[j]);
        }
        // wegt > 0, so every term mult(wegt, t) * t is non-negative (mult cannot saturate), and
        // below 2^30: |mult(wegt, t)| <= |t|, and t = -32768 gives at most 32767 * 32768
        int[] d = dist2;
        int[] cbT = LspTables.LSPCB2_T;
        int n = d.length;
        for (int k = 0; k < n; k++) {
            d[k] = 0;
        }
        for (int j = from; j < to; j++) {
            int w = wbuf[j];
            int g = wegt[j];
            int base = j * n;
            for (int k = 0; k < n; k++) {
                int tmp = w - cbT[base + k];
                tmp = tmp > MAX_16 ? MAX_16 : (tmp < MIN_16 ? MIN_16 : tmp);
                d[k] = Math.min(d[k] + ((g * tmp) >> 15) * tmp, SATURATED);
            }
        }
        int best = 0;
        int dmin = SATURATED;
        for (int k = 0; k < n; k++) {
            if (d[k] < dmin) {
                dmin = d[k];
                best = k;
            }
        }
        return best;
    }

    private int distortion(short[] fgSum) {
        int dist = 0;
        for (int j = 0; j < M; j++) {
            int tmp = sub(buf[j], rbuf[j]);
            tmp = mult(tmp, fgSum[j]);
            int acc = lMult(wegt[j], tmp);
            int tmp2 = extractH(lShl(acc, 4));
            dist = lMac(dist, tmp2, tmp);
        }
        return dist;
    }

    private void getWeights() {
        short[] f = lsf;
        wbuf[0] = (short) sub(f[1], PI04 + 8192);
        for (int i = 1; i < M - 1; i++) {
            wbuf[i] = (short) sub(sub(f[i + 1], f[i - 1]), 8192);
        }
        wbuf[M - 1] = (short) sub(PI92 - 8192, f[M - 2]);
        for (int i = 0; i < M; i++) {
            if (wbuf[i] > 0) {
                wegt[i] = 2048;
            } else {
                int acc = lMult(wbuf[i], wbuf[i]);
                int tmp = extractH(lShl(acc, 2));
                acc = lMult(tmp, CONST10);
                tmp = extractH(lShl(acc, 2));
                wegt[i] = (short) add(tmp, 2048);
            }
        }
        wegt[4] = (short) extractH(lShl(lMult(wegt[4], CONST12), 1));
        wegt[5] = (short) extractH(lShl(lMult(wegt[5], CONST12), 1));
        int max = 0;
        for (int i = 0; i < M; i++) {
            if (wegt[i] > max) {
                max = wegt[i];
            }
        }
        int sft = normS(max);
        for (int i = 0; i < M; i++) {
            wegt[i] = (short) shl(wegt[i], sft);
        }
    }
}
