package org.callpost.shell.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.api.prompt.Prompts;
import org.callpost.shell.internal.settings.FixedValues;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code callpost:setting}: changes one setting of an integration or of messaging, email or the
 * lamps, as editing its etc/*.cfg would (Config Admin writes the file back). A setting of a fixed
 * set of values is checked here first, naming the values; every other value is checked by the
 * component, which refuses a wrong one in the log and keeps its last good configuration.
 */
@Command(scope = "callpost", name = "setting", description = "Changes one setting: of an integration (its name), or of "
        + "messaging, email or mwi, e.g. 'callpost:setting office400 transport UDP' or 'callpost:setting messaging "
        + "transfer.mode confirmed'. Changes that setting only, at once; a setting of a fixed set (transport, profile, "
        + "transfer.mode, language, ...) is completed and checked here, the others by the component (see the log)")
@Service
public class SettingCommand implements Action {
    /** The single configurations by the name the command takes. */
    static final Map<String, String> PIDS = Map.of("messaging", "org.callpost.messaging", "email", "org.callpost.email",
            "mwi", "org.callpost.mwi");
    private static final String INTEGRATION_FACTORY = "org.callpost.integration";

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference(optional = true)
    List<SwitchProfile> profiles;

    @Reference(optional = true)
    Prompts prompts;

    @Completion(SettingTargetCompleter.class)
    @Argument(index = 0, name = "of", required = true, description = "An integration's name, or messaging, email or mwi")
    String target;

    @Completion(value = StringsCompleter.class, values = {"transport", "call.progress", "hunt.mode", "failover.enabled",
        "profile", "transfer.mode", "language", "announce.busy.greeting", "queue.enabled", "smtp.security"})
    @Argument(index = 1, name = "setting", required = true, description = "The setting's name as the README's table "
            + "has it, e.g. transport or transfer.mode")
    String setting;

    @Completion(SettingValueCompleter.class)
    @Argument(index = 2, name = "value", required = true, description = "The new value; for a fixed set, one of its values")
    String value;

    @Override
    public Object execute() throws Exception {
        if (configAdmin == null) {
            System.err.println("No Config Admin is running: settings cannot be changed");
            return null;
        }
        String key = setting.trim();
        String wrong = FixedValues.problem(key, value, ProfileIdCompleter.profileIds(profiles),
                prompts == null ? Set.of() : prompts.languages());
        if (wrong != null) {
            System.err.println(target + ": " + wrong + "; nothing changed");
            return null;
        }
        Configuration config = configuration(target.trim());
        if (config == null) {
            System.err.println("No integration '" + target + "' is configured and it is none of messaging, email, mwi: "
                    + "see callpost:status; nothing changed");
            return null;
        }
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put(key, value.trim());
        config.update(properties);
        boolean secret = key.contains("password");
        System.out.println(target + ": " + key + (secret ? " changed (sealed once read, never shown)" : " = " + value.trim())
                + "; a value the component refuses is named in the log and its last good configuration kept");
        return null;
    }

    /** The configuration of an existing integration or of a single pid; null for an unknown integration. */
    private Configuration configuration(String name) throws Exception {
        String pid = PIDS.get(name);
        if (pid != null) {
            return configAdmin.getConfiguration(pid, "?");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            return null; // no integration is named so (and the name goes into a filter)
        }
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + INTEGRATION_FACTORY + "~" + name + ")");
        return found == null || found.length == 0 ? null : found[0];
    }
}
