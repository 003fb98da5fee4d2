package org.callpost.api.store;

import java.io.IOException;

/**
 * Thrown before anything is recorded when the store cannot take a recording now because its disk
 * has less free space than the administrator's minimum: the caller is told the system cannot take
 * a message now (not that the mailbox is full), and the administrator is warned by the log and by
 * health. Nothing is dropped: no draft exists.
 */
public class StoreFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreFullException(String message) {
        super(message);
    }
}
