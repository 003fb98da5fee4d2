package org.callpost.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service told when a mailbox's counts change (a message committed, heard, moved,
 * purged), e.g. by the message-waiting bundle to light or clear a lamp. When a listener is
 * registered it is first told the counts of every mailbox, so it can assert the lamps at start-up.
 * Calls come one at a time, in order, on a thread of the store; a listener must not block long.
 */
@ConsumerType
public interface MailboxListener {

    /**
     * A mailbox's counts changed, or a mailbox was created or had its settings changed.
     *
     * @param mailbox the mailbox's settings now (for its lamp extension)
     * @param counts  what it holds now
     */
    void mailboxChanged(Mailbox mailbox, MailboxCounts counts);

    /** A mailbox was removed: its lamp should be cleared. */
    default void mailboxRemoved(Mailbox mailbox) {
    }
}
