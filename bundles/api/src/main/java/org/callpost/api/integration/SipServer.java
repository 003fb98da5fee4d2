package org.callpost.api.integration;

import java.util.Objects;

/** A SIP server (the PBX, or one of its failover servers): host name or address, and port. */
public record SipServer(String host, int port) {
    public SipServer {
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}, with IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
