package org.callpost.api.media;

import java.util.Objects;

/**
 * Everything needed to open the RTP media of one call leg, as SDP offer/answer settled it plus
 * the line's own media settings. The SIP bundle builds one per answered or placed call.
 *
 * @param label                     a name for logs and the shell, e.g. {@code "mv400/line 3"}
 * @param localAddress              the IP address to bind RTP and RTCP on (the integration's
 *                                  "Local IP Address to bind on"; {@code 0.0.0.0} for any)
 * @param localRtpPort              the local RTP port, even; RTCP uses the next port. A line
 *                                  uses {@link #lineRtpPort(int, int)}; 0 picks a free pair
 * @param remoteAddress             the far end's connection address ({@code c=}); {@code 0.0.0.0}
 *                                  means the far end holds the call (old-style hold): nothing is sent
 * @param remoteRtpPort             the far end's RTP port ({@code m=audio <port>})
 * @param remoteRtcpPort            the far end's RTCP port ({@code a=rtcp:}), or 0 for
 *                                  {@code remoteRtpPort + 1}
 * @param payloadType               the negotiated audio payload type (0 PCMU, 8 PCMA, 18 G729 ...)
 * @param encodingName              its {@code rtpmap} encoding name; chooses the codec provider
 * @param ptimeMillis               the packet interval ("media packet size"), 10..60 ms, default 20
 * @param telephoneEventPayloadType the negotiated {@code telephone-event/8000} payload type
 *                                  (usually 101), or -1 when the far end offered none: keys are
 *                                  then only sent and heard in-band
 * @param direction                 the negotiated direction ({@code a=sendrecv} etc.)
 * @param dscp                      the DSCP to mark RTP and RTCP with (46, Expedited
 *                                  Forwarding), 0..63, or -1 for the media engine's setting
 * @param validateRemoteHosts       "Validate Remote Hosts for Media": drop (and count) packets
 *                                  from any other address and port than the negotiated ones;
 *                                  when off, Callpost follows the port the far end actually sends
 *                                  from (symmetric RTP)
 * @param inBandDtmf                also listen for keys as tones in the audio (the fallback for
 *                                  far ends that do not send telephone-events)
 * @param srtp                      the SDES keys when the call's media is SRTP (RTP/SAVP): RTP,
 *                                  RTCP and telephone-events are then encrypted and authenticated;
 *                                  {@code null} for plain RTP
 */
