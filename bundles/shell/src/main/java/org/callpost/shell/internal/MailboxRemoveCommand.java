package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;

/** {@code callpost:mailbox-remove}: removes a mailbox with its greetings and messages. */
@Command(scope = "callpost", name = "mailbox-remove", description = "Removes a mailbox with its greetings and messages "
        + "(the file store keeps its files aside in the store's removed folder)")
@Service
public class MailboxRemoveCommand implements Action {
    // optional, so that the other callpost:* commands work without a message store
    @Reference(optional = true)
    MessageStore store;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "number", required = true, description = "The mailbox number")
    String number;

    @Override
    public Object execute() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        try {
            MailboxCounts counts = store.counts(number);
            store.removeMailbox(number);
            System.out.println("Mailbox " + number + " removed with " + counts.newCount() + " new, "
                    + counts.savedCount() + " saved and " + counts.deletedCount() + " deleted messages");
        } catch (NoSuchMailboxException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
