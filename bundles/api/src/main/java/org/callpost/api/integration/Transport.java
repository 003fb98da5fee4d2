package org.callpost.api.integration;

/** "Transport for outgoing SIP messages" (Table 4): TCP by default, UDP on request. */
public enum Transport {
    TCP,
    UDP;

    /** The value of the SIP {@code transport} parameter and of a JAIN-SIP listening point. */
    public String sipName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
