package org.callpost.store.file.internal.operations;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PIN kept as a salted PBKDF2-HMAC-SHA256 hash with its iteration count; never the PIN. The
 * {@link #toString()} shows neither salt nor hash.
 */
public record PinHash(String algorithm, int iterations, byte[] salt, byte[] hash) {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public static PinHash of(String pin, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PinHash(ALGORITHM, iterations, salt, derive(ALGORITHM, pin, salt, iterations));
    }

    public boolean matches(String pin) {
        if (pin == null) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(algorithm, pin, salt, iterations));
    }

    private static byte[] derive(String algorithm, String pin, byte[] salt, int iterations) {
        char[] chars = pin.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    public String saltText() {
        return Base64.getEncoder().encodeToString(salt);
    }

    public String hashText() {
        return Base64.getEncoder().encodeToString(hash);
    }

    public static PinHash parse(String algorithm, String iterations, String salt, String hash) {
        return new PinHash(algorithm, Integer.parseInt(iterations.trim()), Base64.getDecoder().decode(salt.trim()),
                Base64.getDecoder().decode(hash.trim()));
    }

    @Override
    public String toString() {
        return "PinHash[" + algorithm + ", " + iterations + " iterations]";
    }
}
