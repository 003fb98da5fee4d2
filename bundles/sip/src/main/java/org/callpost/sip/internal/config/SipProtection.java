package org.callpost.sip.internal.config;

/**
 * How an integration's SIP is protected: TLS (when its transport is TLS) and the flood limit on
 * requests from addresses other than its PBX's.
 *
 * @param floodLimitPerSecond requests per second one source address may send; 0: no limit
 * @param callsFromPbxOnly    whether calls and subscriptions are taken from the PBX's addresses only
 * @param sipsUris            {@code tls.sips.uris} as set, or ON / OFF once resolved with the profile ({@link #resolved})
 */
public record SipProtection(TlsSettings tls, int floodLimitPerSecond, boolean callsFromPbxOnly, SipsUriMode sipsUris) {
    public static final int DEFAULT_FLOOD_LIMIT = 50;
    public static final SipProtection NONE = new SipProtection(TlsSettings.NONE, DEFAULT_FLOOD_LIMIT, true, SipsUriMode.OFF);

    /** These settings with {@link #sipsUris} decided by the profile: ON or OFF. */
    public SipProtection resolved(org.callpost.api.profile.SwitchProfile profile, org.callpost.api.integration.IntegrationSettings s) {
        return new SipProtection(tls, floodLimitPerSecond, callsFromPbxOnly, sipsUris.resolve(profile, s));
    }

    /** Whether URIs are sips: (after {@link #resolved}). */
    public boolean usesSipsUris() {
        return sipsUris == SipsUriMode.ON;
    }
}
