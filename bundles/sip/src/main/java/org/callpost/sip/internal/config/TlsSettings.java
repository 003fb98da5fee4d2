package org.callpost.sip.internal.config;

/**
 * An integration's SIP over TLS settings (used when {@code transport = TLS}): its own key store
 * (the certificate Callpost's TLS listener shows the PBX when the PBX connects) and trust store
 * (the CA that signed the PBX's certificate), whether the PBX's certificate must name the host Callpost dials, or instead the
 * SHA-256 fingerprint of the one certificate to accept. Passwords in clear here (opened from
 * their sealed form); never shown by {@link #toString()}.
 *
 * @param pinnedFingerprint 64 hex digits, lower case, no colons; empty: not pinned
 */
public record TlsSettings(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
        boolean verifyHost, String pinnedFingerprint) {
    public static final TlsSettings NONE = new TlsSettings("", "", "", "", true, "");

    public boolean pinned() {
        return !pinnedFingerprint.isEmpty();
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", verifyHost=" + verifyHost
                + ", pinned=" + pinned() + "]";
    }
}
