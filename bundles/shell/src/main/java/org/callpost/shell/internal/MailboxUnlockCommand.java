package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.store.MessageStore;

/** {@code callpost:mailbox-unlock}: lifts a mailbox's PIN lockout and forgets its wrong PINs. */
@Command(scope = "callpost", name = "mailbox-unlock", description = "Lifts a mailbox's lockout after too many wrong "
        + "PINs (phone and web) and forgets its wrong PINs; says whether it was locked")
@Service
public class MailboxUnlockCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    // optional, so that the other callpost:* commands work without the voicemail application
    @Reference(optional = true)
    PinLogons pins;

    @Reference(optional = true)
    MessageStore store;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "number", required = true, description = "The mailbox number")
    String number;

    @Override
    public Object execute() {
        if (pins == null) {
            System.out.println("PIN logons are not available: the voicemail application is not running "
                    + "(feature:install callpost-messaging)");
            return null;
        }
        Optional<PinLockout> before = pins.lockouts().stream().filter(l -> l.mailbox().equals(number)).findFirst();
        boolean had = pins.unlock(number);
        if (before.isPresent() && before.get().locked()) {
            System.out.println("Mailbox " + number + " unlocked: it was locked until "
                    + TIME.format(before.get().lockedUntil().orElseThrow()) + " after " + before.get().failures()
                    + " wrong PINs, the last from " + before.get().lastFrom());
        } else if (had) {
            System.out.println("Mailbox " + number + " was not locked; its "
                    + before.map(l -> l.failures() + " ").orElse("") + "wrong PINs are forgotten");
        } else if (store != null && store.mailbox(number).isEmpty()) {
            System.err.println("No mailbox " + number);
        } else {
            System.out.println("Mailbox " + number + " was not locked (no wrong PINs counted)");
        }
        return null;
    }
}
