package org.callpost.api.store;

/**
 * How much a mailbox may hold. A value of 0 means "the store's configured default", so a change
 * of the default applies to every mailbox that did not set its own.
 *
 * @param maxMessages      the most messages in the new and saved folders together; 0 for the default
 * @param maxTotalSeconds  the most audio in the new and saved folders together; 0 for the default
 */
public record MailboxLimits(int maxMessages, int maxTotalSeconds) {
    /** The store's defaults for both limits. */
    public static final MailboxLimits DEFAULT = new MailboxLimits(0, 0);

    public MailboxLimits {
        if (maxMessages < 0 || maxTotalSeconds < 0) {
            throw new IllegalArgumentException("negative mailbox limit: " + maxMessages + " messages, "
                    + maxTotalSeconds + " s");
        }
    }
}
