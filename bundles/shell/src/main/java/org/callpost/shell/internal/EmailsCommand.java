package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailStatus;

/** {@code callpost:emails}: the emails of new messages queued, being sent, given up, and the last sent. */
@Command(scope = "callpost", name = "emails", description = "Shows the emails of new messages: queued (with the next "
        + "attempt and the last failure), sending, given up, and the last ones sent (with the SMTP server's answer). Changes nothing")
@Service
public class EmailsCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference(optional = true)
    EmailNotifications email;

    @Override
    public Object execute() {
        if (email == null) {
            System.out.println("Voicemail to email is not installed: feature:install callpost-email");
            return null;
        }
        List<EmailStatus> all = email.emails();
        if (all.isEmpty()) {
            System.out.println("No email queued or sent (set an address with callpost:mailbox-email)");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Email");
        table.column("Mailbox");
        table.column("Address");
        table.column("State");
        table.column("Attempts");
        table.column("Queued");
        table.column("Next");
        table.column("Last result");
        for (EmailStatus e : all) {
            table.addRow().addContent(e.id(), e.mailbox(), e.address(), e.state(), e.attempts(), TIME.format(e.queued()),
                    e.next().map(TIME::format).orElse("-"), e.lastResult().isEmpty() ? "-" : e.lastResult());
        }
        table.print(System.out);
        return null;
    }
}
