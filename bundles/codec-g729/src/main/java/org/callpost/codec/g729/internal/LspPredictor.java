package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;

/**
 * The switched MA predictor of the LSF quantiser and the vector operations around it
 * (lspgetq): shared by the encoder's search, the decoder and the SID decoder, each with its own
 * predictor memory ({@code freqPrev}, four past residual vectors in Q13).
 */
final class LspPredictor {
    static final int MA_NP = 4;
    static final int NC = 5;
    static final int GAP1 = 10;
    static final int GAP2 = 5;
    private static final int GAP3 = 321;
    private static final int L_LIMIT = 40;
    private static final int M_LIMIT = 25681;

    private LspPredictor() {
    }

    static void reset(short[][] freqPrev) {
        for (short[] row : freqPrev) {
            System.arraycopy(LspTables.FREQ_PREV_RESET, 0, row, 0, M);
        }
    }

    /** Rebuilds the quantised LSF from codebook indices and updates the predictor memory. */
    static void getQuant(int code0, int code1, int code2, short[][] fg, short[][] freqPrev, short[] lspq,
            short[] fgSum, short[] buf) {
        short[] cb1 = LspTables.LSPCB1[code0];
        for (int j = 0; j < NC; j++) {
            buf[j] = (short) add(cb1[j], LspTables.LSPCB2[code1][j]);
        }
        for (int j = NC; j < M; j++) {
            buf[j] = (short) add(cb1[j], LspTables.LSPCB2[code2][j]);
        }
        expand(buf, 1, M, GAP1);
        expand(buf, 1, M, GAP2);
        compose(buf, lspq, fg, freqPrev, fgSum);
        update(buf, freqPrev);
        stability(lspq);
    }

    /** Enforces a minimum distance between neighbours j-1 and j for j in [from, to). */
    static void expand(short[] buf, int from, int to, int gap) {
        for (int j = from; j < to; j++) {
            int diff = sub(buf[j - 1], buf[j]);
            int tmp = shr(add(diff, gap), 1);
            if (tmp > 0) {
                buf[j - 1] = (short) sub(buf[j - 1], tmp);
                buf[j] = (short) add(buf[j], tmp);
            }
        }
    }

    static void compose(short[] lspEle, short[] lsp, short[][] fg, short[][] freqPrev, short[] fgSum) {
        for (int j = 0; j < M; j++) {
            int acc = lMult(lspEle[j], fgSum[j]);
            for (int k = 0; k < MA_NP; k++) {
                acc = lMac(acc, freqPrev[k][j], fg[k][j]);
            }
            lsp[j] = (short) extractH(acc);
        }
    }

    static void extract(short[] lsp, short[] lspEle, short[][] fg, short[][] freqPrev, short[] fgSumInv) {
        for (int j = 0; j < M; j++) {
            int t = lsp[j] << 16;
            for (int k = 0; k < MA_NP; k++) {
                t = lMsu(t, freqPrev[k][j], fg[k][j]);
            }
            int temp = extractH(t);
            t = lMult(temp, fgSumInv[j]);
            lspEle[j] = (short) extractH(lShl(t, 3));
        }
    }

    static void update(short[] lspEle, short[][] freqPrev) {
        short[] oldest = freqPrev[MA_NP - 1];
        for (int k = MA_NP - 1; k > 0; k--) {
            freqPrev[k] = freqPrev[k - 1];
        }
        freqPrev[0] = oldest;
        System.arraycopy(lspEle, 0, oldest, 0, M);
    }

    static void stability(short[] buf) {
        for (int j = 0; j < M - 1; j++) {
            if (buf[j + 1] - buf[j] < 0) {
                short tmp = buf[j + 1];
                buf[j + 1] = buf[j];
                buf[j] = tmp;
            }
        }
        if (buf[0] < L_LIMIT) {
            buf[0] = L_LIMIT;
        }
        for (int j = 0; j < M - 1; j++) {
            if (buf[j + 1] - buf[j] < GAP3) {
                buf[j + 1] = (short) add(buf[j], GAP3);
            }
        }
        if (buf[M - 1] > M_LIMIT) {
            buf[M - 1] = M_LIMIT;
        }
    }
}
