package org.callpost.api.call;

/** Where a call on a line stands. */
public enum CallState {
    /** An incoming call being offered (ringing, before the off-hook delay has run). */
    RINGING,
    /** An outgoing call being placed. */
    DIALLING,
    /** Answered: audio flows. */
    CONNECTED,
    /** The far end holds the call. */
    HELD,
    /** Over. */
    ENDED
}
