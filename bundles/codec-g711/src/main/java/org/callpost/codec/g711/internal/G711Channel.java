package org.callpost.codec.g711.internal;

import org.callpost.api.media.CodecChannel;

/**
 * One session's G.711 state. Coding is stateless; the only state is the recent decoded audio
 * kept for concealing lost packets: the last pitch-sized stretch is repeated with a fade, so a
 * short loss sounds like a held vowel rather than a click, and a long one fades to silence.
 */
final class G711Channel implements CodecChannel {
    /** 5 ms: a period that covers common voice pitches and loops without a hard discontinuity. */
    private static final int REPEAT = 40;
    /** 60 ms of concealment fades to silence; longer losses are silence. */
    private static final int FADE_SAMPLES = 480;

    private final byte[] encodeTable;
    private final short[] decodeTable;
    private final short[] history = new short[REPEAT];
    private int historyPos;
    private int concealedRun;

    G711Channel(byte[] encodeTable, short[] decodeTable) {
        this.encodeTable = encodeTable;
        this.decodeTable = decodeTable;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
        byte[] table = encodeTable;
        for (int i = 0; i < samples; i++) {
            out[outOffset + i] = table[pcm[pcmOffset + i] & 0xFFFF];
        }
        return samples;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        if (length == 0) {
            // G.711 has no DTX of its own: an empty interval is silence
            java.util.Arrays.fill(pcm, pcmOffset, pcmOffset + samples, (short) 0);
            concealedRun = 0;
            return samples;
        }
        short[] table = decodeTable;
        for (int i = 0; i < length; i++) {
            pcm[pcmOffset + i] = table[payload[offset + i] & 0xFF];
        }
        remember(pcm, pcmOffset, length);
        concealedRun = 0;
        return length;
    }

    /** Keeps the last {@code REPEAT} samples, oldest at {@code historyPos}. */
    private void remember(short[] pcm, int offset, int length) {
        if (length >= REPEAT) {
            // every packet of 5 ms or more: one copy, not a division a sample
            System.arraycopy(pcm, offset + length - REPEAT, history, 0, REPEAT);
            historyPos = 0;
            return;
        }
        for (int i = 0; i < length; i++) {
            history[historyPos] = pcm[offset + i];
            historyPos = historyPos + 1 == REPEAT ? 0 : historyPos + 1;
        }
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        for (int i = 0; i < samples; i++) {
            int run = concealedRun + i;
            int gain = run >= FADE_SAMPLES ? 0 : FADE_SAMPLES - run;
            pcm[pcmOffset + i] = (short) (history[(historyPos + run) % REPEAT] * gain / FADE_SAMPLES);
        }
        concealedRun = Math.min(concealedRun + samples, FADE_SAMPLES);
        return samples;
    }
}
