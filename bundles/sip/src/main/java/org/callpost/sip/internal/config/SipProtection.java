package org.callpost.sip.internal.config;

/**
 * How an integration's SIP is protected: TLS (when its transport is TLS) and the flood limit on
 * requests from addresses other than its PBX's.
 *
 * @param floodLimitPerSecond requests per second one source address may send; 0: no limit
 * @param callsFromPbxOnly    whether calls and subscriptions are taken from the PBX's addresses only
 */
public record SipProtection(TlsSettings tls, int floodLimitPerSecond, boolean callsFromPbxOnly) {
    public static final int DEFAULT_FLOOD_LIMIT = 50;
    public static final SipProtection NONE = new SipProtection(TlsSettings.NONE, DEFAULT_FLOOD_LIMIT, true);
}
