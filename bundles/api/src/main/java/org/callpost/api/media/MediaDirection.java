package org.callpost.api.media;

/**
 * Which way audio flows on a call leg, as the SDP offer/answer settled it ({@code a=sendrecv},
 * {@code a=sendonly}, {@code a=recvonly}, {@code a=inactive}), seen from Callpost's side.
 * Putting a call on hold and resuming it changes the direction.
 */
public enum MediaDirection {
    /** Normal conversation: Callpost sends and receives audio. */
    SENDRECV,
    /** Callpost sends (e.g. music or prompts) but ignores what arrives. */
    SENDONLY,
    /** Callpost listens only: the far end put the call on hold towards us, or we only record. */
    RECVONLY,
    /** On hold both ways: no audio in either direction (RTCP still flows). */
    INACTIVE;

    /** Whether Callpost sends RTP audio in this direction. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether Callpost plays out (records, detects digits in) the audio it receives. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }
}
