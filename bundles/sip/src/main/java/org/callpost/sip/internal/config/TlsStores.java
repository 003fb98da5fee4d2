package org.callpost.sip.internal.config;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.TrustManager;

/**
 * An integration's key store and trust store, opened from the files its TLS settings name. Each
 * way a store can be wrong (no file, wrong password, no certificate, an expired one) is refused
 * naming the setting and the fix, when the settings are read, so a wrong store never reaches
 * the PBX.
 */
public final class TlsStores {
    /** A store that cannot be used: the setting to fix and how. */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        public final String setting;
        public final String fix;

        Refusal(String setting, String problem, String fix) {
            super(problem);
            this.setting = setting;
            this.fix = fix;
        }
    }

    /** The key managers (empty when the key store could not be opened) and the trust store's PKIX trust manager (null when pinned only). */
    public final KeyManager[] keyManagers;
    public final X509ExtendedTrustManager trust;

    private TlsStores(KeyManager[] keyManagers, X509ExtendedTrustManager trust) {
        this.keyManagers = keyManagers;
        this.trust = trust;
    }

    /** Opens the stores; every refusal found, in the order of the settings. */
    public static TlsStores open(TlsSettings s, List<Refusal> refusals) {
        KeyManager[] keys = new KeyManager[0];
        X509ExtendedTrustManager trust = null;
        if (s.keyStore().isEmpty()) {
            // the PBX opens TLS connections to Callpost too (calls, lamps): a listener without a certificate takes none
            refusals.add(new Refusal("tls.key.store", "transport is TLS but no key store is set: the PBX could not connect to Callpost",
                    "set tls.key.store to a PKCS12 file with Callpost's key and certificate (keytool -genkeypair ... -storetype PKCS12)"));
        } else {
            try {
                KeyStore ks = load(s.keyStore(), s.keyStorePassword(), "tls.key.store", "tls.key.store.password");
                boolean hasKey = false;
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) {
                        hasKey = true;
                        Certificate c = ks.getCertificate(alias);
                        if (c instanceof X509Certificate x) {
                            current(x, "tls.key.store", "the certificate Callpost shows the PBX");
                        }
                    }
                }
                if (!hasKey) {
                    throw new Refusal("tls.key.store", "the key store " + s.keyStore() + " holds no private key",
                            "set tls.key.store to a PKCS12 file with Callpost's key and certificate, or leave it empty");
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, s.keyStorePassword().toCharArray());
                keys = kmf.getKeyManagers();
            } catch (UnrecoverableKeyException e) {
                refusals.add(new Refusal("tls.key.store.password", "the key in " + s.keyStore() + " does not open with that password",
                        "set tls.key.store.password to the key store's password (PKCS12: the key's password is the same)"));
            } catch (Refusal r) {
                refusals.add(r);
            } catch (GeneralSecurityException e) {
                refusals.add(new Refusal("tls.key.store", "the key store " + s.keyStore() + " cannot be used: " + e.getMessage(),
                        "set tls.key.store to a PKCS12 or JKS file"));
            }
        }
        if (!s.trustStore().isEmpty()) {
            try {
                KeyStore ts = load(s.trustStore(), s.trustStorePassword(), "tls.trust.store", "tls.trust.store.password");
                int certificates = 0;
                for (String alias : Collections.list(ts.aliases())) {
                    if (ts.getCertificate(alias) instanceof X509Certificate x) {
                        certificates++;
                        current(x, "tls.trust.store", "a CA certificate trusted for the PBX");
                    }
                }
                if (certificates == 0) {
                    throw new Refusal("tls.trust.store", "the trust store " + s.trustStore() + " holds no certificate",
                            "import the CA certificate that signed the PBX's certificate (keytool -importcert -keystore "
                                    + s.trustStore() + ")");
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(ts);
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509ExtendedTrustManager x) {
                        trust = x;
                    }
                }
            } catch (Refusal r) {
                refusals.add(r);
            } catch (GeneralSecurityException e) {
                refusals.add(new Refusal("tls.trust.store", "the trust store " + s.trustStore() + " cannot be used: " + e.getMessage(),
                        "set tls.trust.store to a PKCS12 or JKS file with the PBX's CA certificate"));
            }
        } else if (!s.pinned()) {
            refusals.add(new Refusal("tls.trust.store", "transport is TLS but nothing says which PBX certificate to trust",
                    "set tls.trust.store to a PKCS12 file with the CA certificate that signed the PBX's certificate,"
                            + " or tls.pinned.fingerprint to the SHA-256 fingerprint of the PBX's certificate"));
        }
        return new TlsStores(keys, trust);
    }

    private static KeyStore load(String path, String password, String setting, String passwordSetting) throws Refusal {
        File f = new File(path);
        if (!f.isFile()) {
            throw new Refusal(setting, "there is no file " + path, "set " + setting + " to the path of an existing key store file");
        }
        if (!f.canRead()) {
            throw new Refusal(setting, path + " cannot be read by Callpost", "let the Karaf user read " + path);
        }
        try {
            return KeyStore.getInstance(f, password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new Refusal(passwordSetting, path + " does not open with that password",
                        "set " + passwordSetting + " to the password of " + path);
            }
            throw new Refusal(setting, path + " cannot be read as a key store: " + e.getMessage(),
                    "set " + setting + " to a PKCS12 or JKS file");
        } catch (KeyStoreException | java.security.NoSuchAlgorithmException | java.security.cert.CertificateException e) {
            throw new Refusal(setting, path + " is not a key store Java reads (" + e.getMessage() + ")",
                    "set " + setting + " to a PKCS12 or JKS file");
        } catch (IllegalArgumentException e) {
            throw new Refusal(setting, path + " is not a key store Java reads", "set " + setting + " to a PKCS12 or JKS file");
        }
    }

    /** Refuses a certificate that has expired or is not valid yet. */
    private static void current(X509Certificate x, String setting, String what) throws Refusal {
        try {
            x.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new Refusal(setting, what + " " + x.getSubjectX500Principal().getName() + " expired on " + x.getNotAfter().toInstant(),
                    "put a current certificate into " + setting);
        } catch (CertificateNotYetValidException e) {
            throw new Refusal(setting, what + " " + x.getSubjectX500Principal().getName() + " is not valid before "
                    + x.getNotBefore().toInstant(), "put a current certificate into " + setting + " (or check this host's clock)");
        }
    }

    /** Subjects in a chain, for messages. */
    static List<String> subjects(X509Certificate[] chain) {
        List<String> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            out.add(c.getSubjectX500Principal().getName());
        }
        return out;
    }
}
