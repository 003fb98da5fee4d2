package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The store's pool of connections to PostgreSQL (HikariCP). The driver's own DataSource is handed
 * to the pool, so no driver class is looked up by name: that lookup does not work across OSGi
 * bundles. The pool fails at once when the database cannot be reached, so a wrong setting shows at start.
 */
final class StoreDatabase {
    private StoreDatabase() {
    }

    static HikariDataSource open(ConnectionSettings settings) throws IOException {
        return open(settings, "");
    }

    /** What a node's connections name themselves, so each node knows its own changes (db/V2). */
    static String applicationName(String node) {
        return node.isEmpty() ? "callpost" : "callpost " + node;
    }

    /** The pool of a node named {@code node} (see {@link #applicationName}). */
    static HikariDataSource open(ConnectionSettings settings, String node) throws IOException {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        try {
            pg.setUrl(settings.url());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PostgresStoreConfig.PID + " url " + settings.where()
                    + " is not understood (" + e.getMessage() + "): set url to jdbc:postgresql://<host>:5432/<database>");
        }
        pg.setUser(settings.user());
        pg.setPassword(settings.password());
        pg.setApplicationName(applicationName(node));
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg);
        config.setPoolName("callpost-store");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the driver's message names host, database and user, never the password
            throw new IOException("PostgreSQL at " + settings.where() + " as " + settings.user() + " cannot be reached: "
                    + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** An SQL failure as the IOException the storage interface speaks. */
    static IOException failure(String what, SQLException e) {
        return new IOException(what + ": " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")"), e);
    }

    static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
