package org.callpost.api.media;

import java.util.Base64;
import java.util.Objects;

/**
 * The SRTP keys of one call leg as SDES (RFC 4568 {@code a=crypto}) exchanged them: the crypto
 * suite and the two inline master keys, each the base64 of a 16-byte master key followed by a
 * 14-byte master salt. Keys are secrets: {@link #toString()} names the suite only.
 *
 * @param suite      the crypto suite both ends settled on
 * @param sendKey    the key Callpost protects what it sends with (the one in Callpost's SDP)
 * @param receiveKey the key of the far end's SDP, for what it sends
 */
public record SrtpKeys(Suite suite, String sendKey, String receiveKey) {
    /** Base64 characters of a 30-byte master key and salt. */
    public static final int KEY_SALT_BYTES = 30;

    /** The SDES crypto suites Callpost speaks, in its order of preference. */
    public enum Suite {
        /** AES-128 counter mode, HMAC-SHA1 with an 80-bit tag: the one to prefer. */
        AES_CM_128_HMAC_SHA1_80(10),
        /** The same with a 32-bit RTP tag (SRTCP keeps 80 bits). */
        AES_CM_128_HMAC_SHA1_32(4);

        private final int tagBytes;

        Suite(int tagBytes) {
            this.tagBytes = tagBytes;
        }

        /** The SRTP authentication tag's length in bytes. */
        public int tagBytes() {
            return tagBytes;
        }
    }

    public SrtpKeys {
        Objects.requireNonNull(suite, "suite");
        check(sendKey, "sendKey");
        check(receiveKey, "receiveKey");
    }

    private static void check(String key, String what) {
        Objects.requireNonNull(key, what);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
        if (bytes.length != KEY_SALT_BYTES) {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes, not 30 (key and salt)");
        }
    }

    /** Decodes a key ({@link #sendKey()} or {@link #receiveKey()}) to its 30 bytes. */
    public static byte[] decode(String key) {
        return Base64.getDecoder().decode(key);
    }

    /** The suite only: the keys never reach a log. */
    @Override
    public String toString() {
        return "SrtpKeys[" + suite + ", keys hidden]";
    }
}
