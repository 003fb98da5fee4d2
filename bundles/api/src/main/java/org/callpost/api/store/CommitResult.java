package org.callpost.api.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a committed draft.
 *
 * @param outcome  whether it was kept
 * @param message  the message now in the new folder, when {@link Outcome#SAVED}
 * @param duration the length of the audio recorded
 */
public record CommitResult(Outcome outcome, Optional<Message> message, Duration duration) {
    public CommitResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(duration, "duration");
        if (message.isPresent() != (outcome == Outcome.SAVED)) {
            throw new IllegalArgumentException("a message exactly when SAVED");
        }
    }

    /** Whether a committed draft was kept. */
    public enum Outcome {
        /** Forced to disk and moved into the new folder. */
        SAVED,
        /** Shorter than the store's minimum message length: discarded (a hang-up before speaking). */
        TOO_SHORT
    }
}
