package org.callpost.sip.internal.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The answer to a SIP digest challenge (RFC 2617 / RFC 3261 section 22): MD5, with or without
 * {@code qop=auth}. Computes the {@code response} parameter from the extension, the one PBX
 * password, and the challenge.
 */
public final class DigestAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public final String username;
    public final String realm;
    public final String nonce;
    public final String uri;
    public final String algorithm;
    public final String opaque;
    /** "auth" when the challenge offered it, else null (RFC 2069 style). */
    public final String qop;
    public final String cnonce;
    public final String nonceCount;
    public final String response;

    private DigestAnswer(String username, String realm, String nonce, String uri, String algorithm,
            String opaque, String qop, String cnonce, String nonceCount, String response) {
        this.username = username;
        this.realm = realm;
        this.nonce = nonce;
        this.uri = uri;
        this.algorithm = algorithm;
        this.opaque = opaque;
        this.qop = qop;
        this.cnonce = cnonce;
        this.nonceCount = nonceCount;
        this.response = response;
    }

    /** Whether we can answer a challenge with this algorithm (MD5 only, as the PBX uses). */
    public static boolean supports(String algorithm) {
        return algorithm == null || algorithm.isEmpty() || algorithm.equalsIgnoreCase("MD5");
    }

    /**
     * @param qopOffered the challenge's qop list, e.g. {@code "auth,auth-int"}, or null
     * @param nc         how many times this nonce has been used, from 1
     */
    public static DigestAnswer answer(String method, String uri, String username, String password, String realm,
            String nonce, String algorithm, String opaque, String qopOffered, int nc) {
        return answer(method, uri, username, password, realm, nonce, algorithm, opaque, qopOffered, nc,
                HEX.formatHex(randomBytes()));
    }

    /** As above with a given client nonce (for checking against published examples). */
    public static DigestAnswer answer(String method, String uri, String username, String password, String realm,
            String nonce, String algorithm, String opaque, String qopOffered, int nc, String clientNonce) {
        String qop = offersAuth(qopOffered) ? "auth" : null;
        String cnonce = qop == null ? null : clientNonce;
        String nonceCount = qop == null ? null : String.format(Locale.ROOT, "%08x", nc);
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
        return new DigestAnswer(username, realm, nonce, uri, algorithm, opaque, qop, cnonce, nonceCount, response);
    }

    private static boolean offersAuth(String qopOffered) {
        if (qopOffered == null) {
            return false;
        }
        for (String q : qopOffered.split(",")) {
            if (q.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    public static String md5(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    @Override
    public String toString() {
        return "Digest username=" + username + " realm=" + realm + " (response masked)";
    }
}
