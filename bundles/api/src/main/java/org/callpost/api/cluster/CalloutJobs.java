package org.callpost.api.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Message notification callouts as jobs that one node at a time takes, when several nodes share
 * the message store: each node hears every new message, but a mailbox has one job, so its
 * subscriber is called once, by whichever node takes it; the jobs outlive a restart. Offered by a
 * store shared by nodes (store-postgres); without this service the messaging bundle keeps its
 * schedule in memory. Times are the database's, so the nodes' clocks need not agree.
 * <p>
 * Calls may reach the database: call them from the callouts' own threads, not from a call's.
 */
public interface CalloutJobs {

    /** A job as taken: its mailbox, the number to call, and the attempts made so far of those allowed. */
    record Job(String mailbox, String number, int attempts, int maxAttempts) {
    }

    /**
     * A new message: the mailbox's callouts start {@code in} from now, unless it has a job already
     * (another node scheduled it, or its callouts are under way). True when this call made the job.
     */
    boolean schedule(String mailbox, String number, Duration in, int maxAttempts);

    /**
     * Takes one job that is due and that no node holds (or whose node's hold ran out: it stopped or
     * died), holding it for {@code hold}; empty when there is none.
     */
    Optional<Job> take(Duration hold);

    /** A job this node holds is due again {@code in} from now, after {@code attempts}: any node may take it then. */
    void again(String mailbox, Duration in, int attempts, String outcome);

    /** The mailbox's callouts are over (delivered, given up, refused, nothing new to announce): its job goes. */
    void end(String mailbox);

    /** The new messages were heard before a call: the job goes, unless a node is calling now. */
    void cancel(String mailbox);
}
