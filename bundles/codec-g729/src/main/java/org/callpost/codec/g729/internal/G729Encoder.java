package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.AdaptiveCodebook.L_INTERPOL;
import static org.callpost.codec.g729.internal.AdaptiveCodebook.PIT_MAX;
import static org.callpost.codec.g729.internal.AdaptiveCodebook.PIT_MIN;
import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;
import static org.callpost.codec.g729.internal.LpcFilters.MP1;

/**
 * G.729 Annex A encoder for one channel (cod_ld8a without VAD: every frame is speech, so SID
 * frames are never produced). 80 samples in, 11 parameters / 10 bytes out.
 */
final class G729Encoder {
    static final int L_FRAME = 80;
    private static final int L_SUBFR = 40;
    private static final int L_TOTAL = 240;
    private static final int GAMMA1 = 24576;
    static final int SHARPMAX = 13017;
    static final int SHARPMIN = 3277;
    private static final int GPCLIP = 15564;

    private static final int NEW_SPEECH = L_TOTAL - L_FRAME;
    private static final int SPEECH = NEW_SPEECH - 40;
    private static final int WSP = PIT_MAX;
    private static final int EXC = PIT_MAX + L_INTERPOL;

    private final short[] oldSpeech = new short[L_TOTAL];
    private final short[] oldWsp = new short[L_FRAME + PIT_MAX];
    private final short[] oldExc = new short[L_FRAME + PIT_MAX + L_INTERPOL];
    private final short[] lspOld = {30000, 26000, 21000, 15000, 8000, 0, -8000, -15000, -21000, -26000};
    private final short[] lspOldQ = lspOld.clone();
    private final short[] memW0 = new short[M];
    private final short[] memW = new short[M];
    private final short[] memZero = new short[M];
    private int sharp = SHARPMIN;

    private final HighPassFilter preProcess = HighPassFilter.preProcess();
    private final LpcAnalysis lpc = new LpcAnalysis();
    private final LspQuantizer lspQuantizer = new LspQuantizer();
    private final PitchSearch pitch = new PitchSearch();
    private final FixedCodebook fixedCodebook = new FixedCodebook();
    private final GainQuantizer gainQuantizer = new GainQuantizer();
    private final Taming taming = new Taming();

    // scratch, reused every frame
    private final short[] a = new short[MP1];
    private final short[] aq = new short[2 * MP1];
    private final short[] ap = new short[2 * MP1];
    private final short[] ap1 = new short[MP1];
    private final short[] lspNew = new short[M];
    private final short[] lspNewQ = new short[M];
    private final short[] lspTmp = new short[M];
    private final int[] f1 = new int[6];
    private final int[] f2 = new int[6];
    private final short[] h1 = new short[L_SUBFR];
    private final short[] xn = new short[L_SUBFR];
    private final short[] xn2 = new short[L_SUBFR];
    private final short[] code = new short[L_SUBFR];
    private final short[] y1 = new short[L_SUBFR];
    private final short[] y2 = new short[L_SUBFR];
    private final short[] scaled = new short[L_SUBFR];
    private final short[] synTmp = new short[L_SUBFR + M];
    private final int[] g = new int[5];
    private final int[] e = new int[5];
    private final int[] minMax = new int[2];
    private final int[] prm = new int[11];

    /** Encodes pcm[off..off+80) into 10 bytes at out[outOff]. */
    void encode(short[] pcm, int off, byte[] out, int outOff) {
        System.arraycopy(pcm, off, oldSpeech, NEW_SPEECH, L_FRAME);
        preProcess.filter(oldSpeech, NEW_SPEECH, L_FRAME);
        analyse(prm);
        BitPacker.pack(prm, BitPacker.SPEECH_BITS, out, outOff, BitPacker.SPEECH_BYTES);
    }

