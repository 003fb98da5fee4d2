package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callpost's own schema, migrated at start: the versioned scripts in the bundle's {@code db/}
 * ({@code V<n>__<what>.sql}, listed in {@link #SCRIPTS} in order, never edited once released),
 * each applied once and recorded in {@code callpost_schema}. All of it runs in one transaction
 * holding an advisory lock, so two nodes starting together do not both migrate, and a failed
 * script leaves the schema as it was. A database newer than this bundle is refused.
 */
final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    /** The scripts, oldest first; a new one is added at the end. */
    static final List<String> SCRIPTS = List.of("V1__mailboxes.sql", "V2__several_nodes.sql", "V3__mailbox_language.sql");
    /** pg_advisory_xact_lock key: "callpost" in ASCII, so another application is unlikely to share it. */
    static final long LOCK = 0x63616c6c706f7374L;
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private SchemaMigrations() {
    }

    /** Brings the schema to the newest version; returns the number of scripts applied. */
    static int migrate(DataSource dataSource) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int applied = migrate(c);
                c.commit();
                return applied;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("The store's schema could not be migrated", e);
        }
    }

    private static int migrate(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS callpost_schema (version integer PRIMARY KEY, "
                    + "script text NOT NULL, applied timestamptz NOT NULL DEFAULT now())");
        }
        int current = current(c);
        int newest = version(SCRIPTS.get(SCRIPTS.size() - 1));
        if (current > newest) {
            throw new IOException("The database's schema is version " + current + ", newer than this Callpost's "
                    + newest + ": run the Callpost that migrated it, or a newer one");
        }
        int applied = 0;
        for (String script : SCRIPTS) {
            int version = version(script);
            if (version <= current) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute(read(script));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO callpost_schema (version, script) VALUES (?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.executeUpdate();
            }
            LOG.info("Message store schema migrated to version {} ({})", version, script);
            applied++;
        }
        return applied;
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM callpost_schema")) {
            r.next();
            return r.getInt(1);
        }
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalStateException("Migration " + script + " is not named V<n>__<what>.sql");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(String script) throws IOException {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream("db/" + script)) {
            if (in == null) {
                throw new IOException("Migration db/" + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
