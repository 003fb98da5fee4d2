package gov.nist.javax.sip.stack;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import javax.sip.SipStack;

/**
 * Gives one stack a network layer of its own. The RI builds its TLS sockets from the
 * {@code javax.net.ssl.*} stack properties (file names and passwords as text) or from a class it
 * instantiates by name with no arguments; neither lets two stacks in one JVM trust and verify
 * differently with their own objects. Set before the first listening point is created, the layer
 * makes every socket of that stack.
 */
public final class CallpostNetworkLayers {
    private CallpostNetworkLayers() {
    }

    /** Installs {@code layer} on {@code stack}; false when the stack is not the RI's. */
    public static boolean install(SipStack stack, NetworkLayer layer) {
        if (stack instanceof SipStackImpl s) {
            s.networkLayer = layer;
            layer.setSipStack(s);
            return true;
        }
        return false;
    }
}
