package org.callpost.api.integration;

/** Where a line (one of Callpost's SIP ports) stands with the PBX. */
public enum LineState {
    /** Not registered and not trying: the integration is stopped or waiting. */
    UNREGISTERED,
    /** A REGISTER is on its way. */
    REGISTERING,
    /** The PBX accepted the registration; it is refreshed before it expires. */
    REGISTERED,
    /** The last attempt failed or timed out; another follows after a back-off. */
    RETRYING,
    /** The PBX refused the credentials: the PBX password does not match the terminal's. */
    AUTH_FAILED,
    /** An un-REGISTER (Expires: 0) is on its way. */
    UNREGISTERING
}
