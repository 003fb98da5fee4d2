package org.callpost.media.internal.srtp;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 in counter mode as SRTP uses it (RFC 3711 section 4.1.1): the 128-bit counter blocks
 * are written into a reused array and encrypted by one reused ECB cipher, and the keystream is
 * XORed into the packet in place.
 */
final class AesCounterMode {
    /** The largest run this encrypts at once: a whole datagram of the media clock's buffers. */
    static final int MAX_BYTES = 2048;

    private final Cipher aes;
    private final byte[] counters = new byte[MAX_BYTES];
    private final byte[] keystream = new byte[MAX_BYTES];

    AesCounterMode(byte[] key) {
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every Java runtime", e);
        }
    }

    /**
     * XORs {@code length} bytes of {@code data} at {@code offset} with the keystream that starts
     * at counter block {@code iv} (16 bytes, its last two bytes the block counter, zero here).
     */
    void apply(byte[] iv, byte[] data, int offset, int length) {
        int blocks = (length + 15) >>> 4;
        int bytes = blocks << 4;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("longer than a datagram: " + length);
        }
        for (int b = 0; b < blocks; b++) {
            int p = b << 4;
            System.arraycopy(iv, 0, counters, p, 14);
            counters[p + 14] = (byte) (b >>> 8);
            counters[p + 15] = (byte) b;
        }
        try {
            aes.update(counters, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < length; i++) {
            data[offset + i] ^= keystream[i];
        }
    }

    /** Writes {@code length} bytes of the keystream at {@code iv} to {@code out} (key derivation, tests). */
    void keystream(byte[] iv, byte[] out, int length) {
        java.util.Arrays.fill(out, 0, length, (byte) 0);
        apply(iv, out, 0, length);
    }
}
