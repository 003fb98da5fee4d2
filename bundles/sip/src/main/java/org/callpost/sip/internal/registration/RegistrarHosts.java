package org.callpost.sip.internal.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.callpost.api.integration.SipServer;

/**
 * The registrars' host names resolved once, when the settings are applied (on the configuring
 * thread), so that telling whether an unreachable peer is a registrar never waits on DNS on the
 * integration's thread. Immutable: a new one comes with each configuration.
 */
public final class RegistrarHosts {
    public static final RegistrarHosts NONE = new RegistrarHosts(Map.of());

    /** Lower-cased host name to its first address, as {@link InetAddress#getByName} gives it. */
    private final Map<String, InetAddress> addresses;

    private RegistrarHosts(Map<String, InetAddress> addresses) {
        this.addresses = addresses;
    }

    /** Resolves every registrar's host; may wait on DNS, so never on the integration's thread. */
    public static RegistrarHosts resolve(List<SipServer> registrars) {
        Map<String, InetAddress> m = new HashMap<>();
        for (SipServer s : registrars) {
            try {
                m.put(s.host().toLowerCase(Locale.ROOT), InetAddress.getByName(s.host()));
            } catch (UnknownHostException | SecurityException e) {
                // unknown now: only the same spelling matches, as before
            }
        }
        return new RegistrarHosts(Map.copyOf(m));
    }

    /** Each registrar's address with its host as configured (the name a TLS certificate must carry). */
    public Map<InetAddress, String> names() {
        Map<InetAddress, String> m = new HashMap<>();
        addresses.forEach((host, address) -> m.putIfAbsent(address, host));
        return m;
    }

    /** Whether {@code peer} (as the stack reports it, usually an address) is the registrar host {@code host}. */
    boolean same(String host, String peer) {
        if (host.equalsIgnoreCase(peer)) {
            return true;
        }
        InetAddress a = addresses.get(host.toLowerCase(Locale.ROOT));
        InetAddress b = addresses.containsKey(peer.toLowerCase(Locale.ROOT)) ? addresses.get(peer.toLowerCase(Locale.ROOT))
                : literal(peer);
        return a != null && a.equals(b);
    }

    /** An address written as an address; null for a name (which would need DNS). */
    private static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!t.matches("[0-9.]+") && !(t.contains(":") && t.matches("[0-9A-Fa-f:.%\\w]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
