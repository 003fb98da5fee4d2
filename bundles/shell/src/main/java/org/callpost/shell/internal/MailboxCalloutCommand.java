package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;

/** {@code callpost:mailbox-callout}: the number Callpost calls when a new message arrives. */
@Command(scope = "callpost", name = "mailbox-callout", description = "Sets the number Callpost calls to announce a "
        + "mailbox's new messages (message notification callout; the subscriber logs on with the PIN). "
        + "Without a number the callouts stop")
@Service
public class MailboxCalloutCommand implements Action {
    @Reference(optional = true)
    MessageStore store;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "mailbox", required = true, description = "The mailbox number")
    String number;

    @Argument(index = 1, name = "callout-number", required = false, description = "The number to call, dialled as "
            + "is at the PBX (an extension, or an outside number with the PBX's trunk access code); left out: none")
    String callout;

    @Override
    public Object execute() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        String value = callout == null ? "" : callout.trim();
        try {
            Mailbox m = store.mailbox(number).orElseThrow(() -> new NoSuchMailboxException(number));
            store.updateMailbox(m.withNotification(m.notification().withCalloutNumber(value)));
            System.out.println(value.isEmpty() ? "Mailbox " + number + ": no message notification callouts"
                    : "Mailbox " + number + ": new messages are announced by calling " + value);
        } catch (NoSuchMailboxException e) {
            System.err.println(e.getMessage());
        } catch (IllegalArgumentException e) {
            System.err.println("Mailbox " + number + ": " + e.getMessage());
        }
        return null;
    }
}
