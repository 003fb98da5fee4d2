package org.callpost.sip.internal.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.callpost.sip.internal.config.TlsSettings;
import org.callpost.sip.internal.config.TlsStores;
import org.callpost.testsupport.TestCertificates;
import org.junit.BeforeClass;
import org.junit.Test;

/** The PBX's certificate against the trust store or the pinned fingerprint (the chain Kamailio sends in TlsIT). */
public class PbxTrustManagerTest {
    private static TestCertificates certificates;
    private static X509Certificate pbx;
    private final List<String> refused = new ArrayList<>();

    @BeforeClass
    public static void certificates() throws Exception {
        certificates = TestCertificates.make(Path.of("target", "pbx-trust-test"));
        try (InputStream in = Files.newInputStream(certificates.pbxCertificate())) {
            pbx = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private PbxTrustManager trusting(String trustStore, String pin) {
        TlsSettings s = new TlsSettings(certificates.keyStore().toString(), TestCertificates.PASSWORD, trustStore,
                TestCertificates.PASSWORD, true, pin);
        List<TlsStores.Refusal> problems = new ArrayList<>();
        TlsStores stores = TlsStores.open(s, problems);
        assertEquals(List.of(), problems);
        return new PbxTrustManager(stores.trust, s, refused::add);
    }

    private String refusal(PbxTrustManager tm) {
        try {
            tm.checkServerTrusted(new X509Certificate[] {pbx}, "ECDHE_ECDSA");
            fail("accepted");
            return null;
        } catch (CertificateException e) {
            assertEquals("no cause, so the innermost message the line shows is this one", null, e.getCause());
            assertEquals(List.of(e.getMessage()), refused);
            return e.getMessage();
        }
    }

    @Test
    public void aCertificateSignedByTheTrustedCaIsAccepted() throws Exception {
        trusting(certificates.trustStore().toString(), "").checkServerTrusted(new X509Certificate[] {pbx}, "ECDHE_ECDSA");
        assertEquals(List.of(), refused);
    }

    @Test
    public void anotherCaIsRefusedNamingTheCertificateAndTheSetting() {
        String why = refusal(trusting(certificates.otherTrustStore().toString(), ""));
        assertTrue(why, why.contains("CN=Test PBX") && why.contains("CN=Callpost Test PBX CA") && why.contains("tls.trust.store"));
    }

    @Test
    public void thePinnedCertificateIsAcceptedAndAnotherRefused() throws Exception {
        String pin = certificates.pbxFingerprint().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        assertEquals(pin, PbxTrustManager.fingerprint(pbx));
        trusting("", pin).checkServerTrusted(new X509Certificate[] {pbx}, "ECDHE_ECDSA");
        String other = "00".repeat(32);
        String why = refusal(trusting("", other));
        assertTrue(why, why.contains(pin) && why.contains("tls.pinned.fingerprint"));
    }
}
