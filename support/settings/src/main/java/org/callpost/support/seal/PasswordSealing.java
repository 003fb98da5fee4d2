package org.callpost.support.seal;

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
 * Replaces a password typed in clear in a configuration by its sealed form ({@link PasswordSeal}):
 * the SIP integrations' pbx.password, the email bundle's smtp.password. The configuration then
 * comes back as a change whose settings are the same. A configuration that still has a deprecated
 * name (pbxPassword, and not pbx.password) has it sealed under that name: sealing never renames a key.
 */
public final class PasswordSealing {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordSealing.class);
    /** The PBX password's setting, and its deprecated name. */
    public static final String SETTING = "pbx.password";
    public static final String DEPRECATED_SETTING = "pbxPassword";

    private final ConfigurationAdmin configAdmin;
    private final PasswordSeal seal;
    private final String pid;
    private final String owner;
    private final String setting;
    private final String deprecatedSetting;

    /** Sealing of an integration's pbx.password (or pbxPassword); {@code integration} names it in the log. */
    public PasswordSealing(ConfigurationAdmin configAdmin, PasswordSeal seal, String pid, String integration) {
        this(configAdmin, seal, pid, "Integration " + integration, SETTING, DEPRECATED_SETTING);
    }

    /**
     * Sealing of the setting {@code setting} of the pid, read also under {@code deprecatedSetting}
     * (null: none); {@code owner} starts its log lines ("Email").
     */
    public PasswordSealing(ConfigurationAdmin configAdmin, PasswordSeal seal, String pid, String owner, String setting,
            String deprecatedSetting) {
        this.configAdmin = configAdmin;
        this.seal = seal;
        this.pid = pid;
        this.owner = owner;
        this.setting = setting;
        this.deprecatedSetting = deprecatedSetting;
    }

    /**
     * The key the configuration keeps its PBX password under: pbx.password, else the deprecated
     * pbxPassword; null: none. An empty pbx.password is the default DS puts in the component
     * properties, not a setting, so then the deprecated key is looked at.
     */
    public static String passwordKey(Map<String, ?> properties) {
        return passwordKey(properties, SETTING, DEPRECATED_SETTING);
    }

    private static String passwordKey(Map<String, ?> properties, String setting, String deprecatedSetting) {
        Object current = properties.get(setting);
        if (current != null && !String.valueOf(current).isEmpty()) {
            return setting;
        }
        if (deprecatedSetting != null && properties.get(deprecatedSetting) != null) {
            return deprecatedSetting;
        }
        return current != null ? setting : null;
    }

    /**
     * Seals the password the component was just given ({@code properties}) in the stored
     * configuration, under the key it has, unless it is empty, already sealed, or no longer what is
     * stored (a later change is sealed when it arrives).
     */
    public void sealIfClear(Map<String, ?> properties) {
        String key = passwordKey(properties, setting, deprecatedSetting);
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
            LOG.info("{}: {} sealed in its configuration (key file {})", owner, key, seal.keyFile());
        } catch (IOException | InvalidSyntaxException | GeneralSecurityException | IllegalStateException e) {
            // IllegalStateException: the configuration was deleted meanwhile
            LOG.warn("{}: {} could not be sealed, Config Admin keeps it in clear: {}", owner, key, e.toString());
        }
    }

    /** RFC 1960 filter value escaping. */
    public static String escape(String value) {
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
