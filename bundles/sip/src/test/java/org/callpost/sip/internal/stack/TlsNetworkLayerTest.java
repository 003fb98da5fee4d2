package org.callpost.sip.internal.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.callpost.sip.internal.config.TlsSettings;
import org.callpost.testsupport.TestCertificates;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Real TLS handshakes on loopback with a JDK server playing the PBX (its certificate names
 * IP 127.0.0.1, signed by the test CA): the name Callpost checks is the host as configured.
 */
public class TlsNetworkLayerTest {
    private static TestCertificates certificates;
    private final List<String> refused = new ArrayList<>();
    private SSLServerSocket pbx;

    @BeforeClass
    public static void certificates() throws Exception {
        certificates = TestCertificates.make(Path.of("target", "tls-layer-test"));
    }

    @After
    public void close() throws IOException {
        if (pbx != null) {
            pbx.close();
        }
    }

    /** A PBX that accepts one connection and completes its side of the handshake. */
    private int pbx() throws Exception {
        KeyStore ks = KeyStore.getInstance(certificates.pbxKeyStore().toFile(), TestCertificates.PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestCertificates.PASSWORD.toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        pbx = (SSLServerSocket) c.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (SSLSocket s = (SSLSocket) pbx.accept()) {
                s.startHandshake();
                s.getInputStream().read();
            } catch (IOException ignored) {
                // the client refused the certificate
            }
        });
        return pbx.getLocalPort();
    }

    private TlsNetworkLayer layer(boolean verifyHost, String hostAsConfigured) throws Exception {
        TlsSettings s = new TlsSettings(certificates.keyStore().toString(), TestCertificates.PASSWORD,
                certificates.trustStore().toString(), TestCertificates.PASSWORD, verifyHost, "");
        TlsNetworkLayer layer = new TlsNetworkLayer(s, refused::add);
        layer.hostNames(Map.of(InetAddress.getLoopbackAddress(), hostAsConfigured));
        return layer;
    }

    private static X509Certificate handshake(TlsNetworkLayer layer, int port) throws IOException {
        try (SSLSocket s = layer.createSSLSocket(InetAddress.getLoopbackAddress(), port, InetAddress.getLoopbackAddress())) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    public void thePbxNamedByItsAddressIsAccepted() throws Exception {
        X509Certificate c = handshake(layer(true, "127.0.0.1"), pbx());
        assertEquals("CN=Test PBX", c.getSubjectX500Principal().getName());
        assertEquals(List.of(), refused);
    }

    @Test
    public void aNameTheCertificateDoesNotCarryIsRefusedNamingTlsVerifyHost() throws Exception {
        int port = pbx();
        try {
            handshake(layer(true, "pbx.example.com"), port);
            fail("accepted a certificate for 127.0.0.1 as pbx.example.com");
        } catch (IOException expected) {
            assertEquals(refused.toString(), 1, refused.size());
            assertTrue(refused.get(0), refused.get(0).contains("does not name the host") && refused.get(0).contains("tls.verify.host"));
        }
    }

    @Test
    public void withoutTheHostCheckTheTrustStoreStillDecides() throws Exception {
        handshake(layer(false, "pbx.example.com"), pbx());
        assertEquals(List.of(), refused);
    }

    @Test
    public void anExpiredPbxCertificateIsRefusedNamingIt() throws Exception {
        KeyStore expired = KeyStore.getInstance(certificates.expiredKeyStore().toFile(), TestCertificates.PASSWORD.toCharArray());
        X509Certificate old = (X509Certificate) expired.getCertificate("old");
        TlsSettings s = new TlsSettings("", "", "", "", true, PbxTrustManager.fingerprint(old));
        try {
            new PbxTrustManager(null, s, refused::add).checkServerTrusted(new X509Certificate[] {old}, "ECDHE_ECDSA");
            fail("accepted an expired certificate");
        } catch (java.security.cert.CertificateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("CN=Expired Callpost") && e.getMessage().contains("expired on"));
        }
    }
}
