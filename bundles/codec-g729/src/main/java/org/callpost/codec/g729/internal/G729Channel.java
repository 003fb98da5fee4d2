package org.callpost.codec.g729.internal;

import org.callpost.api.media.CodecChannel;

/**
 * One session's G.729A encoder and decoder. A payload is zero or more 10-byte speech frames,
 * optionally followed by one 2-byte SID (RFC 3551 4.5.6); an empty payload is a DTX gap.
 */
final class G729Channel implements CodecChannel {
    static final int FRAME_SAMPLES = 80;

    /** What a decoded frame was. */
    private static final int SPEECH = 0;
    private static final int SID = 1;
    private static final int UNTRANSMITTED = 2;
    private static final int ERASED = 3;

    private final G729Encoder encoder = new G729Encoder();
    private final G729Decoder decoder = new G729Decoder();
    /** Holds a frame that does not fit the caller's sample count. */
    private final short[] partial = new short[FRAME_SAMPLES];

    @Override
    public int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
        int frames = samples / FRAME_SAMPLES;
        for (int f = 0; f < frames; f++) {
            encoder.encode(pcm, pcmOffset + f * FRAME_SAMPLES, out, outOffset + f * BitPacker.SPEECH_BYTES);
        }
        return frames * BitPacker.SPEECH_BYTES;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        int speechFrames = length / BitPacker.SPEECH_BYTES;
        boolean sid = length % BitPacker.SPEECH_BYTES == BitPacker.SID_BYTES;
        int written = 0;
        for (int f = 0; f < speechFrames; f++) {
            written += frame(SPEECH, payload, offset + f * BitPacker.SPEECH_BYTES, pcm, pcmOffset + written,
                    samples - written);
        }
        if (sid) {
            written += frame(SID, payload, offset + speechFrames * BitPacker.SPEECH_BYTES, pcm, pcmOffset + written,
                    samples - written);
        }
        // the rest of the interval was not transmitted: comfort noise continues
        while (written < samples) {
            written += frame(UNTRANSMITTED, null, 0, pcm, pcmOffset + written, samples - written);
        }
        return written;
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        int written = 0;
        while (written < samples) {
            written += frame(ERASED, null, 0, pcm, pcmOffset + written, samples - written);
        }
        return written;
    }

    /** Decodes one frame into pcm when it fits, else into the partial buffer and copies what fits. */
    private int frame(int kind, byte[] payload, int off, short[] pcm, int pcmOffset, int room) {
        boolean whole = room >= FRAME_SAMPLES;
        short[] dst = whole ? pcm : partial;
        int dstOff = whole ? pcmOffset : 0;
        switch (kind) {
            case SPEECH:
                decoder.decodeSpeech(payload, off, dst, dstOff);
                break;
            case SID:
                decoder.decodeSid(payload, off, dst, dstOff);
                break;
            case UNTRANSMITTED:
                decoder.decodeUntransmitted(dst, dstOff);
                break;
            default:
                decoder.conceal(dst, dstOff);
                break;
        }
        if (whole) {
            return FRAME_SAMPLES;
        }
        int n = Math.max(0, room);
        System.arraycopy(partial, 0, pcm, pcmOffset, n);
        return n;
    }
}
