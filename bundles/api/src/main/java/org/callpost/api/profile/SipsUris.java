package org.callpost.api.profile;

import org.callpost.api.integration.IntegrationSettings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A switch profile that knows whether its PBX wants {@code sips:} URIs over SIP over TLS
 * (RFC 5630: sips: asks for TLS on every hop) rather than {@code sip:...;transport=tls}. A profile
 * that does not implement it gets {@code sip:} URIs with {@code transport=tls}; the integration
 * setting {@code tls.sips.uris} overrides either answer.
 */
@ConsumerType
public interface SipsUris {
    /** Whether Request-URIs, To, From, Contact and REFER targets are sips: for this integration (transport TLS only). */
    boolean usesSipsUris(IntegrationSettings settings);
}
