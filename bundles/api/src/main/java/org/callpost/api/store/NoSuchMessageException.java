package org.callpost.api.store;

/** Thrown by {@link MessageStore} methods given a message id the mailbox does not hold. */
public class NoSuchMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NoSuchMessageException(String mailbox, String id) {
        super("no message " + id + " in mailbox " + mailbox);
    }
}
