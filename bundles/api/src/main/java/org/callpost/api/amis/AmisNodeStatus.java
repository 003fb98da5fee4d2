package org.callpost.api.amis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote voice mail system and what is queued for it.
 *
 * @param node           the node's name (its configuration's)
 * @param systemNumber   the number it gives in its start-of-session frame
 * @param deliveryNumber the number Callpost dials to reach it
 * @param integration    the integration the call goes through
 * @param prefix         the address prefix subscribers type before its mailboxes, or ""
 * @param calling        whether a session to it is under way
 * @param nextAttempt    when the next session is due, if anything is queued
 * @param queue          its messages, oldest first
 */
public record AmisNodeStatus(String node, String systemNumber, String deliveryNumber, String integration, String prefix,
        boolean calling, Optional<Instant> nextAttempt, List<AmisQueued> queue) {
    public AmisNodeStatus {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(systemNumber, "systemNumber");
        Objects.requireNonNull(deliveryNumber, "deliveryNumber");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        queue = List.copyOf(queue);
    }
}
