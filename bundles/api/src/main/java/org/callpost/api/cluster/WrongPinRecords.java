package org.callpost.api.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The wrong-PIN counts and lockouts of the mailboxes, shared by the nodes on one message store, so
 * a guesser gets the allowed wrong PINs once, not once per node, and a mailbox locked on one node
 * is locked on all. Offered by a store shared by nodes (store-postgres); without this service the
 * messaging bundle counts in memory. The times are the nodes' own clocks (kept in step, e.g. NTP).
 * <p>
 * Calls may reach the database: call them from the logon's thread, never from a media thread.
 */
public interface WrongPinRecords {

    /** A mailbox's wrong PINs within the window (oldest first), where the last came from, and its lockout. */
    record Record(List<Instant> times, String lastFrom, Optional<Instant> lastFailure, Optional<Instant> lockedUntil) {
        public static final Record NONE = new Record(List.of(), "", Optional.empty(), Optional.empty());

        public Record {
            times = List.copyOf(times);
            Objects.requireNonNull(lastFrom, "lastFrom");
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        /** Whether there is nothing to keep. */
        public boolean none() {
            return times.isEmpty() && lockedUntil.isEmpty();
        }
    }

    /**
     * Changes a mailbox's record at once for all nodes: {@code change} is given the record as kept
     * ({@link Record#NONE} when there is none) and returns the new one ({@link Record#none()}: the
     * record goes); no other node changes it meanwhile. False when the records cannot be reached
     * now: {@code change} may then not have run, and nothing was kept.
     */
    boolean update(String mailbox, UnaryOperator<Record> change);

    /** The mailboxes that have a record. */
    List<String> mailboxes();
}
