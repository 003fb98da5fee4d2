package org.callpost.sip.internal.config;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Dictionary;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a pbx.password typed in clear in an integration's configuration by its sealed form
 * ({@link PasswordSeal}). The configuration then comes back as a change whose settings are the
 * same, so the lines stay as they are. A configuration that still has the deprecated name
 * pbxPassword (and not pbx.password) has it sealed under that name: sealing never renames a key.
 */
public final class PasswordSealing {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordSealing.class);
    static final String SETTING = "pbx.password";
    static final String DEPRECATED_SETTING = "pbxPassword";

    private final ConfigurationAdmin configAdmin;
    private final PasswordSeal seal;
    private final String pid;
    private final String integration;

    public PasswordSealing(ConfigurationAdmin configAdmin, PasswordSeal seal, String pid, String integration) {
        this.configAdmin = configAdmin;
        this.seal = seal;
        this.pid = pid;
        this.integration = integration;
    }

    /**
     * The key the configuration keeps its password under: pbx.password, else the deprecated
     * pbxPassword; null: none. An empty pbx.password is the default DS puts in the component
     * properties, not a setting, so then the deprecated key is looked at.
     */
    public static String passwordKey(Map<String, ?> properties) {
        Object current = properties.get(SETTING);
        if (current != null && !String.valueOf(current).isEmpty()) {
            return SETTING;
        }
        return properties.get(DEPRECATED_SETTING) != null ? DEPRECATED_SETTING : current != null ? SETTING : null;
    }

    /**
     * Seals the password the component was just given ({@code properties}) in the stored
     * configuration, under the key it has, unless it is empty, already sealed, or no longer what is
     * stored (a later change is sealed when it arrives).
     */
    public void sealIfClear(Map<String, ?> properties) {
        String key = passwordKey(properties);
        Object value = key == null ? null : properties.get(key);
        String seen = value instanceof String v ? v : null;
        if (seen == null || seen.isBlank() || PasswordSeal.isSealed(seen)) {
            return;
        }
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + escape(pid) + ")");
            if (found == null || found.length != 1) {
                return;
            }
            Dictionary<String, Object> stored = found[0].getProperties();
            if (stored == null || !seen.equals(stored.get(key))) {
                return;
            }
            stored.put(key, seal.seal(seen.trim()));
            found[0].update(stored);
            LOG.info("Integration {}: {} sealed in its configuration (key file {})", integration, key, seal.keyFile());
        } catch (IOException | InvalidSyntaxException | GeneralSecurityException | IllegalStateException e) {
            // IllegalStateException: the configuration was deleted meanwhile
            LOG.warn("Integration {}: {} could not be sealed, Config Admin keeps it in clear: {}", integration, key,
                    e.toString());
        }
    }

    /** RFC 1960 filter value escaping. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
