package org.callpost.store.postgres.internal;

import java.util.List;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;

/**
 * The health check {@value #CHECK}: whether PostgreSQL answers, and how many messages wait in the
 * spool for it. Answers from what the store already knows (its delivery thread probes the
 * database), never by asking the database itself. State: volatile, set by {@link PostgresStoreStarter}.
 */
final class DatabaseHealth implements HealthCheck {
    static final String CHECK = "database";

    private final String where;
    private volatile PostgresMessageStore store;
    private volatile String openFailure;

    DatabaseHealth(String where) {
        this.where = where;
    }

    void opened(PostgresMessageStore open) {
        openFailure = null;
        store = open;
    }

    void notOpened(String why) {
        openFailure = why;
    }

    void stopped() {
        store = null;
    }

    @Override
    public List<HealthResult> check() {
        PostgresMessageStore open = store;
        if (open == null) {
            String why = openFailure;
            return List.of(why == null ? HealthResult.warning(CHECK, "PostgreSQL at " + where + ": the store is opening")
                    : HealthResult.critical(CHECK, "PostgreSQL at " + where + " does not answer: " + why
                            + "; there is no message store until it does (tried every " + PostgresStoreStarter.RETRY_SECONDS
                            + " s)"));
        }
        PendingDeliveries deliveries = open.deliveries();
        int waiting = deliveries.count();
        String why = deliveries.whyDown();
        if (why != null) {
            return List.of(HealthResult.critical(CHECK, "PostgreSQL at " + where + " does not answer: " + why + "; "
                    + waiting(waiting) + " in the spool"));
        }
        if (waiting > 0) {
            return List.of(HealthResult.warning(CHECK, "PostgreSQL at " + where + " answers; " + waiting(waiting)
                    + " in the spool, being delivered"));
        }
        return List.of(HealthResult.ok(CHECK, "PostgreSQL at " + where + " answers; " + open.mailboxes().size()
                + " mailboxes"));
    }

    static String waiting(int count) {
        return count + (count == 1 ? " message waiting" : " messages waiting");
    }
}
