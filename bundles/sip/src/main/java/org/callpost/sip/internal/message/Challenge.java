package org.callpost.sip.internal.message;

/** A digest challenge from a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). */
public record Challenge(boolean proxy, String realm, String nonce, String algorithm, String opaque, String qop,
        boolean stale) {
}
