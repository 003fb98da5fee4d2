package org.callpost.api.store;

import java.time.Duration;
import java.util.Objects;

/**
 * What a mailbox holds now, against its limits (after the store's defaults are applied).
 *
 * @param mailbox      the mailbox number
 * @param newCount     messages in the new folder (heard or not)
 * @param unheardCount messages in the new folder not yet heard: what lights the lamp
 * @param savedCount   messages in the saved folder
 * @param deletedCount messages in the deleted folder (not counted against the limits)
 * @param total        the audio in the new and saved folders
 * @param maxMessages  the limit on messages in the new and saved folders
 * @param maxTotal     the limit on audio in the new and saved folders
 * @param unheardUrgentCount urgent messages among the unheard ones
 * @param heardUrgentCount   urgent messages heard and kept (in the new or saved folder)
 */
public record MailboxCounts(String mailbox, int newCount, int unheardCount, int savedCount, int deletedCount,
        Duration total, int maxMessages, Duration maxTotal, int unheardUrgentCount, int heardUrgentCount) {
    public MailboxCounts {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(maxTotal, "maxTotal");
    }

    /** Counts from a store that does not count urgent messages (2.0): none are urgent. */
    public MailboxCounts(String mailbox, int newCount, int unheardCount, int savedCount, int deletedCount,
            Duration total, int maxMessages, Duration maxTotal) {
        this(mailbox, newCount, unheardCount, savedCount, deletedCount, total, maxMessages, maxTotal, 0, 0);
    }

    /** Whether no further message may be begun: a limit is reached. */
    public boolean full() {
        return newCount + savedCount >= maxMessages || total.compareTo(maxTotal) >= 0;
    }

    /** How much audio a new message may still have before the length limit (zero when full). */
    public Duration remaining() {
        Duration left = maxTotal.minus(total);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
