package org.callpost.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.callpost.api.cluster.LampOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each lamp set by one node: a lease row per lamp in table {@code lamp} (db/V2) naming the node and
 * until when, taken in one statement (INSERT ... ON CONFLICT ... WHERE the lease is this node's or
 * has run out), so two nodes asking together cannot both get it. The leases this node holds are
 * renewed every {@value #RENEW_SECONDS} s on a thread of their own (callpost-lamp-leases) and given
 * up when the store stops, so another node takes the lamps over at once; a node that dies loses
 * them after {@value #LEASE_SECONDS} s. The row also keeps what the PBX last confirmed.
 * <p>
 * While the database is known not to answer ({@link PendingDeliveries#whyDown}) nothing waits for
 * it: a lamp is this node's only while a lease it took is still running by its own clock. State:
 * {@link #held}, concurrent (lamp key to the lease's end by this node's clock).
 */
final class LampLeases implements LampOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(LampLeases.class);
    static final int LEASE_SECONDS = 60;
    static final int RENEW_SECONDS = 20;

    private final DataSource db;
    private final String node;
    private final PendingDeliveries database;
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callpost-lamp-leases");
        t.setDaemon(true);
        return t;
    });

    LampLeases(DataSource db, String node, PendingDeliveries database) {
        this.db = db;
        this.node = node;
        this.database = database;
        renewer.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    static String key(String integration, String extension) {
        return integration == null || integration.isEmpty() ? extension : integration + "/" + extension;
    }

    @Override
    public boolean owns(String integration, String extension) {
        String lamp = key(integration, extension);
        if (database.whyDown() != null) {
            return stillHeld(lamp);
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO lamp (lamp, node, "
                + "lease_until) VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (lamp) DO UPDATE SET "
                + "node = excluded.node, lease_until = excluded.lease_until WHERE lamp.node = excluded.node "
                + "OR lamp.lease_until < now() RETURNING node")) {
            s.setString(1, lamp);
            s.setString(2, node);
            s.setInt(3, LEASE_SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    if (held.put(lamp, until) == null) {
                        LOG.info("Lamp {}: this node ({}) sets it", lamp, node);
                    }
                    return true;
                }
            }
            if (held.remove(lamp) != null) {
                LOG.info("Lamp {}: another node sets it now", lamp);
            }
            return false;
        } catch (SQLException e) {
            LOG.warn("Lamp {}: who sets it cannot be asked ({}); {}", lamp, StoreDatabase.rootMessage(e),
                    stillHeld(lamp) ? "this node's lease still runs" : "not set by this node for now");
            return stillHeld(lamp);
        }
    }

    private boolean stillHeld(String lamp) {
        Long until = held.get(lamp);
        return until != null && until - System.nanoTime() > 0;
    }

    @Override
    public Optional<Boolean> confirmed(String integration, String extension) {
        if (database.whyDown() != null) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT confirmed_on FROM lamp WHERE lamp = ?")) {
            s.setString(1, key(integration, extension));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    boolean on = r.getBoolean(1);
                    return r.wasNull() ? Optional.empty() : Optional.of(on);
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public void confirmed(String integration, String extension, boolean on) {
        if (database.whyDown() != null) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE lamp SET confirmed_on = ?, confirmed_at = now() WHERE lamp = ? AND node = ?")) {
            s.setBoolean(1, on);
            s.setString(2, key(integration, extension));
            s.setString(3, node);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Lamp {}: what the PBX confirmed cannot be recorded ({})", key(integration, extension),
                    StoreDatabase.rootMessage(e));
        }
    }

    /** Renews every lease this node holds, in one statement. */
    private void renew() {
        if (held.isEmpty() || database.whyDown() != null) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE lamp SET lease_until = now() + make_interval(secs => ?) WHERE node = ? RETURNING lamp")) {
            s.setInt(1, LEASE_SECONDS);
            s.setString(2, node);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS);
            java.util.Set<String> renewed = new java.util.HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    renewed.add(r.getString(1));
                }
            }
            held.replaceAll((lamp, old) -> renewed.contains(lamp) ? until : old);
            held.keySet().retainAll(renewed); // taken over meanwhile (this node's lease had run out)
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Lamp leases of node {} could not be renewed: {}", node, StoreDatabase.rootMessage(e));
        }
    }

    /** Gives the leases up, so another node takes the lamps over at once; the confirmed state stays. */
    void stop() {
        renewer.shutdownNow();
        if (held.isEmpty() || database.whyDown() != null) {
            return;
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE lamp SET lease_until = now() WHERE node = ?")) {
            s.setString(1, node);
            s.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Lamp leases of node {} could not be given up (they run out in {} s): {}", node, LEASE_SECONDS,
                    StoreDatabase.rootMessage(e));
        }
        held.clear();
    }
}
