package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.amis.AmisNetwork;
import org.callpost.api.amis.AmisQueued;

/** {@code callpost:amis-send}: queues a copy of a local message for a mailbox at another system. */
@Command(scope = "callpost", name = "amis-send", description = "Queues a copy of a message for a mailbox of another "
        + "voice mail system (an AMIS node); it goes in the node's next session within the sending schedule")
@Service
public class AmisSendCommand implements Action {
    @Argument(index = 0, name = "node", required = true, description = "The node (org.callpost.amis.node~<name>)")
    String node;

    @Argument(index = 1, name = "remote-mailbox", required = true, description = "The mailbox at that node")
    String remoteMailbox;

    @Argument(index = 2, name = "mailbox", required = true, description = "The sender's mailbox here")
    String mailbox;

    @Argument(index = 3, name = "message-id", required = true, description = "The message's id (callpost:mailbox-list "
            + "or the web inbox show it)")
    String messageId;

    @Reference(optional = true)
    AmisNetwork amis;

    @Override
    public Object execute() throws Exception {
        if (amis == null) {
            System.out.println("AMIS networking is not available (feature:install callpost-amis)");
            return null;
        }
        try {
            AmisQueued q = amis.send(node, remoteMailbox, mailbox, messageId);
            System.out.println("Queued " + q.id() + ": message " + q.messageId() + " of mailbox " + q.localMailbox()
                    + " (" + q.length().toSeconds() + " s) for node " + q.node() + " mailbox " + q.remoteMailbox());
        } catch (IllegalArgumentException e) {
            System.out.println("Not queued: " + e.getMessage());
        }
        return null;
    }
}
