package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.AdaptiveCodebook.L_INTERPOL;
import static org.callpost.codec.g729.internal.AdaptiveCodebook.PIT_MAX;
import static org.callpost.codec.g729.internal.FixedPoint.*;
import static org.callpost.codec.g729.internal.LpcFilters.M;
import static org.callpost.codec.g729.internal.LpcFilters.MP1;

/**
 * G.729 Annex A decoder for one channel with the Annex B comfort-noise path (dec_ld8a): speech,
 * SID and untransmitted frames, and the bad-frame (erasure) concealment of G.729 4.4.
 */
final class G729Decoder {
    static final int L_FRAME = 80;
    private static final int L_SUBFR = 40;
    private static final int EXC = PIT_MAX + L_INTERPOL;
    private static final int SYNTH = M;

    private final short[] oldExc = new short[L_FRAME + PIT_MAX + L_INTERPOL];
    private final short[] lspOld = {30000, 26000, 21000, 15000, 8000, 0, -8000, -15000, -21000, -26000};
    private final short[] memSyn = new short[M];
    private final short[] synth = new short[L_FRAME + M];
    private int sharp = G729Encoder.SHARPMIN;
    private int oldT0 = 60;
    private int seedFer = 21845;
    private boolean pastActive = true;
    private int sidSav;
    private int shSidSav = 1;

    private final LspDecoder lspDecoder = new LspDecoder();
    private final GainDecoder gainDecoder = new GainDecoder();
    private final ComfortNoise comfortNoise = new ComfortNoise();
    private final PostFilter postFilter = new PostFilter();
    private final HighPassFilter postProcess = HighPassFilter.postProcess();

    // scratch
    private final short[] az = new short[2 * MP1];
    private final short[] lspNew = new short[M];
    private final short[] lspTmp = new short[M];
    private final int[] f1 = new int[6];
    private final int[] f2 = new int[6];
    private final short[] code = new short[L_SUBFR];
    private final short[] synTmp = new short[L_SUBFR + M];
    private final int[] t2 = new int[2];
    private final int[] prm = new int[11];
    private final int[] sid = new int[4];

    /** Decodes a 10-byte speech frame. */
    void decodeSpeech(byte[] in, int off, short[] pcm, int pcmOff) {
        BitPacker.unpack(in, off, BitPacker.SPEECH_BYTES, BitPacker.SPEECH_BITS, prm);
        speech(prm, false);
        output(pcm, pcmOff, true);
    }

    /** Decodes a 2-byte Annex B SID frame into comfort noise. */
    void decodeSid(byte[] in, int off, short[] pcm, int pcmOff) {
        BitPacker.unpack(in, off, BitPacker.SID_BYTES, BitPacker.SID_BITS, sid);
        noise(sid, false);
        output(pcm, pcmOff, false);
    }

    /** An untransmitted (DTX) frame: comfort noise continuing from the last SID. */
    void decodeUntransmitted(short[] pcm, int pcmOff) {
        noise(null, false);
        output(pcm, pcmOff, false);
    }

    /** A lost frame: concealed as speech after speech, as noise after noise. */
    void conceal(short[] pcm, int pcmOff) {
        if (pastActive) {
            speech(prm, true);
            output(pcm, pcmOff, true);
        } else {
            noise(null, true);
            output(pcm, pcmOff, false);
        }
    }

    private void output(short[] pcm, int pcmOff, boolean voiced) {
        postFilter.filter(synth, SYNTH, az, t2, voiced);
        postProcess.filter(synth, SYNTH, L_FRAME);
        System.arraycopy(synth, SYNTH, pcm, pcmOff, L_FRAME);
    }

    private void noise(int[] sidPrm, boolean erased) {
        comfortNoise.frame(pastActive, sidSav, shSidSav, sidPrm, oldExc, EXC, lspOld, az, lspDecoder.freqPrev,
                lspTmp, f1, f2);
        for (int sf = 0; sf < 2; sf++) {
            synthesise(sf);
            t2[sf] = oldT0;
        }
        sharp = G729Encoder.SHARPMIN;
        finish(erased, false);
    }

