package org.callpost.api.integration;

/** Where an integration stands as a whole. */
public enum IntegrationState {
    /** Its configuration is valid and its lines are registering or registered. */
    RUNNING,
    /** Its switch profile is not installed (or was stopped): lines are un-registered. */
    WAITING_FOR_PROFILE,
    /** Its configuration was refused and there is no earlier good one to keep running. */
    REFUSED,
    /** It is stopping: lines are being un-registered. */
    STOPPING
}
