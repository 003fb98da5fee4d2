package org.callpost.media.internal.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over one reused SHA-1 digest. Not javax.crypto.Mac: its
 * {@code doFinal(byte[], int)} allocates the tag (and HmacCore a second array) on every call;
 * this writes into the caller's array, so a packet costs no allocation.
 */
final class HmacSha1 {
    static final int BYTES = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[BYTES];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than a block");
        }
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        sha1.update(innerPad);
    }

    void update(byte[] data, int offset, int length) {
        sha1.update(data, offset, length);
    }

    /** Ends the message and writes the 20-byte tag to {@code out}; ready for the next message. */
    void finish(byte[] out, int offset) {
        try {
            sha1.digest(inner, 0, BYTES);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, offset, BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(innerPad);
    }
}
