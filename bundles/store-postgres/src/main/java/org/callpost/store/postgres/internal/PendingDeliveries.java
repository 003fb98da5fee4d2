package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.callpost.api.store.CommitResult;
import org.callpost.api.store.MessageDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages recorded while PostgreSQL did not answer, waiting in the spool (recording and envelope,
 * as any draft) to be delivered: one thread of the store's commits them in order once the database
 * answers, trying again after {@value #FIRST_RETRY_MILLIS} ms, doubling up to
 * {@value #LAST_RETRY_MILLIS} ms. A delivery is idempotent (the message id is the row's key and the
 * insert does nothing on conflict), so a retry after an unknown outcome cannot store it twice; a
 * stop meanwhile leaves the drafts, which the next start files. While nothing waits the same
 * thread asks the database every {@value #PROBE_SECONDS} s whether it answers, for the health
 * check, so a call never waits on a database known to be down. State: the queue, guarded by this;
 * {@link #unreachable} volatile.
 */
final class PendingDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(PendingDeliveries.class);
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long LAST_RETRY_MILLIS = 30_000;
    static final long PROBE_SECONDS = 10;

    private final DataSource db;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callpost-store-postgres-deliver");
        t.setDaemon(true);
        return t;
    });
    private final Deque<MessageDraft> waiting = new ArrayDeque<>();
    /** Why the database last did not answer; null while it does. */
    private volatile String unreachable;
    /** Only the delivery thread reads and writes it. */
    private long backoff = FIRST_RETRY_MILLIS;

    PendingDeliveries(DataSource db) {
        this.db = db;
    }

    void start() {
        schedule(PROBE_SECONDS * 1000);
    }

    void stop() {
        thread.shutdownNow();
        int left = count();
        if (left > 0) {
            LOG.warn("Message store on PostgreSQL stopped with {} messages waiting in the spool: they are kept at "
                    + "the next start once the database answers", left);
        }
    }

    /** Whether a failure means the database did not answer (rather than refused what it was asked). */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException q && q.getSQLState() != null
                    && (q.getSQLState().startsWith("08") || q.getSQLState().startsWith("57P"))) {
                return true; // connection exceptions; the server shutting down or starting up
            }
        }
        return false;
    }

    /** Whether the database is known not to answer now: a message is then spooled at once. */
    boolean databaseDown() {
        return unreachable != null;
    }

    /** Why the database does not answer, or null. */
    String whyDown() {
        return unreachable;
    }

    /** Takes note that the database did not answer {@code failure}. */
    void failed(Throwable failure) {
        String why = StoreDatabase.rootMessage(failure);
        if (unreachable == null) {
            LOG.error("PostgreSQL does not answer ({}): messages wait in the spool until it does", why);
        }
        unreachable = why;
    }

    /** A committed draft the database did not take: delivered later by this store's thread. */
    void add(MessageDraft draft) {
        int count;
        synchronized (this) {
            waiting.add(draft);
            count = waiting.size();
        }
        LOG.warn("Message {} of mailbox {} waits in the spool until PostgreSQL answers ({} waiting)", draft.id(),
                draft.mailbox(), count);
    }

    synchronized int count() {
        return waiting.size();
    }

    private void schedule(long millis) {
        try {
            thread.schedule(this::run, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the store stopped
        }
    }

    private void run() {
        try {
            if (count() == 0) {
                probe();
            } else {
                deliver();
            }
            if (unreachable != null) {
                LOG.info("PostgreSQL answers again");
            }
            unreachable = null;
            backoff = FIRST_RETRY_MILLIS;
            schedule(count() == 0 ? PROBE_SECONDS * 1000 : 0);
        } catch (IOException | SQLException | RuntimeException e) {
            if (thread.isShutdown()) {
                return; // interrupted by the store's stop
            }
            if (!unreachable(e)) {
                LOG.error("Message store on PostgreSQL: delivering the spooled messages failed; trying again", e);
            }
            failed(e);
            long wait = backoff;
            backoff = Math.min(2 * backoff, LAST_RETRY_MILLIS);
            schedule(count() == 0 ? Math.max(wait, PROBE_SECONDS * 1000) : wait);
        }
    }

    private void probe() throws SQLException {
        try (Connection c = db.getConnection()) {
            if (!c.isValid(5)) {
                throw new SQLRecoverableException("the connection did not answer within 5 s", "08006");
            }
        }
    }

    /** Commits the waiting drafts in order; stops at the first the database does not answer for. */
    private void deliver() throws IOException {
        while (true) {
            MessageDraft draft;
            synchronized (this) {
                draft = waiting.peek();
            }
            if (draft == null) {
                return;
            }
            try {
                CommitResult result = draft.commit();
                LOG.info("Message {} of mailbox {}, spooled while PostgreSQL did not answer, is kept ({} ms)",
                        draft.id(), draft.mailbox(), result.duration().toMillis());
            } catch (IOException e) {
                if (unreachable(e)) {
                    throw e;
                }
                // refused, not unanswered (e.g. its mailbox was removed): it stays in the spool for the next start
                LOG.error("Message {} of mailbox {} cannot be delivered and stays in the spool: {}", draft.id(),
                        draft.mailbox(), e.toString());
            } catch (RuntimeException e) {
                LOG.error("Message {} of mailbox {} cannot be delivered and stays in the spool: {}", draft.id(),
                        draft.mailbox(), e.toString());
            }
            synchronized (this) {
                waiting.remove(draft);
            }
        }
    }
}
