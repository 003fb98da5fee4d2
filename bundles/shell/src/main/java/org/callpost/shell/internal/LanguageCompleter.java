package org.callpost.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.prompt.Prompts;

/** Completes the languages of the prompt packs installed now, and 'none' (the system's rule). */
@Service
public class LanguageCompleter implements Completer {
    @Reference(optional = true)
    Prompts prompts;

    /** What the completer offers: the installed languages in order, then 'none'. */
    List<String> values() {
        List<String> all = new java.util.ArrayList<>(prompts == null ? List.of() : new TreeSet<>(prompts.languages()));
        all.add("none");
        return all;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }
}
