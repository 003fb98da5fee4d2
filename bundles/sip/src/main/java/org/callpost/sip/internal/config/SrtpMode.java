package org.callpost.sip.internal.config;

/**
 * The integration's {@code srtp} setting: whether call media is SRTP, keyed by SDES (RFC 4568
 * {@code a=crypto} in the SDP). SDES keys are readable by anyone who reads the SDP, so any mode
 * but {@link #OFF} needs {@code transport = TLS}.
 */
public enum SrtpMode {
    /** Plain RTP; an offer of RTP/SAVP is refused with 488. */
    OFF,
    /** SRTP when the far end wants it: our offers are RTP/AVP with {@code a=crypto}, offers with crypto are answered in kind, offers without it get plain RTP. */
    OFFERED,
    /** SRTP or no call: our offers are RTP/SAVP, an offer or answer without usable crypto is refused (488) or hung up. */
    REQUIRED
}
