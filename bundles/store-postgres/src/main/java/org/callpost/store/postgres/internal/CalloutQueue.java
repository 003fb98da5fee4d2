package org.callpost.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.callpost.api.cluster.CalloutJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message notification callouts as jobs in table {@code callout_job} (db/V2): one row a
 * mailbox, taken by one node with {@code FOR UPDATE SKIP LOCKED} (two nodes looking together take
 * two different jobs, or one takes it and the other none), kept across restarts. At start a node
 * lets go of the jobs its name still holds (it stopped mid-call: they are tried again). While the
 * database is known not to answer nothing waits for it: no job is taken, and what cannot be
 * recorded is logged. Stateless but for its settings.
 */
final class CalloutQueue implements CalloutJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CalloutQueue.class);

    private final DataSource db;
    private final String node;
    private final PendingDeliveries database;

    CalloutQueue(DataSource db, String node, PendingDeliveries database) {
        this.db = db;
        this.node = node;
        this.database = database;
    }

    /** Lets go of the jobs this node's name holds from before its start. */
    void start() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE callout_job SET taken_by = NULL, taken_until = NULL WHERE taken_by = ?")) {
            s.setString(1, node);
            int n = s.executeUpdate();
            if (n > 0) {
                LOG.info("Callouts: {} job(s) this node ({}) held when it stopped are due again", n, node);
            }
        } catch (SQLException e) {
            LOG.warn("Callouts: the jobs of node {} could not be let go ({}); they are due again when their hold ends",
                    node, StoreDatabase.rootMessage(e));
        }
    }

    @Override
    public boolean schedule(String mailbox, String number, Duration in, int maxAttempts) {
        if (database.whyDown() != null) {
            LOG.warn("Callouts: mailbox {}'s callout cannot be scheduled, PostgreSQL does not answer", mailbox);
            return false;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO callout_job "
                + "(mailbox, number, due, max_attempts) VALUES (?, ?, now() + make_interval(secs => ?), ?) "
                + "ON CONFLICT (mailbox) DO NOTHING")) {
            s.setString(1, mailbox);
            s.setString(2, number);
            s.setDouble(3, in.toMillis() / 1000.0);
            s.setInt(4, maxAttempts);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            LOG.warn("Callouts: mailbox {}'s callout could not be scheduled: {}", mailbox, StoreDatabase.rootMessage(e));
            return false;
        }
    }

    @Override
    public Optional<Job> take(Duration hold) {
        if (database.whyDown() != null) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE callout_job SET "
                + "taken_by = ?, taken_until = now() + make_interval(secs => ?) WHERE mailbox = (SELECT mailbox FROM "
                + "callout_job WHERE due <= now() AND (taken_by IS NULL OR taken_until < now()) ORDER BY due LIMIT 1 "
                + "FOR UPDATE SKIP LOCKED) RETURNING mailbox, number, attempts, max_attempts")) {
            s.setString(1, node);
            s.setDouble(2, hold.toMillis() / 1000.0);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Job(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("Callouts: no job could be taken: {}", StoreDatabase.rootMessage(e));
            return Optional.empty();
        }
    }

    @Override
    public void again(String mailbox, Duration in, int attempts, String outcome) {
        update("UPDATE callout_job SET due = now() + make_interval(secs => ?), attempts = ?, last_outcome = ?, "
                + "taken_by = NULL, taken_until = NULL WHERE mailbox = ? AND taken_by = ?", mailbox, s -> {
                    s.setDouble(1, in.toMillis() / 1000.0);
                    s.setInt(2, attempts);
                    s.setString(3, outcome);
                    s.setString(4, mailbox);
                    s.setString(5, node);
                });
    }

    @Override
    public void end(String mailbox) {
        update("DELETE FROM callout_job WHERE mailbox = ? AND (taken_by IS NULL OR taken_by = ?)", mailbox, s -> {
            s.setString(1, mailbox);
            s.setString(2, node);
        });
    }

    @Override
    public void cancel(String mailbox) {
        update("DELETE FROM callout_job WHERE mailbox = ? AND (taken_by IS NULL OR taken_until < now())", mailbox, s -> {
            s.setString(1, mailbox);
        });
    }

    private interface Parameters {
        void set(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, String mailbox, Parameters parameters) {
        if (database.whyDown() != null) {
            LOG.warn("Callouts: mailbox {}'s job cannot be changed, PostgreSQL does not answer", mailbox);
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Callouts: mailbox {}'s job could not be changed: {}", mailbox, StoreDatabase.rootMessage(e));
        }
    }
}
