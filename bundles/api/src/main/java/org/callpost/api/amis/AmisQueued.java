package org.callpost.api.amis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A message waiting to be sent to another system.
 *
 * @param id            the queue entry's id
 * @param node          the node it goes to
 * @param remoteMailbox the mailbox at that node
 * @param localMailbox  the sender's mailbox here
 * @param messageId     the message it is a copy of
 * @param length        its length
 * @param queued        when it was queued
 * @param attempts      sessions that tried to send it so far
 * @param lastOutcome   what the last attempt did, or "" before the first
 */
public record AmisQueued(String id, String node, String remoteMailbox, String localMailbox, String messageId,
        Duration length, Instant queued, int attempts, String lastOutcome) {
    public AmisQueued {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(remoteMailbox, "remoteMailbox");
        Objects.requireNonNull(localMailbox, "localMailbox");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
    }
}
