package org.callpost.api.integration;

import java.util.Arrays;

/**
 * The one password the PBX gives all of Callpost's SIP terminals. It never prints itself:
 * {@link #toString()} is masked, so it cannot reach a log line or a shell page by accident.
 */
public final class PbxPassword {
    private static final PbxPassword NONE = new PbxPassword(new char[0]);
    private final char[] secret;

    private PbxPassword(char[] secret) {
        this.secret = secret;
    }

    public static PbxPassword of(String secret) {
        return secret == null || secret.isEmpty() ? NONE : new PbxPassword(secret.toCharArray());
    }

    public boolean isSet() {
        return secret.length > 0;
    }

    /** The clear text, for the digest computation only. */
    public String reveal() {
        return new String(secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PbxPassword p && Arrays.equals(secret, p.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return isSet() ? "********" : "(not set)";
    }
}
