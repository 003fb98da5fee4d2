package org.callpost.sip.internal.config;

import org.callpost.api.integration.SipServer;

/** Reads {@code host}, {@code host:port} and {@code [v6]:port} as written in a configuration. */
final class SipServers {
    static final int DEFAULT_PORT = 5060;

    private SipServers() {
    }

    /** The server, or null when the text is not a host with an optional port in range. */
    static SipServer parse(String text) {
        String host = text;
        int port = DEFAULT_PORT;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = number(rest.substring(1));
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            host = text.substring(0, text.indexOf(':'));
            port = number(text.substring(text.indexOf(':') + 1));
        }
        if (host.isEmpty() || port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.:_-]+")) {
            return null;
        }
        return new SipServer(host, port);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
