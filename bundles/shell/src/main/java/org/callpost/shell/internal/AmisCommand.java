package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.amis.AmisNetwork;
import org.callpost.api.amis.AmisNodeStatus;
import org.callpost.api.amis.AmisQueued;
import org.callpost.api.amis.AmisSessionRecord;

/** {@code callpost:amis}: the AMIS nodes with their queues, and the last sessions both ways. */
@Command(scope = "callpost", name = "amis", description = "Shows AMIS-A networking: each node's queue (messages waiting "
        + "for another voice mail system) and the last sessions, sent and received. Changes nothing")
@Service
public class AmisCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference(optional = true)
    AmisNetwork amis;

    @Override
    public Object execute() {
        if (amis == null) {
            System.out.println("AMIS networking is not available (feature:install callpost-amis)");
            return null;
        }
        List<AmisNodeStatus> nodes = amis.nodes();
        if (nodes.isEmpty()) {
            System.out.println("No AMIS node configured (factory pid org.callpost.amis.node, e.g. "
                    + "etc/org.callpost.amis.node-branch.cfg)");
        } else {
            ShellTable table = new ShellTable();
            table.column("Node");
            table.column("System");
            table.column("Dial");
            table.column("Through");
            table.column("Prefix");
            table.column("State");
            table.column("Waiting");
            table.column("Next");
            for (AmisNodeStatus n : nodes) {
                table.addRow().addContent(n.node(), n.systemNumber(), n.deliveryNumber(), n.integration(),
                        n.prefix().isEmpty() ? "-" : n.prefix(), n.calling() ? "calling" : "idle", n.queue().size(),
                        n.nextAttempt().map(TIME::format).orElse("-"));
            }
            table.print(System.out);
            ShellTable queue = new ShellTable();
            queue.column("Node");
            queue.column("To mailbox");
            queue.column("From mailbox");
            queue.column("Message");
            queue.column("Length");
            queue.column("Queued");
            queue.column("Attempts");
            queue.column("Last outcome");
            boolean any = false;
            for (AmisNodeStatus n : nodes) {
                for (AmisQueued q : n.queue()) {
                    any = true;
                    queue.addRow().addContent(q.node(), q.remoteMailbox(), q.localMailbox(), q.messageId(),
                            q.length().toSeconds() + " s", TIME.format(q.queued()), q.attempts(),
                            q.lastOutcome().isEmpty() ? "-" : q.lastOutcome());
                }
            }
            if (any) {
                System.out.println();
                queue.print(System.out);
            }
        }
        List<AmisSessionRecord> sessions = amis.lastSessions();
        System.out.println();
        if (sessions.isEmpty()) {
            System.out.println("No AMIS session since Callpost started");
            return null;
        }
        ShellTable last = new ShellTable();
        last.column("Started");
        last.column("Way");
        last.column("Node");
        last.column("Took");
        last.column("Delivered");
        last.column("Refused");
        last.column("Outcome");
        for (AmisSessionRecord s : sessions) {
            last.addRow().addContent(TIME.format(s.started()), s.outgoing() ? "sent" : "received", s.node(),
                    s.took().toSeconds() + " s", s.delivered(), s.refused(), s.outcome());
        }
        last.print(System.out);
        return null;
    }
}
