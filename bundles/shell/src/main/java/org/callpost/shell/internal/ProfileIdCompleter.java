package org.callpost.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.profile.SwitchProfile;

/** Completes the ids of the switch profiles installed now (what an integration's {@code profile} names). */
@Service
public class ProfileIdCompleter implements Completer {
    @Reference(optional = true)
    List<SwitchProfile> profiles;

    /** The installed profiles' ids, in order. */
    List<String> values() {
        return profileIds(profiles);
    }

    static List<String> profileIds(List<SwitchProfile> profiles) {
        TreeSet<String> ids = new TreeSet<>();
        if (profiles != null) {
            profiles.forEach(p -> ids.add(p.id()));
        }
        return List.copyOf(ids);
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }
}