public record SessionSpec(
        String label,
        String localAddress,
        int localRtpPort,
        String remoteAddress,
        int remoteRtpPort,
        int remoteRtcpPort,
        int payloadType,
        String encodingName,
        int ptimeMillis,
        int telephoneEventPayloadType,
        MediaDirection direction,
        int dscp,
        boolean validateRemoteHosts,
        boolean inBandDtmf,
        SrtpKeys srtp) {

    /** The packet interval when SDP says nothing ({@code a=ptime} absent). */
    public static final int DEFAULT_PTIME_MILLIS = 20;
    /** Expedited Forwarding, the DSCP for voice. */
    public static final int DSCP_EF = 46;
    /** {@code dscp} value meaning "use the media engine's configured DSCP". */
    public static final int ENGINE_DSCP = -1;
    /** {@code telephoneEventPayloadType} value meaning "no telephone-event negotiated". */
    public static final int NO_TELEPHONE_EVENT = -1;
    /** Ports each line reserves above the media base port. */
    public static final int PORTS_PER_LINE = 10;

    public SessionSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(direction, "direction");
        checkPort("localRtpPort", localRtpPort, true);
        checkPort("remoteRtpPort", remoteRtpPort, true);
        checkPort("remoteRtcpPort", remoteRtcpPort, true);
        if (localRtpPort == 65535) {
            throw new IllegalArgumentException("localRtpPort leaves no room for RTCP: 65535");
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType out of 0..127: " + payloadType);
        }
        if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127 || telephoneEventPayloadType == payloadType) {
            throw new IllegalArgumentException("bad telephone-event payload type: " + telephoneEventPayloadType);
        }
        if (ptimeMillis < 10 || ptimeMillis > 60) {
            throw new IllegalArgumentException("ptime out of 10..60 ms: " + ptimeMillis);
        }
        if (dscp < -1 || dscp > 63) {
            throw new IllegalArgumentException("DSCP out of 0..63: " + dscp);
        }
    }

    /** Plain RTP: the spec as it was before SRTP. */
    public SessionSpec(String label, String localAddress, int localRtpPort, String remoteAddress, int remoteRtpPort,
            int remoteRtcpPort, int payloadType, String encodingName, int ptimeMillis, int telephoneEventPayloadType,
            MediaDirection direction, int dscp, boolean validateRemoteHosts, boolean inBandDtmf) {
        this(label, localAddress, localRtpPort, remoteAddress, remoteRtpPort, remoteRtcpPort, payloadType, encodingName,
                ptimeMillis, telephoneEventPayloadType, direction, dscp, validateRemoteHosts, inBandDtmf, null);
    }

    /** Whether the media is SRTP. */
    public boolean secure() {
        return srtp != null;
    }

    private static void checkPort(String what, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    /** The RTP port of line {@code lineIndex} (0-based): base + 10 x index. */
    public static int lineRtpPort(int mediaBasePort, int lineIndex) {
        if (lineIndex < 0) {
            throw new IllegalArgumentException("negative line index: " + lineIndex);
        }
        return mediaBasePort + PORTS_PER_LINE * lineIndex;
    }

    /** The far end's RTCP port: {@code a=rtcp} if given, else the RTP port + 1. */
    public int effectiveRemoteRtcpPort() {
        return remoteRtcpPort != 0 ? remoteRtcpPort : remoteRtpPort + 1;
    }

    /** A copy with a new far-end address, port and direction (hold, resume, re-INVITE). */
    public SessionSpec withRemote(String address, int rtpPort, MediaDirection newDirection) {
        return new SessionSpec(label, localAddress, localRtpPort, address, rtpPort, 0, payloadType, encodingName,
                ptimeMillis, telephoneEventPayloadType, newDirection, dscp, validateRemoteHosts, inBandDtmf, srtp);
    }

    /** A copy that does or does not listen for in-band keys. */
    public SessionSpec withInBandDtmf(boolean value) {
        return new SessionSpec(label, localAddress, localRtpPort, remoteAddress, remoteRtpPort, remoteRtcpPort,
                payloadType, encodingName, ptimeMillis, telephoneEventPayloadType, direction, dscp,
                validateRemoteHosts, value, srtp);
    }

    /** A copy with SRTP keys, or {@code null} for plain RTP. */
    public SessionSpec withSrtp(SrtpKeys keys) {
        return new SessionSpec(label, localAddress, localRtpPort, remoteAddress, remoteRtpPort, remoteRtcpPort,
                payloadType, encodingName, ptimeMillis, telephoneEventPayloadType, direction, dscp,
                validateRemoteHosts, inBandDtmf, keys);
    }

    /** A builder with the defaults: ptime 20, telephone-event 101, sendrecv, engine DSCP. */
    public static Builder builder(String encodingName, int payloadType) {
        return new Builder(encodingName, payloadType);
    }

    /** Builds a {@link SessionSpec} step by step; unset values take the defaults. */
    public static final class Builder {
        private String label = "media";
        private String localAddress = "0.0.0.0";
        private int localRtpPort;
        private String remoteAddress = "0.0.0.0";
        private int remoteRtpPort;
        private int remoteRtcpPort;
        private final int payloadType;
        private final String encodingName;
        private int ptimeMillis = DEFAULT_PTIME_MILLIS;
        private int telephoneEventPayloadType = 101;
        private MediaDirection direction = MediaDirection.SENDRECV;
        private int dscp = ENGINE_DSCP;
        private boolean validateRemoteHosts;
        private boolean inBandDtmf;
        private SrtpKeys srtp;

        private Builder(String encodingName, int payloadType) {
            this.encodingName = encodingName;
            this.payloadType = payloadType;
        }

        public Builder label(String value) { label = value; return this; }
        public Builder local(String address, int rtpPort) { localAddress = address; localRtpPort = rtpPort; return this; }
        public Builder remote(String address, int rtpPort) { remoteAddress = address; remoteRtpPort = rtpPort; return this; }
        public Builder remoteRtcpPort(int port) { remoteRtcpPort = port; return this; }
        public Builder ptimeMillis(int value) { ptimeMillis = value; return this; }
        public Builder telephoneEvent(int payload) { telephoneEventPayloadType = payload; return this; }
        public Builder direction(MediaDirection value) { direction = value; return this; }
        public Builder dscp(int value) { dscp = value; return this; }
        public Builder validateRemoteHosts(boolean value) { validateRemoteHosts = value; return this; }
        public Builder inBandDtmf(boolean value) { inBandDtmf = value; return this; }
        public Builder srtp(SrtpKeys keys) { srtp = keys; return this; }

        public SessionSpec build() {
            return new SessionSpec(label, localAddress, localRtpPort, remoteAddress, remoteRtpPort, remoteRtcpPort,
                    payloadType, encodingName, ptimeMillis, telephoneEventPayloadType, direction, dscp,
                    validateRemoteHosts, inBandDtmf, srtp);
        }
    }
}
