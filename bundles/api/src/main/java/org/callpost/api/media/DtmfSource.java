package org.callpost.api.media;

/** How a caller's key press reached Callpost. */
public enum DtmfSource {
    /** An RFC 4733 (formerly RFC 2833) telephone-event packet: what SIP phones and PBXes send. */
    TELEPHONE_EVENT,
    /** A dual-tone heard in the audio itself (in-band), found by the tone detector. */
    IN_BAND
}
