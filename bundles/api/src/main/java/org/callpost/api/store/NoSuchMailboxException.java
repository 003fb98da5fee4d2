package org.callpost.api.store;

/** Thrown by every {@link MessageStore} method given a mailbox number the store does not have. */
public class NoSuchMailboxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String mailbox;

    public NoSuchMailboxException(String mailbox) {
        super("no mailbox " + mailbox);
        this.mailbox = mailbox;
    }

    public String mailbox() {
        return mailbox;
    }
}
