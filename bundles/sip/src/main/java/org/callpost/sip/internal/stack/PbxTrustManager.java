package org.callpost.sip.internal.stack;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.callpost.sip.internal.config.TlsSettings;

/**
 * Decides whether the PBX's certificate is the one to talk to: the trust store's PKIX check (with
 * the host name, when the socket asks for it), or the pinned SHA-256 fingerprint instead. A
 * refusal says which certificate and which setting to fix, in one message with no cause (so the
 * stack's innermost message, which the line shows, is this one), and is reported once to
 * {@code refused}.
 */
final class PbxTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final TlsSettings settings;
    private final Consumer<String> refused;

    PbxTrustManager(X509ExtendedTrustManager pkix, TlsSettings settings, Consumer<String> refused) {
        this.pkix = pkix;
        this.settings = settings;
        this.refused = refused;
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }

    private static String describe(X509Certificate c) {
        return "certificate " + c.getSubjectX500Principal().getName() + " (issued by " + c.getIssuerX500Principal().getName()
                + ", SHA-256 " + fingerprint(c) + ")";
    }

    private void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse("the PBX sent no certificate", "tls.trust.store");
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw refuse("the PBX's " + describe(leaf) + " expired on " + leaf.getNotAfter().toInstant()
                    + "; renew it on the PBX", settings.pinned() ? "tls.pinned.fingerprint" : "tls.trust.store");
        } catch (CertificateNotYetValidException e) {
            throw refuse("the PBX's " + describe(leaf) + " is not valid before " + leaf.getNotBefore().toInstant()
                    + " (check the clocks)", settings.pinned() ? "tls.pinned.fingerprint" : "tls.trust.store");
        }
        if (settings.pinned()) {
            if (!fingerprint(leaf).equals(settings.pinnedFingerprint())) {
                throw refuse("the PBX's " + describe(leaf) + " is not the certificate pinned; set tls.pinned.fingerprint to its"
                        + " SHA-256 fingerprint if it is the PBX's", "tls.pinned.fingerprint");
            }
            return;
        }
        try {
            if (socket != null) {
                pkix.checkServerTrusted(chain, authType, socket);
            } else if (engine != null) {
                pkix.checkServerTrusted(chain, authType, engine);
            } else {
                pkix.checkServerTrusted(chain, authType);
            }
        } catch (CertificateException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("No subject alternative") || why.contains("No name matching")) {
                throw refuse("the PBX's " + describe(leaf) + " does not name the host Callpost connects to (" + why
                        + "); give the PBX a certificate for its address, or set tls.verify.host=false", "tls.verify.host");
            }
            throw refuse("the PBX's " + describe(leaf) + " is not signed by a CA in tls.trust.store " + settings.trustStore()
                    + " (" + why + "); import the CA that signed it into tls.trust.store", "tls.trust.store");
        }
    }

    private CertificateException refuse(String message, String setting) {
        // the setting first: callpost:lines shows the start of a long last error
        String m = "TLS refused (see " + setting + "): " + message;
        refused.accept(m);
        return new CertificateException(m);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, socket, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, null, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, null);
    }

    /** Callpost asks no client for a certificate (TLS_CLIENT_AUTH_TYPE Disabled): any that comes is refused. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("Callpost does not take client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("Callpost does not take client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Callpost does not take client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
    }
}
