package org.callpost.api.cluster;

import java.util.Optional;

/**
 * Which node sets a message-waiting lamp, when several nodes share the message store and each
 * hears every mailbox change: the one holding the lamp's lease, so the PBX gets each request (and
 * each re-assertion) once, not once per node. Offered by a store shared by nodes (store-postgres);
 * without this service the node sets every lamp itself. The lamp is named as the MWI names it:
 * the mailbox's integration ("" for none) and the lamp's extension.
 * <p>
 * Calls may reach the database: call them from the MWI's own thread, not from a call's.
 */
public interface LampOwnership {

    /**
     * Whether this node sets the lamp now: takes its lease when no node holds it (or the holder's
     * ran out) and renews it when this node holds it. False when another node does, or when
     * it cannot be known (the database does not answer) and this node held no lease.
     */
    boolean owns(String integration, String extension);

    /**
     * What the PBX last confirmed for the lamp (on: true), as the node that set it recorded it, so
     * a node taking a lamp over knows its state; empty when never confirmed or not known now.
     */
    Optional<Boolean> confirmed(String integration, String extension);

    /** Records what the PBX confirmed for a lamp this node set. */
    void confirmed(String integration, String extension, boolean on);
}
