package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/** Decoder gain VQ with the erasure path: attenuate the last gains (0.9 pitch, 0.98 code). */
final class GainDecoder {
    private final GainPredictor predictor = new GainPredictor();
    int gainPit;
    int gainCode;

    void decode(int index, short[] code, boolean erased) {
        if (erased) {
            gainPit = mult(gainPit, 29491);
            if (gainPit > 29491) {
                gainPit = 29491;
            }
            gainCode = mult(gainCode, 32111);
            predictor.updateErased();
            return;
        }
        int index1 = GainTables.IMAP1[index >> 4];
        int index2 = GainTables.IMAP2[index & 15];
        gainPit = add(GainTables.GBK1[index1][0], GainTables.GBK2[index2][0]);
        int pred = predictor.predict(code);
        int gcode0 = GainPredictor.mantissa(pred);
        int expGcode0 = GainPredictor.exponent(pred);
        int lGbk12 = GainTables.GBK1[index1][1] + GainTables.GBK2[index2][1];
        int tmp = extractL(lShr(lGbk12, 1));
        int acc = lMult(tmp, gcode0);
        acc = lShl(acc, -expGcode0 + (-12 - 1 + 1 + 16));
        gainCode = extractH(acc);
        predictor.update(lGbk12);
    }
}
