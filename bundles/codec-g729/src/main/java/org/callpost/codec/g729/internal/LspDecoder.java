package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.LpcFilters.M;

/** Decoder LSF inverse quantiser with the erasure path (lspdec): repeat the last good LSFs. */
final class LspDecoder {
    final short[][] freqPrev = new short[LspPredictor.MA_NP][M];
    private int prevMa;
    private final short[] prevLsf = new short[M];
    private final short[] lsfq = new short[M];
    private final short[] buf = new short[M];

    LspDecoder() {
        LspPredictor.reset(freqPrev);
        System.arraycopy(LspTables.FREQ_PREV_RESET, 0, prevLsf, 0, M);
    }

    /** Decodes indices {@code p0}, {@code p1} (or conceals when {@code erased}) into LSPs in Q15. */
    void decode(int p0, int p1, boolean erased, short[] lsp) {
        if (!erased) {
            int mode = (p0 >> 7) & 1;
            int code0 = p0 & 127;
            int code1 = (p1 >> 5) & 31;
            int code2 = p1 & 31;
            LspPredictor.getQuant(code0, code1, code2, LspTables.FG[mode], freqPrev, lsfq, LspTables.FG_SUM[mode],
                    buf);
            System.arraycopy(lsfq, 0, prevLsf, 0, M);
            prevMa = mode;
        } else {
            System.arraycopy(prevLsf, 0, lsfq, 0, M);
            LspPredictor.extract(prevLsf, buf, LspTables.FG[prevMa], freqPrev, LspTables.FG_SUM_INV[prevMa]);
            LspPredictor.update(buf, freqPrev);
        }
        LpcFilters.lsfLsp2(lsfq, lsp);
    }
}
