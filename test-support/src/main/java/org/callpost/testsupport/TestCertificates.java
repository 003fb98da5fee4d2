package org.callpost.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made at test time in a folder of the build (never committed): a
 * CA, a PBX certificate it signs for 127.0.0.1 (PEM, for Kamailio), Callpost's own key store
 * and trust stores (PKCS12, for the integration's tls.* settings). JDK keytool and openssl only.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    public final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    /** Makes everything in {@code folder} (created, emptied of earlier stores). */
    public static TestCertificates make(Path folder) throws IOException {
        Files.createDirectories(folder);
        TestCertificates t = new TestCertificates(folder.toAbsolutePath());
        t.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-subj", "/CN=Callpost Test PBX CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        t.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "other-ca.key", "-out", "other-ca.pem", "-subj", "/CN=Some Other CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        t.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "pbx.key",
                "-out", "pbx.csr", "-subj", "/CN=Test PBX");
        Files.writeString(folder.resolve("pbx.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        t.openssl("x509", "-req", "-in", "pbx.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "pbx.pem",
                "-days", "2", "-extfile", "pbx.ext");
        t.openssl("pkcs12", "-export", "-inkey", "pbx.key", "-in", "pbx.pem", "-certfile", "ca.pem", "-name", "pbx",
                "-out", "pbx.p12", "-passout", "pass:" + PASSWORD);
        for (String store : List.of("trust.p12", "other-trust.p12", "callpost.p12", "expired.p12")) {
            Files.deleteIfExists(folder.resolve(store));
        }
        t.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        t.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "other-ca.pem", "-keystore", "other-trust.p12",
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        t.keytool("-genkeypair", "-alias", "callpost", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Callpost", "-ext", "SAN=ip:127.0.0.1", "-keystore", "callpost.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        t.keytool("-genkeypair", "-alias", "old", "-keyalg", "EC", "-groupname", "secp256r1", "-startdate", "-3d",
                "-validity", "1", "-dname", "CN=Expired Callpost", "-keystore", "expired.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        return t;
    }

    public Path caPem() {
        return folder.resolve("ca.pem");
    }

    public Path pbxKey() {
        return folder.resolve("pbx.key");
    }

    public Path pbxCertificate() {
        return folder.resolve("pbx.pem");
    }

    /** The PBX's key and certificate (with its CA) as PKCS12, for a PBX played by a JDK TLS server. */
    public Path pbxKeyStore() {
        return folder.resolve("pbx.p12");
    }

    /** PKCS12 with the CA that signed the PBX's certificate. */
    public Path trustStore() {
        return folder.resolve("trust.p12");
    }

    /** PKCS12 with a CA that did not sign it. */
    public Path otherTrustStore() {
        return folder.resolve("other-trust.p12");
    }

    /** PKCS12 with Callpost's key and a self-signed certificate. */
    public Path keyStore() {
        return folder.resolve("callpost.p12");
    }

    /** PKCS12 whose one certificate expired two days ago. */
    public Path expiredKeyStore() {
        return folder.resolve("expired.p12");
    }

    /** The SHA-256 fingerprint of the PBX's certificate, as openssl prints it (colon-separated hex). */
    public String pbxFingerprint() throws IOException {
        String out = openssl("x509", "-noout", "-fingerprint", "-sha256", "-in", "pbx.pem");
        return out.substring(out.indexOf('=') + 1).trim();
    }

    private String keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private String openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
