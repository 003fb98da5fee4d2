package org.callpost.api.store;

/**
 * Thrown by {@link MessageStore#beginMessage} before anything is recorded when the mailbox has
 * reached a limit, so the caller can be told ("the mailbox is full") instead of recording for
 * nothing. Nothing is dropped: no draft exists.
 */
public class MailboxFullException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient MailboxCounts counts;

    public MailboxFullException(MailboxCounts counts) {
        super("mailbox " + counts.mailbox() + " is full: " + (counts.newCount() + counts.savedCount()) + "/"
                + counts.maxMessages() + " messages, " + counts.total().toSeconds() + "/"
                + counts.maxTotal().toSeconds() + " s");
        this.counts = counts;
    }

    /** What the mailbox holds and its limits. */
    public MailboxCounts counts() {
        return counts;
    }
}
