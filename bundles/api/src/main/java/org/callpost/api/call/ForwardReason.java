package org.callpost.api.call;

/**
 * Why the PBX sent a call to voicemail (the integration note's Table 2), from RFC 5806 Diversion
 * reasons and RFC 7044 History-Info causes.
 */
public enum ForwardReason {
    /** Call forward on no answer: Diversion {@code no-answer}, cause 408. */
    NO_ANSWER,
    /** Call forward on busy: Diversion {@code user-busy}, cause 486. */
    BUSY,
    /** Call forward all / unconditional: Diversion {@code unconditional}, cause 302. */
    FORWARD_ALL,
    /** Do not disturb, deflect, reject, unavailable: Diversion {@code deflection}, {@code do-not-disturb}, causes 480, 404. */
    DND_DEFLECT,
    /** Not forwarded: a direct call. */
    NONE
}
