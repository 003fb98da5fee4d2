package org.callpost.api.media;

/**
 * One codec the media engine can handle right now, as it goes into an SDP offer
 * ({@code m=} payload list, {@code a=rtpmap}, {@code a=fmtp}).
 *
 * @param encodingName the {@code rtpmap} encoding name, e.g. {@code PCMA}
 * @param payloadType  the static RTP payload type, or -1 when the offerer must pick a dynamic one
 * @param clockRate    the RTP clock rate in Hz (8000 for telephony codecs)
 * @param fmtp         the {@code fmtp} parameters to offer, or ""
 */
public record OfferedCodec(String encodingName, int payloadType, int clockRate, String fmtp) {
}