    private void speech(int[] p, boolean bfi) {
        comfortNoise.seed = ComfortNoise.INIT_SEED;
        lspDecoder.decode(p[0], p[1], bfi, lspNew);
        LpcFilters.intQlpc(lspOld, lspNew, az, lspTmp, f1, f2);
        System.arraycopy(lspNew, 0, lspOld, 0, M);

        int t0 = oldT0;
        int k = 2;
        for (int sf = 0; sf < 2; sf++) {
            int iSubfr = sf * L_SUBFR;
            int index = p[k++];
            boolean badPitch = bfi;
            if (sf == 0) {
                int parity = p[k++];
                badPitch = bfi || ((AdaptiveCodebook.parity(index) ^ parity) & 1) != 0;
            }
            int frac;
            if (!badPitch) {
                int lag = AdaptiveCodebook.decodeLag(index, sf, t0);
                t0 = AdaptiveCodebook.lagOf(lag);
                frac = AdaptiveCodebook.fracOf(lag);
                oldT0 = t0;
            } else {
                t0 = oldT0;
                frac = 0;
                oldT0 = oldT0 + 1;
                if (oldT0 > PIT_MAX) {
                    oldT0 = PIT_MAX;
                }
            }
            t2[sf] = t0;
            AdaptiveCodebook.predict(oldExc, EXC + iSubfr, t0, frac, L_SUBFR);

            int positions = p[k++];
            int signs = p[k++];
            if (bfi) {
                seedFer = DspMath.random(seedFer);
                positions = seedFer & 0x1fff;
                seedFer = DspMath.random(seedFer);
                signs = seedFer & 0xf;
            }
            FixedCodebook.decode(signs, positions, code);
            int j = shl(sharp, 1);
            if (t0 < L_SUBFR) {
                for (int i = t0; i < L_SUBFR; i++) {
                    code[i] = (short) add(code[i], mult(code[i - t0], j));
                }
            }
            gainDecoder.decode(p[k++], code, bfi);
            int gainPit = gainDecoder.gainPit;
            int gainCode = gainDecoder.gainCode;
            sharp = gainPit;
            if (sharp > G729Encoder.SHARPMAX) {
                sharp = G729Encoder.SHARPMAX;
            }
            if (sharp < G729Encoder.SHARPMIN) {
                sharp = G729Encoder.SHARPMIN;
            }
            Excitation.mix(oldExc, EXC + iSubfr, gainPit, code, gainCode);
            synthesise(sf);
        }
        finish(bfi, true);
    }

    /** Synthesis of one subframe; on saturation the whole excitation memory is scaled down by 4. */
    private void synthesise(int sf) {
        int iSubfr = sf * L_SUBFR;
        boolean overflow = LpcFilters.synFilt(az, sf * MP1, oldExc, EXC + iSubfr, synth, SYNTH + iSubfr, L_SUBFR,
                memSyn, 0, false, synTmp);
        if (overflow) {
            for (int i = 0; i < oldExc.length; i++) {
                oldExc[i] = (short) (oldExc[i] >> 2);
            }
            LpcFilters.synFilt(az, sf * MP1, oldExc, EXC + iSubfr, synth, SYNTH + iSubfr, L_SUBFR, memSyn, 0, true,
                    synTmp);
        } else {
            System.arraycopy(synth, SYNTH + iSubfr + L_SUBFR - M, memSyn, 0, M);
        }
    }

    private void finish(boolean bfi, boolean active) {
        if (!bfi) {
            // energy of this frame's excitation, for the comfort noise should the first SID be lost
            // non-negative terms: the saturating sum is the exact sum clamped once at the end
            long energy = 0;
            for (int i = 0; i < L_FRAME; i++) {
                energy += 2L * oldExc[EXC + i] * oldExc[EXC + i];
            }
            int acc = energy > MAX_32 ? MAX_32 : (int) energy;
            int sh = normL(acc);
            sidSav = round(lShl(acc, sh));
            shSidSav = sub(16, sh);
        }
        System.arraycopy(oldExc, L_FRAME, oldExc, 0, PIT_MAX + L_INTERPOL);
        pastActive = active;
    }
}
