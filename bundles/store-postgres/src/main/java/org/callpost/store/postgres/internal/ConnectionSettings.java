package org.callpost.store.postgres.internal;

import java.nio.file.Path;

import org.callpost.support.seal.PasswordSeal;

/**
 * The store's database and spool settings, checked: a wrong one is refused by an
 * {@link IllegalArgumentException} naming the setting and the fix. {@link #toString()} leaves the
 * password out, and the URL's parameters (a password may be written there too).
 */
public record ConnectionSettings(String url, String user, String password, int poolSize, Path spool) {
    public static final int MAX_POOL = 100;

    /**
     * @param seal opens a sealed password; null when none can be opened here
     * @param karafData Karaf's data folder for {@code ${karaf.data}}; null outside Karaf
     */
    public static ConnectionSettings of(PostgresStoreConfig config, PasswordSeal seal, String karafData) {
        String url = config.url() == null ? "" : config.url().trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw refused("url", url.isEmpty() ? "is not set" : "is not a PostgreSQL JDBC URL",
                    "set url to jdbc:postgresql://<host>:5432/<database>");
        }
        String user = config.user() == null ? "" : config.user().trim();
        if (user.isEmpty()) {
            throw refused("user", "is empty", "set user to the database user that owns Callpost's tables");
        }
        if (config.pool_size() < 1 || config.pool_size() > MAX_POOL) {
            throw refused("pool.size", "is " + config.pool_size(), "set pool.size between 1 and " + MAX_POOL);
        }
        String spool = config.spool_folder() == null ? "" : config.spool_folder().trim();
        if (spool.isEmpty()) {
            throw refused("spool.folder", "is empty", "set spool.folder to a local folder, e.g. ${karaf.data}/callpost/spool");
        }
        if (spool.contains("${karaf.data}")) {
            if (karafData == null || karafData.isBlank()) {
                throw refused("spool.folder", "uses ${karaf.data} outside Karaf", "set spool.folder to an absolute folder");
            }
            spool = spool.replace("${karaf.data}", karafData);
        }
        return new ConnectionSettings(url, user, password(config.password(), seal), config.pool_size(),
                Path.of(spool).toAbsolutePath().normalize());
    }

    private static String password(String value, PasswordSeal seal) {
        String v = value == null ? "" : value.trim();
        if (!PasswordSeal.isSealed(v)) {
            return v;
        }
        String fix = "set password again in clear text (config:property-set password <password>); Callpost seals it again";
        if (seal == null) {
            throw refused("password", "is sealed but no key is available to open it", fix);
        }
        try {
            return seal.unseal(v);
        } catch (PasswordSeal.SealException e) {
            throw refused("password", "cannot be opened: " + e.getMessage(), fix);
        }
    }

    private static IllegalArgumentException refused(String setting, String problem, String fix) {
        return new IllegalArgumentException(PostgresStoreConfig.PID + " " + setting + " " + problem + ": " + fix);
    }

    /** The URL without its parameters, for the log. */
    public String where() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** Whether opening the store again is needed to use {@code other}. */
    public boolean sameConnection(ConnectionSettings other) {
        return url.equals(other.url) && user.equals(other.user) && password.equals(other.password)
                && poolSize == other.poolSize && spool.equals(other.spool);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + where() + ", user " + user + ", " + poolSize + " connections, spool " + spool + "]";
    }
}
