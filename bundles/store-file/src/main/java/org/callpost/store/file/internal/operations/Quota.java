package org.callpost.store.file.internal.operations;

import java.time.Duration;

import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Message;
import org.callpost.store.file.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How full a mailbox is: new and saved messages count against its limits (its own, else the
 * store's mailbox.max.messages and mailbox.max.minutes); deleted ones do not. Stateless.
 */
final class Quota {
    private static final Logger LOG = LoggerFactory.getLogger(Quota.class);

    private Quota() {
    }

    /** Call holding the box's monitor. */
    static MailboxCounts counts(Box box, Settings s) {
        int unread = 0;
        int fresh = 0;
        int saved = 0;
        int deleted = 0;
        int unreadUrgent = 0;
        int heardUrgent = 0;
        Duration total = Duration.ZERO;
        for (Message m : box.messages.values()) {
            switch (m.folder()) {
                case NEW -> {
                    fresh++;
                    unread += m.heard() ? 0 : 1;
                    unreadUrgent += m.urgent() && !m.heard() ? 1 : 0;
                    heardUrgent += m.urgent() && m.heard() ? 1 : 0;
                    total = total.plus(m.duration());
                }
                case SAVED -> {
                    saved++;
                    heardUrgent += m.urgent() ? 1 : 0;
                    total = total.plus(m.duration());
                }
                case DELETED -> deleted++;
            }
        }
        MailboxLimits limits = box.mailbox.limits();
        int maxMessages = limits.maxMessages() > 0 ? limits.maxMessages() : s.maxMessages();
        Duration maxTotal = limits.maxTotalSeconds() > 0 ? Duration.ofSeconds(limits.maxTotalSeconds()) : s.maxTotal();
        return new MailboxCounts(box.number, fresh, unread, saved, deleted, total, maxMessages, maxTotal, unreadUrgent,
                heardUrgent);
    }

    /** Checks the limits and returns what is left; call holding the box's monitor. */
    static MailboxCounts requireRoom(Box box, Settings s) throws MailboxFullException {
        box.check();
        MailboxCounts counts = counts(box, s);
        if (counts.full()) {
            LOG.info("Mailbox {} is full ({}/{} messages, {}/{} s): the caller is told before recording", box.number,
                    counts.newCount() + counts.savedCount(), counts.maxMessages(), counts.total().toSeconds(),
                    counts.maxTotal().toSeconds());
            throw new MailboxFullException(counts);
        }
        return counts;
    }
}
