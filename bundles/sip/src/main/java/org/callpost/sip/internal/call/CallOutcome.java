package org.callpost.sip.internal.call;

/** How a call on a line ended, for the figures ({@code callpost_calls_ended_total{outcome}}). */
public enum CallOutcome {
    /** Answered, then the PBX hung up (the caller put the phone down): a BYE came. */
    PBX_HUNG_UP("pbx_hung_up"),
    /** Answered, then Callpost hung up (the flow ended, a transfer went through, no ACK). */
    CALLPOST_HUNG_UP("callpost_hung_up"),
    /** The caller gave up while it rang: a CANCEL came. */
    CANCELLED("cancelled"),
    /** Never answered: an outgoing call that was not taken, an incoming one turned away. */
    NOT_ANSWERED("not_answered"),
    /** Could not be answered: no media engine, no media port, the answer could not be sent. */
    FAILED("failed");

    private final String label;

    CallOutcome(String label) {
        this.label = label;
    }

    /** The value of the metric's {@code outcome} tag. */
    public String label() {
        return label;
    }
}
