package org.callpost.api.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox's wrong PINs, for the administrator.
 *
 * @param mailbox     the mailbox number
 * @param failures    wrong PINs counted in the window
 * @param lastFrom    where the last wrong PIN came from ({@code "phone 0441234567"}, {@code "web 192.0.2.7"})
 * @param lastFailure when it came
 * @param lockedUntil when the lockout ends; empty while the mailbox is not locked
 */
public record PinLockout(String mailbox, int failures, String lastFrom, Instant lastFailure,
        Optional<Instant> lockedUntil) {
    public PinLockout {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(lastFrom, "lastFrom");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
    }

    public boolean locked() {
        return lockedUntil.isPresent();
    }
}
