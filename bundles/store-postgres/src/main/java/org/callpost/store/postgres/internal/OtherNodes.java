package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the other nodes on this database change: LISTENs on {@value #CHANNEL} (notified by the
 * schema's triggers, db/V2) on one connection of its own, outside the pool, on one thread
 * (callpost-store-nodes), and has each mailbox another node changed read again ({@link Mailboxes}).
 * A connection that breaks is opened again after 1 s, doubling to 30 s; notifications sent
 * meanwhile are lost, so after every LISTEN (the first too: what changed since the store read the
 * mailboxes) every mailbox is read again once. A mailbox that
 * cannot be read (the database went away between the notification and the read) is tried again
 * on the next turn. State: the thread's own, but {@link #stopped} and {@link #listening} (volatile).
 */
final class OtherNodes {
    private static final Logger LOG = LoggerFactory.getLogger(OtherNodes.class);
    static final String CHANNEL = "callpost_mailbox";
    private static final int WAIT_MILLIS = 1000;
    /** How often a quiet connection is checked, so a database gone without closing it is noticed. */
    private static final long CHECK_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Reads mailboxes again. */
    interface Mailboxes {
        void refresh(String number) throws IOException;

        /** Every mailbox, after notifications may have been missed. */
        void refreshAll() throws IOException;
    }

    private final ConnectionSettings connection;
    private final String node;
    private final Mailboxes mailboxes;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean listening;
    private volatile Connection current;
    // the listening thread's own: every mailbox is to be read again (a read of them all failed)
    private boolean readAllAgain;
    // the listening thread's own: a failed read was logged, until a read succeeds again
    private boolean unreadableLogged;

    OtherNodes(ConnectionSettings connection, String node, Mailboxes mailboxes) {
        this.connection = connection;
        this.node = node;
        this.mailboxes = mailboxes;
        this.thread = new Thread(this::run, "callpost-store-nodes");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the notifications are listened to now. */
    boolean listening() {
        return listening;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = 1000;
        boolean first = true;
        boolean warned = false;
        Set<String> pending = new LinkedHashSet<>();
        while (!stopped) {
            try (Connection c = connect()) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (!first) {
                    LOG.info("Message store: listening to the other nodes' changes again; reading every mailbox once, "
                            + "for the changes missed meanwhile");
                }
                // also the first time: what changed between the store's start and the LISTEN
                pending.clear();
                readAllAgain = !refreshAll();
                first = false;
                warned = false;
                backoff = 1000;
                listen(c, pending);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (stopped) {
                    return;
                }
                if (!warned) {
                    LOG.warn("Message store: the other nodes' changes cannot be listened to ({}); trying again, "
                            + "from {} ms on", StoreDatabase.rootMessage(e), backoff);
                    warned = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } finally {
                current = null;
            }
        }
    }

    private void listen(Connection c, Set<String> pending) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.currentTimeMillis();
        while (!stopped) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    String number = otherNodesMailbox(n.getParameter());
                    if (number != null) {
                        pending.add(number);
                    }
                }
            }
            if (readAllAgain && refreshAll()) {
                // the changes missed while the LISTEN was down are read now, not at the next change
                readAllAgain = false;
                pending.clear();
            }
            for (String number : Set.copyOf(pending)) {
                try {
                    mailboxes.refresh(number);
                    pending.remove(number);
                    unreadableLogged = false;
                } catch (IOException | RuntimeException e) {
                    if (!unreadableLogged) {
                        // tried again each round: said once until a read succeeds
                        LOG.warn("Message store: mailbox {} changed on another node and cannot be read now ({}); "
                                + "trying again", number, e.getMessage());
                        unreadableLogged = true;
                    }
                    break;
                }
            }
            if (System.currentTimeMillis() - checked > CHECK_MILLIS) {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(10);
                    s.execute("SELECT 1");
                }
                checked = System.currentTimeMillis();
            }
        }
    }

    /** Reads every mailbox again; false when that failed (logged once until a read succeeds). */
    private boolean refreshAll() {
        try {
            mailboxes.refreshAll();
            unreadableLogged = false;
            return true;
        } catch (IOException | RuntimeException e) {
            if (!unreadableLogged) {
                LOG.warn("Message store: the mailboxes could not all be read again ({}); trying again", e.getMessage());
                unreadableLogged = true;
            }
            return false;
        }
    }

    /** The mailbox number of a notification another node sent; null for this node's own. */
    String otherNodesMailbox(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split("\\|", 3);
        if (parts.length < 2 || parts[0].equals(StoreDatabase.applicationName(node)) || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    private Connection connect() throws SQLException {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(connection.url());
        pg.setUser(connection.user());
        pg.setPassword(connection.password());
        pg.setApplicationName(StoreDatabase.applicationName(node));
        pg.setTcpKeepAlive(true);
        pg.setConnectTimeout(10);
        return pg.getConnection();
    }
}
