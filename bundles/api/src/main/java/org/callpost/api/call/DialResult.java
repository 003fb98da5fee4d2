package org.callpost.api.call;

import java.util.Objects;
import java.util.Optional;

/**
 * How a call Callpost placed went.
 *
 * @param outcome   in short
 * @param sipStatus the final SIP status the PBX gave (200, 486, 404 ...), or 0 when none came
 * @param call      the call, when answered
 */
public record DialResult(Outcome outcome, int sipStatus, Optional<Call> call) {
    public enum Outcome {
        /** Answered (or, with call progress type Media, early media started). */
        ANSWERED,
        /** Busy (486, 600). */
        BUSY,
        /** Rang without answer until the no-answer time, or the PBX said so (408, 480). */
        NO_ANSWER,
        /** The PBX refused the call with another final status (e.g. 403, 404, 488). */
        REFUSED,
        /** No answer from the PBX at all, or the call could not be sent. */
        FAILED,
        /** Every line that may be used is busy. */
        NO_FREE_LINE,
        /** No such integration, or it is not running. */
        NO_INTEGRATION
    }

    public DialResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(call, "call");
    }
}
