package org.callpost.api.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one PIN logon attempt ({@link PinLogons#check}).
 *
 * @param outcome     what happened
 * @param failures    wrong PINs counted in the window after this attempt (0 once accepted)
 * @param lockedUntil when the lockout ends, present only for {@link Outcome#LOCKED} (this attempt
 *                    locked the mailbox, or it was already locked)
 */
public record PinCheck(Outcome outcome, int failures, Optional<Instant> lockedUntil) {
    public enum Outcome {
        /** The PIN is the mailbox's: log the subscriber on. */
        ACCEPTED,
        /** Not the mailbox's PIN; counted. */
        WRONG,
        /** The mailbox is locked (by this attempt or before): no PIN is checked until {@code lockedUntil}. */
        LOCKED,
        /** The mailbox has no PIN yet: PIN logon refused until the administrator sets one; not counted. */
        NO_PIN,
        /** No mailbox has that number; not counted (the caller gets the same answer as for a wrong PIN). */
        NO_MAILBOX
    }

    public PinCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
