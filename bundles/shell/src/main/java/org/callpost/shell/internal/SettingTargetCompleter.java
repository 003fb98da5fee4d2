package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;

/** Completes what {@code callpost:setting} changes: the configured integrations' names, and messaging, email, mwi. */
@Service
public class SettingTargetCompleter implements Completer {
    @Reference(optional = true)
    Integrations integrations;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter(SettingCommand.PIDS.keySet());
        if (integrations != null) {
            integrations.all().stream().map(IntegrationStatus::name).forEach(names.getStrings()::add);
        }
        return names.complete(session, commandLine, candidates);
    }
}
