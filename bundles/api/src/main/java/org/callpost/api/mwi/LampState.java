package org.callpost.api.mwi;

/** Where an extension's lamp request stands. */
public enum LampState {
    /** The PBX confirmed the desired state with a 2xx; nothing is on its way. */
    CONFIRMED,
    /** A request is queued, on its way, or waiting to be retried. */
    PENDING,
    /** The PBX did not answer the configured number of times: given up until the next change or re-assertion. */
    FAILED,
    /**
     * The PBX answered the request with a refusal (403, 404, 484, 486, 488, 600, 603; the status is
     * in {@link LampStatus#failure()}): not retried, and what the lamp shows is unknown, until the
     * desired state changes or lamps are re-asserted.
     */
    REFUSED
}
