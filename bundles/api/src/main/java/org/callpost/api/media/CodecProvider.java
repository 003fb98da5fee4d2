package org.callpost.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One audio codec, offered to the media engine as a whiteboard service. Installing the bundle
 * that registers it adds the codec to the next SDP offer; uninstalling it takes it out, while
 * sessions already holding a {@link CodecChannel} keep it until they end.
 *
 * <p>Register with the service property {@value #ENCODING_PROPERTY} set to
 * {@link #encodingName()}.
 */
@ConsumerType
public interface CodecProvider {
    /** The service property carrying the SDP encoding name, e.g. {@code PCMU}. */
    String ENCODING_PROPERTY = "callpost.codec";

    /** The SDP {@code rtpmap} encoding name: {@code PCMU}, {@code PCMA}, {@code G729}. */
    String encodingName();

    /** The static RTP payload type (0 PCMU, 8 PCMA, 18 G729), or -1 for a dynamic one. */
    int staticPayloadType();

    /** The RTP clock rate in Hz; 8000 for every telephony codec here. */
    int clockRate();

    /**
     * The samples in one codec frame: packets carry whole frames (1 for sample-based G.711,
     * 80 for G.729's 10 ms frames).
     */
    int frameSamples();

    /** The encoded size in bytes of {@code samples} samples (a whole number of frames). */
    int encodedBytes(int samples);

    /** The SDP {@code fmtp} parameters we send for this codec (e.g. {@code annexb=no}), or "". */
    String fmtp();

    /**
     * Whether {@link CodecChannel#encode} encodes each sample alone, into
     * {@code encodedBytes(1)} bytes, keeping nothing from one call to the next (G.711): the media
     * engine may then encode a prompt file once and send the same bytes to every call that plays
     * it. False unless the codec says so (G.729 carries its filters' state from frame to frame).
     *
     * @since 1.4
     */
    default boolean encodesSamplesAlone() {
        return false;
    }

    /**
     * The state for one media session in both directions. Channels are not thread-safe: one
     * session uses its channel from one thread at a time.
     */
    CodecChannel newChannel();
}
