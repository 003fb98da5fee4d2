package org.callpost.sip.internal;

import javax.sip.RequestEvent;

/**
 * The checks every request from the network passes before an integration acts on it: what the
 * stack's parser lets through but RFC 3261 says a UAS must refuse (RFC 4475 section 3.3).
 */
final class RequestScreen {
    private RequestScreen() {
    }

    /**
     * @return true when the request may go on; false when it has been answered (or dropped) here
     */
    static boolean admit(RequestEvent e, SipEndpoint endpoint) {
        return true;
    }
}
