package org.callpost.api.mwi;

/** Where an extension's lamp request stands. */
public enum LampState {
    /** The PBX confirmed the desired state; nothing is on its way. */
    CONFIRMED,
    /** A request is queued, on its way, or waiting to be retried. */
    PENDING,
    /** The PBX did not answer the configured number of times: given up until the next change or re-assertion. */
    FAILED
}
