package org.callpost.sip.internal.config;

import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.profile.SipsUris;
import org.callpost.api.profile.SwitchProfile;

/**
 * The integration's {@code tls.sips.uris} setting: whether, over TLS, Callpost's URIs are
 * {@code sips:} (RFC 5630) or {@code sip:...;transport=tls}.
 */
public enum SipsUriMode {
    /** As the switch profile says ({@link SipsUris}); a profile that says nothing: sip:. */
    PROFILE,
    /** sips: URIs (needs transport TLS). */
    ON,
    /** sip: URIs with transport=tls. */
    OFF;

    /** ON or OFF: what this integration uses with its profile; only ever ON over TLS. */
    public SipsUriMode resolve(SwitchProfile profile, IntegrationSettings settings) {
        if (settings.transport() != org.callpost.api.integration.Transport.TLS) {
            return OFF;
        }
        if (this != PROFILE) {
            return this;
        }
        return profile instanceof SipsUris p && p.usesSipsUris(settings) ? ON : OFF;
    }
}
