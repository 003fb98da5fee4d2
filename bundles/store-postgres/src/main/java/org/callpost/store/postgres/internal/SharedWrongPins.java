package org.callpost.store.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.callpost.api.cluster.WrongPinRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrong-PIN records in table {@code pin_failure} (db/V2), one row a mailbox with something
 * counted. A change runs in one transaction holding the row ({@code SELECT ... FOR UPDATE}), so
 * two nodes counting guesses at one mailbox together count both; two first guesses racing to insert
 * the row are told apart by its key, and the loser runs its change again on the winner's row.
 * While the database is known not to answer, nothing waits for it (update answers false). Stateless.
 */
final class SharedWrongPins implements WrongPinRecords {
    private static final Logger LOG = LoggerFactory.getLogger(SharedWrongPins.class);

    private final DataSource db;
    private final PendingDeliveries database;

    SharedWrongPins(DataSource db, PendingDeliveries database) {
        this.db = db;
        this.database = database;
    }

    @Override
    public boolean update(String mailbox, UnaryOperator<Record> change) {
        if (database.whyDown() != null) {
            return false;
        }
        for (int attempt = 1;; attempt++) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    update(c, mailbox, change);
                    c.commit();
                    return true;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState()) && attempt == 1) {
                    continue; // another node made the row first: count on it
                }
                LOG.warn("Wrong PINs of mailbox {} cannot be shared now: {}", mailbox, StoreDatabase.rootMessage(e));
                return false;
            }
        }
    }

    private static void update(Connection c, String mailbox, UnaryOperator<Record> change) throws SQLException {
        Record before = Record.NONE;
        boolean kept = false;
        try (PreparedStatement s = c.prepareStatement("SELECT times, last_from, last_failure, locked_until FROM "
                + "pin_failure WHERE mailbox = ? FOR UPDATE")) {
            s.setString(1, mailbox);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    kept = true;
                    Timestamp[] times = (Timestamp[]) r.getArray(1).getArray();
                    before = new Record(Arrays.stream(times).map(Timestamp::toInstant).toList(), r.getString(2),
                            instant(r.getTimestamp(3)), instant(r.getTimestamp(4)));
                }
            }
        }
        Record after = change.apply(before);
        if (after.none()) {
            if (kept) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM pin_failure WHERE mailbox = ?")) {
                    s.setString(1, mailbox);
                    s.executeUpdate();
                }
            }
            return;
        }
        if (after.equals(before)) {
            return;
        }
        String sql = kept ? "UPDATE pin_failure SET times = ?, last_from = ?, last_failure = ?, locked_until = ? "
                + "WHERE mailbox = ?" : "INSERT INTO pin_failure (times, last_from, last_failure, locked_until, mailbox) "
                + "VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Array times = c.createArrayOf("timestamptz", after.times().stream().map(Timestamp::from).toArray());
            s.setArray(1, times);
            s.setString(2, after.lastFrom());
            s.setTimestamp(3, after.lastFailure().map(Timestamp::from).orElse(null));
            s.setTimestamp(4, after.lockedUntil().map(Timestamp::from).orElse(null));
            s.setString(5, mailbox);
            s.executeUpdate();
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    @Override
    public List<String> mailboxes() {
        List<String> found = new ArrayList<>();
        if (database.whyDown() != null) {
            return found;
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT mailbox FROM pin_failure ORDER BY mailbox");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        } catch (SQLException e) {
            LOG.warn("Wrong PINs: the mailboxes with some cannot be listed now: {}", StoreDatabase.rootMessage(e));
        }
        return found;
    }
}
