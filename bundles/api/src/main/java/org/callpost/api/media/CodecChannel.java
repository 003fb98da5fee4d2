package org.callpost.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One session's encoder and decoder state. The methods work on caller-owned arrays so the
 * per-packet path allocates nothing.
 */
@ConsumerType
public interface CodecChannel {
    /**
     * Encodes {@code samples} 16-bit linear samples (a whole number of frames).
     *
     * @return the number of bytes written to {@code out}
     */
    int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset);

    /**
     * Decodes one RTP payload. A payload of length 0 means "nothing was sent for this interval"
     * (discontinuous transmission): the decoder fills {@code samples} samples with comfort noise
     * or silence as its codec prescribes.
     *
     * @param samples the samples the payload covers (from its timestamp span or its size)
     * @return the number of samples written to {@code pcm}
     */
    int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int samples);

    /**
     * Fills {@code samples} samples for a lost packet (frame erasure concealment).
     *
     * @return the number of samples written
     */
    int conceal(short[] pcm, int pcmOffset, int samples);
}
