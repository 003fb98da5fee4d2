package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;

/** Completes the numbers of the mailboxes there are. */
@Service
public class MailboxNumberCompleter implements Completer {
    @Reference(optional = true)
    MessageStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter numbers = new StringsCompleter();
        if (store != null) {
            store.mailboxes().stream().map(Mailbox::number).forEach(numbers.getStrings()::add);
        }
        return numbers.complete(session, commandLine, candidates);
    }
}
