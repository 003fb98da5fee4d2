package org.callpost.api.amis;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Callpost's AMIS-A networking: the queue per node and the sessions it ran. */
@ProviderType
public interface AmisNetwork {
    /**
     * Queues a copy of a local message for a mailbox at another system; it is sent in the node's
     * next session (within the sending schedule) and kept until delivered or refused.
     *
     * @throws IllegalArgumentException when the node, the local mailbox or the message is unknown,
     *                                  the remote mailbox is not digits, or the message is longer
     *                                  than a message may be
     */
    AmisQueued send(String node, String remoteMailbox, String localMailbox, String messageId) throws IOException;

    /** The configured nodes with what is queued for each. */
    List<AmisNodeStatus> nodes();

    /** The last sessions, both ways, newest first. */
    List<AmisSessionRecord> lastSessions();
}
