package org.callpost.support.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a password where Config Admin keeps it (the PBX password, the SMTP password). An
 * administrator types it in clear (a .cfg file, {@code config:property-set}); the bundle replaces it with
 * {@code {sealed}...}, AES-GCM under a key of this host, so {@code config:list}, the .cfg file
 * Karaf writes back and backups of etc/ show the sealed form and never the password.
 * <p>
 * The key lives in its own file (by default etc/callpost.key, readable by its owner only): a copy
 * of the configuration without the key does not give the password away. Losing the key means
 * typing the password once more; nothing else is lost.
 */
public final class PasswordSeal {
    public static final String PREFIX = "{sealed}";
    /**
     * Binds a sealed value to what it is, so it cannot be moved to another setting unnoticed. It
     * names the PBX password as it was called when sealing began: it stays so, so that values sealed
     * under the deprecated name pbxPassword open under pbx.password too (a rename moves the value as is).
     */
    public static final String PBX_PASSWORD = "callpost pbxPassword v1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object KEY_FILE_LOCK = new Object();

    /** A sealed value that cannot be opened; the message says why, for the administrator. */
    public static final class SealException extends Exception {
        private static final long serialVersionUID = 1L;

        SealException(String message) {
            super(message);
        }
    }

    private final Path keyFile;
    private final byte[] purpose;
    private volatile SecretKey key;

    /** A seal for the PBX password ({@link #PBX_PASSWORD}) with the key in {@code keyFile}. */
    public PasswordSeal(Path keyFile) {
        this(keyFile, PBX_PASSWORD);
    }

    /**
     * A seal whose values are bound to {@code purpose} (what the setting is, e.g.
     * "callpost smtp.password v1"): a value sealed for one purpose does not open for another.
     */
    public PasswordSeal(Path keyFile, String purpose) {
        this.keyFile = keyFile;
        this.purpose = purpose.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The key file: the framework property {@code callpost.key.file} if set, else
     * {@code callpost.key} in Karaf's etc/ (next to the configuration it protects), else in the
     * bundle's own storage.
     */
    public static PasswordSeal forFramework(org.osgi.framework.BundleContext context) {
        return forFramework(context, PBX_PASSWORD);
    }

    /** As {@link #forFramework(org.osgi.framework.BundleContext)}, for values of another purpose. */
    public static PasswordSeal forFramework(org.osgi.framework.BundleContext context, String purpose) {
        String explicit = context.getProperty("callpost.key.file");
        String etc = context.getProperty("karaf.etc");
        Path file;
        if (explicit != null && !explicit.isBlank()) {
            file = Path.of(explicit);
        } else if (etc != null && !etc.isBlank()) {
            file = Path.of(etc, "callpost.key");
        } else {
            file = context.getDataFile("callpost.key").toPath();
        }
        return new PasswordSeal(file, purpose);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public Path keyFile() {
        return keyFile;
    }

    /** Seals {@code clear}, making the key file first if there is none. */
    public String seal(String clear) throws IOException, GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(purpose);
        byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out);
    }

    /** Opens a value made by {@link #seal(String)} with this host's key. */
    public String unseal(String value) throws SealException {
        if (!isSealed(value)) {
            return value;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealException("the sealed password is damaged (not base64)");
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealException("the sealed password is damaged (too short)");
        }
        SecretKey k;
        try {
            k = key(false);
        } catch (NoSuchFileException e) {
            throw new SealException("the key it was sealed with is missing (" + keyFile + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new SealException("the key file " + keyFile + " cannot be read: " + e.getMessage());
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(purpose);
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SealException("the sealed password does not open with the key in " + keyFile
                    + " (sealed on another host, with another key, or altered)");
        }
    }

    private SecretKey key(boolean create) throws IOException {
        SecretKey k = key;
        if (k != null) {
            return k;
        }
        synchronized (KEY_FILE_LOCK) {
            if (key == null) {
                if (create && !Files.exists(keyFile)) {
                    makeKeyFile();
                }
                key = readKeyFile();
            }
            return key;
        }
    }

    private SecretKey readKeyFile() throws IOException {
        for (String line : Files.readAllLines(keyFile, StandardCharsets.US_ASCII)) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                byte[] bytes = Base64.getDecoder().decode(t);
                if (bytes.length != KEY_BYTES) {
                    throw new IllegalArgumentException("the key is " + bytes.length + " bytes, not " + KEY_BYTES);
                }
                return new SecretKeySpec(bytes, "AES");
            }
        }
        throw new IllegalArgumentException("it holds no key");
    }

    /** Written to a temporary file and linked into place, so no reader ever sees half a key. */
    private void makeKeyFile() throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        String text = "# Callpost's key for sealed settings (pbx.password, smtp.password). Back it up with etc/; without it\n"
                + "# the sealed password must be typed again. Never share it.\n"
                + Base64.getEncoder().encodeToString(bytes) + "\n";
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".callpost-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's permissions apply
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.createLink(keyFile, tmp); // atomic, and never replaces a key another process made
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: use that one
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE); // no hard links here
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
