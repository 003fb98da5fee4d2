package org.callpost.store.file.internal.operations;

import java.util.HashMap;
import java.util.Map;

import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.NoSuchMailboxException;

/**
 * One mailbox in memory: its settings, PIN hash and message index. Owner: the box's own monitor;
 * every field but {@link #mailbox} (volatile, for lookups without the lock) is read and written
 * only holding it, and so is every storage call that changes the mailbox.
 */
final class Box {
    final String number;
    volatile Mailbox mailbox;
    PinHash pin;
    boolean removed;
    final Map<String, Message> messages = new HashMap<>();

    Box(StoredMailbox stored) {
        this.number = stored.mailbox().number();
        this.mailbox = stored.mailbox();
        this.pin = stored.pin();
        stored.messages().forEach(m -> messages.put(m.id(), m));
    }

    /** Refuses a mailbox removed since it was looked up; call holding the monitor. */
    void check() {
        if (removed) {
            throw new NoSuchMailboxException(number);
        }
    }
}
