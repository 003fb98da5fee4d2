package org.callpost.api.integration;

/** "Type of Call Progress to use for External Calls" (Table 7). */
public enum CallProgressType {
    /** The gateway reports call progress through to the endpoint: connected on 200 OK. */
    DIGITAL,
    /** The gateway reports connection early: connected when early media starts. */
    MEDIA
}
