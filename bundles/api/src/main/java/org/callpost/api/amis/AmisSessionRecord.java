package org.callpost.api.amis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One AMIS call, either way.
 *
 * @param node      the node called, or the calling system's number for an incoming session
 * @param outgoing  whether Callpost placed the call
 * @param started   when the call was placed or answered
 * @param took      how long it lasted
 * @param delivered messages delivered (outgoing) or recorded (incoming)
 * @param refused   messages refused (unknown mailbox, mailbox full, too long)
 * @param outcome   how it ended, in words
 */
public record AmisSessionRecord(String node, boolean outgoing, Instant started, Duration took, int delivered, int refused,
        String outcome) {
    public AmisSessionRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(outcome, "outcome");
    }
}
