package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;

/**
 * {@code callpost:mailbox-reset-pin}: sets a new PIN for a subscriber who forgot theirs, and lifts the
 * mailbox's lockout (likely the guesses at the old one), as the web's reset does.
 */
@Command(scope = "callpost", name = "mailbox-reset-pin", description = "Sets a mailbox's PIN (the subscriber forgot it) "
        + "and lifts its lockout after wrong PINs. Leave out the PIN to type it unseen (it is then kept out of the "
        + "shell history too)")
@Service
public class MailboxResetPinCommand implements Action {
    // optional, so that the other callpost:* commands work without a message store
    @Reference(optional = true)
    MessageStore store;

    // optional: without the voicemail application there is no lockout to lift
    @Reference(optional = true)
    PinLogons pins;

    @Reference
    Session session;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "number", required = true, description = "The mailbox number")
    String number;

    @Argument(index = 1, name = "pin", required = false, description = "The new PIN (digits)")
    String pin;

    @Override
    public Object execute() throws Exception {
        try (CommandThreadName hidden = new CommandThreadName("mailbox-reset-pin")) {
            return resetPin();
        }
    }

    private Object resetPin() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        String value = pin;
        if (value == null) {
            value = session.readLine("New PIN for mailbox " + number + ": ", '*');
        }
        try {
            store.changePin(number, value == null ? "" : value.trim());
            boolean unlocked = pins != null && pins.unlock(number);
            System.out.println("PIN of mailbox " + number + " set" + (unlocked ? "; its wrong PINs are forgotten and any lockout lifted" : ""));
        } catch (NoSuchMailboxException e) {
            System.err.println(e.getMessage());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage()); // says the rules, never the PIN
        }
        return null;
    }
}
