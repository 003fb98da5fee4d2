package org.callpost.api.integration;

/** "Transport for outgoing SIP messages" (Table 4): TCP by default, UDP on request, TLS (SIP over TLS, RFC 3261 section 26.2) where the PBX offers it. */
public enum Transport {
    TCP,
    UDP,
    TLS;

    /** The value of the SIP {@code transport} parameter and of a JAIN-SIP listening point. */
    public String sipName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
