package org.callpost.sip.internal.message;

import java.text.ParseException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.sip.internal.config.SipProtection;

/**
 * How one integration writes the URIs it sends: {@code sip:user@host[:port];transport=t}, or over
 * TLS with {@code tls.sips.uris} on, {@code sips:user@host[:port]} (sips: already asks for TLS on every
 * hop, and RFC 5630 deprecates transport=tls, so no transport parameter).
 *
 * @param transport the transport as {@link org.callpost.api.integration.Transport#sipName()} gives it: "tcp", "udp", "tls"
 *                  (lower case: compare the setting, not this string)
 * @param sips      whether URIs are sips:
 */
public record SipUris(String transport, boolean sips) {
    public static final SipUris TCP = new SipUris("TCP", false);

    public static SipUris of(IntegrationSettings s, SipProtection p) {
        return new SipUris(s.transport().sipName(), p.usesSipsUris());
    }

    /** A URI one sends to or names as a target or contact: with port (below 1: none) and transport. */
    public SipURI uri(AddressFactory addresses, String user, String host, int port) throws ParseException {
        if (!sips) {
            return OutOfDialogRequest.uri(addresses, user, host, port, transport);
        }
        SipURI u = OutOfDialogRequest.uri(addresses, user, host, port, null);
        u.setSecure(true);
        return u;
    }

    /** An address of record (To, From): no port, no transport; sips: when URIs are. */
    public SipURI aor(AddressFactory addresses, String user, String host) throws ParseException {
        SipURI u = OutOfDialogRequest.uri(addresses, user, host, 0, null);
        u.setSecure(sips);
        return u;
    }

    /** The text of a Refer-To target on the PBX, {@code sip:ext@pbx} or {@code sips:ext@pbx}. */
    public String referTarget(String extension, String host) {
        return (sips ? "sips:" : "sip:") + extension + "@" + host;
    }
}
