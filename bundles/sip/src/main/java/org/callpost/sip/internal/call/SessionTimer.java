package org.callpost.sip.internal.call;

import java.util.Locale;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * The RFC 4028 session timer a PBX asked for in its INVITE: how long the session lives without a
 * refresh, and who refreshes it. The refresher follows the RFC's table (section 9): the PBX's
 * choice when it made one; the PBX when it supports timers but left the choice to us (it is the
 * side that knows whether the call is still up); Callpost when the PBX does not support timers
 * (a proxy put the header in).
 */
record SessionTimer(int seconds, boolean weRefresh, boolean peerSupportsTimer) {
    /** The smallest session interval accepted (RFC 4028 Min-SE). */
    static final int MIN_SECONDS = 90;

    /** The timer the INVITE asks for, or empty when it has no Session-Expires (or one we cannot read). */
    static Optional<SessionTimer> requested(Request invite) {
        String value = value(invite.getHeader("Session-Expires"));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.split(";");
        int seconds;
        try {
            seconds = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String refresher = "";
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("refresher=")) {
                refresher = p.substring("refresher=".length()).trim();
            }
        }
        boolean supports = lists(invite, "Supported", "timer") || lists(invite, "Require", "timer");
        boolean weRefresh = refresher.equals("uas") || (!refresher.equals("uac") && !supports);
        return Optional.of(new SessionTimer(seconds, weRefresh, supports));
    }

    /** Whether the interval is below our Min-SE (the INVITE then gets 422). */
    boolean tooShort() {
        return seconds < MIN_SECONDS;
    }

    /** The Session-Expires value of our 200 OK and of our refreshes. */
    String headerValue() {
        return seconds + ";refresher=" + (weRefresh ? "uas" : "uac");
    }

    /** When we refresh: half the interval (RFC 4028 section 10). */
    long refreshAfterMillis() {
        return seconds * 1000L / 2;
    }

    /**
     * How long we wait for the PBX's refresh before we end the call: the interval less a third
     * of it or 32 s, whichever is smaller (RFC 4028 section 10), so our BYE goes out while the
     * session still stands.
     */
    long giveUpAfterMillis() {
        return (seconds - Math.min(32, seconds / 3)) * 1000L;
    }

    private static boolean lists(Request r, String header, String token) {
        for (ListIterator<?> it = r.getHeaders(header); it != null && it.hasNext();) {
            for (String t : value((Header) it.next()).split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String value(Header h) {
        if (h == null) {
            return "";
        }
        if (h instanceof ExtensionHeader x) {
            return x.getValue().trim();
        }
        String s = h.toString().trim();
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(colon + 1).trim();
    }
}
