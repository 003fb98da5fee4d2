package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.messaging.PinLogons;

/** {@code callpost:mailbox-lockouts}: mailboxes locked after wrong PINs, and those with wrong PINs counted. */
@Command(scope = "callpost", name = "mailbox-lockouts", description = "Lists the mailboxes locked after too many wrong "
        + "PINs and those with wrong PINs counted (phone and web): how many, locked until, the last one's time and "
        + "where it came from. Changes nothing")
@Service
public class MailboxLockoutsCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Reference(optional = true)
    PinLogons pins;

    @Override
    public Object execute() {
        if (pins == null) {
            System.out.println("PIN logons are not available: the voicemail application is not running "
                    + "(feature:install callpost-messaging)");
            return null;
        }
        List<PinLockout> all = pins.lockouts();
        if (all.isEmpty()) {
            System.out.println("No mailbox is locked and no wrong PINs are counted");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Mailbox");
        table.column("Wrong PINs");
        table.column("Locked until");
        table.column("Last wrong PIN");
        table.column("From");
        for (PinLockout l : all) {
            table.addRow().addContent(l.mailbox(), l.failures(), l.lockedUntil().map(TIME::format).orElse("-"),
                    TIME.format(l.lastFailure()), l.lastFrom());
        }
        table.print(System.out);
        System.out.println("callpost:mailbox-unlock <mailbox> lifts a lockout");
        return null;
    }
}
