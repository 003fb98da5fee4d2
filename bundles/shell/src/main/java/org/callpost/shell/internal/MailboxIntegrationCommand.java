package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.integration.Integrations;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;

/** {@code callpost:mailbox-integration}: the PBX a mailbox's subscriber is on. */
@Command(scope = "callpost", name = "mailbox-integration", description = "Sets the integration (PBX) a mailbox's "
        + "subscriber is on: calls forwarded from its extension there find it, and its lamp and callouts go through "
        + "it. Without an integration the mailbox belongs to whichever there is")
@Service
public class MailboxIntegrationCommand implements Action {
    @Reference(optional = true)
    MessageStore store;

    @Reference(optional = true)
    Integrations integrations;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "mailbox", required = true, description = "The mailbox number")
    String number;

    @Completion(IntegrationNameCompleter.class)
    @Argument(index = 1, name = "integration", required = false, description = "The integration's name (as in "
            + "org.callpost.integration-<name>.cfg); left out: none")
    String integration;

    @Override
    public Object execute() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        String value = integration == null ? "" : integration.trim();
        String unknown = IntegrationNames.unknown(integrations, value);
        if (unknown != null) {
            System.err.println(unknown);
            return null;
        }
        try {
            Mailbox m = store.mailbox(number).orElseThrow(() -> new NoSuchMailboxException(number));
            store.updateMailbox(m.withIntegration(value));
            System.out.println(value.isEmpty() ? "Mailbox " + number + " belongs to whichever integration there is"
                    : "Mailbox " + number + " is on integration " + value);
        } catch (NoSuchMailboxException e) {
            System.err.println(e.getMessage());
        } catch (IllegalArgumentException e) {
            System.err.println("Mailbox " + number + ": " + e.getMessage());
        }
        return null;
    }
}
