package org.callpost.shell.internal;

import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.api.prompt.Prompts;
import org.callpost.shell.internal.settings.FixedValues;

/**
 * Completes a setting's value when it is a fixed set: the word before the cursor names the
 * setting ({@code callpost:setting office400 transport <tab>} offers TCP and UDP, {@code profile}
 * the installed profiles, {@code language} the installed packs). Any other setting: nothing.
 */
@Service
public class SettingValueCompleter implements Completer {
    @Reference(optional = true)
    List<SwitchProfile> profiles;

    @Reference(optional = true)
    Prompts prompts;

    /** The values of {@code setting}, or none when it takes any value. */
    List<String> values(String setting) {
        return FixedValues.of(setting, ProfileIdCompleter.profileIds(profiles),
                prompts == null ? Set.of() : prompts.languages());
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        int at = commandLine.getCursorArgumentIndex();
        String setting = at > 0 && at - 1 < words.length ? words[at - 1] : "";
        return new StringsCompleter(values(setting)).complete(session, commandLine, candidates);
    }
}
