package org.callpost.api.integration;

/** What a line is doing with calls (separate from its registration). */
public enum LineActivity {
    /** Free for the next call. */
    IDLE,
    /** An incoming call is being offered. */
    RINGING,
    /** A call is placed from the line. */
    DIALLING,
    /** In a call. */
    CONNECTED,
    /** In a call the far end holds. */
    HELD,
    /** Just hung up: resting for the "on hook delay" before it takes another call. */
    ON_HOOK_DELAY
}
