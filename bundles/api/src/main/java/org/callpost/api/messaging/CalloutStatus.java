package org.callpost.api.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One mailbox's callouts for its latest batch of new messages.
 *
 * @param mailbox     the mailbox number
 * @param number      the number called
 * @param state       where they stand
 * @param attempts    calls made so far
 * @param maxAttempts calls allowed for the batch
 * @param next        when the next call is due (while {@link State#WAITING})
 * @param lastOutcome how the last call went ("busy (486)", "answered, 1 message(s) still unheard", ...), or ""
 */
public record CalloutStatus(String mailbox, String number, State state, int attempts, int maxAttempts,
        Optional<Instant> next, String lastOutcome) {
    public enum State {
        /** A call is due at {@code next}. */
        WAITING,
        /** A call is being placed or is up. */
        CALLING,
        /** The new messages were heard. */
        DELIVERED,
        /** The attempts ran out; a new message starts again. */
        GAVE_UP,
        /** The PBX refused the number; nothing until it is corrected. */
        REFUSED,
        /** Stopped before delivery: messages heard another way, the number removed, the mailbox removed. */
        CANCELLED
    }

    public CalloutStatus {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
    }
}
