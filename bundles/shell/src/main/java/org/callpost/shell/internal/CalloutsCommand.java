package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.messaging.CalloutStatus;
import org.callpost.api.messaging.Callouts;

/** {@code callpost:callouts}: message notification callouts waiting, under way, and each mailbox's last. */
@Command(scope = "callpost", name = "callouts", description = "Shows message notification callouts: waiting (and when), "
        + "calling, and each mailbox's last one (delivered, gave up, refused by the PBX, cancelled). Changes nothing")
@Service
public class CalloutsCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference(optional = true)
    Callouts callouts;

    @Override
    public Object execute() {
        if (callouts == null) {
            System.out.println("Message notification callouts are not available: the voicemail application is not "
                    + "running (feature:install callpost-messaging)");
            return null;
        }
        List<CalloutStatus> all = callouts.all();
        if (all.isEmpty()) {
            System.out.println("No callout since Callpost started (set a number with callpost:mailbox-callout)");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Mailbox");
        table.column("Number");
        table.column("State");
        table.column("Attempts");
        table.column("Next");
        table.column("Last outcome");
        for (CalloutStatus c : all) {
            table.addRow().addContent(c.mailbox(), c.number(), c.state(), c.attempts() + "/" + c.maxAttempts(),
                    c.next().map(TIME::format).orElse("-"), c.lastOutcome().isEmpty() ? "-" : c.lastOutcome());
        }
        table.print(System.out);
        return null;
    }
}