    /** The 11 parameters of the frame already in the speech buffer. */
    void analyse(int[] ana) {
        lpc.analyse(oldSpeech, 0, a, lspNew, lspOld);
        lspQuantizer.quantize(lspNew, lspNewQ, ana, 0);
        LpcFilters.intQlpc(lspOldQ, lspNewQ, aq, lspTmp, f1, f2);
        LpcFilters.weightAz(aq, 0, GAMMA1, ap, 0);
        LpcFilters.weightAz(aq, MP1, GAMMA1, ap, MP1);
        System.arraycopy(lspNew, 0, lspOld, 0, M);
        System.arraycopy(lspNewQ, 0, lspOldQ, 0, M);

        // weighted speech for the open-loop search: the residual through 1/(A(z/g)(1-0.7z^-1))
        LpcFilters.residu(aq, 0, oldSpeech, SPEECH, oldExc, EXC, L_SUBFR);
        LpcFilters.residu(aq, MP1, oldSpeech, SPEECH + L_SUBFR, oldExc, EXC + L_SUBFR, L_SUBFR);
        for (int sf = 0; sf < 2; sf++) {
            int apOff = sf * MP1;
            ap1[0] = 4096;
            for (int i = 1; i <= M; i++) {
                ap1[i] = (short) sub(ap[apOff + i], mult(ap[apOff + i - 1], 22938));
            }
            LpcFilters.synFilt(ap1, 0, oldExc, EXC + sf * L_SUBFR, oldWsp, WSP + sf * L_SUBFR, L_SUBFR, memW, 0,
                    true, synTmp);
        }
        int tOp = pitch.openLoop(oldWsp, WSP);
        int t0Min = tOp - 3;
        if (t0Min < PIT_MIN) {
            t0Min = PIT_MIN;
        }
        int t0Max = t0Min + 6;
        if (t0Max > PIT_MAX) {
            t0Max = PIT_MAX;
            t0Min = t0Max - 6;
        }

        int k = 2;
        for (int sf = 0; sf < 2; sf++) {
            int iSubfr = sf * L_SUBFR;
            int apOff = sf * MP1;
            h1[0] = 4096;
            for (int i = 1; i < L_SUBFR; i++) {
                h1[i] = 0;
            }
            LpcFilters.synFilt(ap, apOff, h1, 0, h1, 0, L_SUBFR, h1, 1, false, synTmp);
            LpcFilters.synFilt(ap, apOff, oldExc, EXC + iSubfr, xn, 0, L_SUBFR, memW0, 0, false, synTmp);

            int lag = pitch.closedLoop(oldExc, EXC + iSubfr, xn, 0, h1, t0Min, t0Max, sf);
            int t0 = AdaptiveCodebook.lagOf(lag);
            int t0Frac = AdaptiveCodebook.fracOf(lag);
            if (sf == 0) {
                minMax[0] = t0Min;
                minMax[1] = t0Max;
            }
            int index = PitchSearch.encodeLag(t0, t0Frac, minMax, sf);
            if (sf == 0) {
                t0Min = minMax[0];
                t0Max = minMax[1];
            }
            ana[k++] = index;
            if (sf == 0) {
                ana[k++] = AdaptiveCodebook.parity(index);
            }

            LpcFilters.synFilt(ap, apOff, oldExc, EXC + iSubfr, y1, 0, L_SUBFR, memZero, 0, false, synTmp);
            int gainPit = PitchSearch.gain(xn, y1, g, e);
            boolean tame = taming.needed(t0, t0Frac);
            if (tame && gainPit > GPCLIP) {
                gainPit = GPCLIP;
            }
            for (int i = 0; i < L_SUBFR; i++) {
                xn2[i] = (short) sub(xn[i], extractH(lShl(lMult(y1[i], gainPit), 1)));
            }

            int cb = fixedCodebook.search(xn2, h1, t0, sharp, code, y2);
            ana[k++] = cb & 0xffff;
            ana[k++] = cb >>> 16;

            // convert G_pitch's outputs to <y1,y1>, -2<xn,y1> in Qua_gain's convention
            e[0] = negate(e[0]);
            g[1] = negate(g[1]);
            e[1] = negate(add(e[1], 1));
            Correlations.corrXy2(xn, y1, y2, g, e, scaled);
            ana[k++] = gainQuantizer.quantize(code, g, e, tame);
            gainPit = gainQuantizer.gainPit;
            int gainCode = gainQuantizer.gainCode;

            sharp = gainPit;
            if (sharp > SHARPMAX) {
                sharp = SHARPMAX;
            }
            if (sharp < SHARPMIN) {
                sharp = SHARPMIN;
            }
            Excitation.mix(oldExc, EXC + iSubfr, gainPit, code, gainCode);
            taming.update(gainPit, t0);
            for (int i = L_SUBFR - M, j = 0; i < L_SUBFR; i++, j++) {
                int temp = extractH(lShl(lMult(y1[i], gainPit), 1));
                int kk = extractH(lShl(lMult(y2[i], gainCode), 2));
                memW0[j] = (short) sub(xn[i], add(temp, kk));
            }
        }
        System.arraycopy(oldSpeech, L_FRAME, oldSpeech, 0, L_TOTAL - L_FRAME);
        System.arraycopy(oldWsp, L_FRAME, oldWsp, 0, PIT_MAX);
        System.arraycopy(oldExc, L_FRAME, oldExc, 0, PIT_MAX + L_INTERPOL);
    }
}
