package org.callpost.api.store;

import java.io.IOException;

/**
 * The store cannot keep a change now because what it keeps things in does not answer (the
 * PostgreSQL store's database is down). Nothing was changed; what the store already holds can still
 * be read, and messages left meanwhile wait in the store's spool. A flow tells the user to try
 * again later rather than that something went wrong.
 */
public class StoreUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }
}
