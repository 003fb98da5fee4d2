package org.callpost.sip.internal.config;

import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.Transport;
import org.callpost.testsupport.TestCertificates;
import org.junit.BeforeClass;
import org.junit.Test;

/** The tls.* settings as an administrator gets them wrong: each refusal names the setting and the fix. */
public class TlsSettingsTest {
    private static TestCertificates certificates;
    private final SettingsReader reader = new SettingsReader(a -> a.equals("127.0.0.1"));

    @BeforeClass
    public static void certificates() throws Exception {
        certificates = TestCertificates.make(Path.of("target", "tls-settings-test"));
    }

    private SettingsReader.Result read(Object... more) {
        List<Object> kv = new ArrayList<>(List.of("line.extensions", new String[] {"31-34"}, "transport", "TLS",
                "tls.key.store", certificates.keyStore().toString(), "tls.key.store.password", TestCertificates.PASSWORD,
                "tls.trust.store", certificates.trustStore().toString(), "tls.trust.store.password", TestCertificates.PASSWORD));
        kv.addAll(List.of(more));
        return reader.read("office400", config(kv.toArray()));
    }

    private static SettingProblem only(SettingsReader.Result r) {
        assertEquals(r.problems().toString(), 1, r.problems().size());
        return r.problems().get(0);
    }

    @Test
    public void goodStoresAreAcceptedWithTheHostChecked() {
        SettingsReader.Result r = read();
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(Transport.TLS, r.settings().transport());
        TlsSettings t = r.protection().tls();
        assertTrue(t.verifyHost());
        assertEquals("", t.pinnedFingerprint());
        assertEquals(SipProtection.DEFAULT_FLOOD_LIMIT, r.protection().floodLimitPerSecond());
        assertTrue("no password in the text: " + t, !t.toString().contains(TestCertificates.PASSWORD));
    }

    @Test
    public void aTrustStoreThatIsNotThereIsNamed() {
        SettingProblem p = only(read("tls.trust.store", "/nonexistent/trust.p12"));
        assertEquals("tls.trust.store", p.setting());
        assertTrue(p.toString(), p.problem().contains("/nonexistent/trust.p12") && p.fix().contains("tls.trust.store"));
    }

    @Test
    public void aWrongStorePasswordNamesThePasswordSetting() {
        assertEquals("tls.trust.store.password", only(read("tls.trust.store.password", "wrong")).setting());
        SettingProblem p = only(read("tls.key.store.password", "wrong"));
        assertEquals("tls.key.store.password", p.setting());
        assertTrue(p.toString(), p.problem().contains(certificates.keyStore().toString()));
    }

    @Test
    public void anExpiredCertificateIsRefusedNamingIt() {
        SettingProblem p = only(read("tls.key.store", certificates.expiredKeyStore().toString()));
        assertEquals("tls.key.store", p.setting());
        assertTrue(p.toString(), p.problem().contains("CN=Expired Callpost") && p.problem().contains("expired on"));
    }

    @Test
    public void aFileThatIsNoKeyStoreIsNamed() throws Exception {
        Path text = Files.writeString(certificates.folder.resolve("not-a-store.txt"), "hello");
        SettingProblem p = only(read("tls.trust.store", text.toString()));
        assertEquals("tls.trust.store", p.setting());
    }

    @Test
    public void withoutATrustStoreOrAPinNothingSaysWhomToTrust() {
        SettingProblem p = only(read("tls.trust.store", ""));
        assertEquals("tls.trust.store", p.setting());
        assertTrue(p.fix(), p.fix().contains("tls.pinned.fingerprint"));
        assertEquals("tls.key.store", only(read("tls.key.store", "")).setting());
    }

    @Test
    public void aPinnedFingerprintAsOpensslPrintsItIsTakenAndAWrongOneNamed() throws Exception {
        String pin = certificates.pbxFingerprint();
        SettingsReader.Result r = read("tls.trust.store", "", "tls.pinned.fingerprint", pin);
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(pin.replace(":", "").toLowerCase(java.util.Locale.ROOT), r.protection().tls().pinnedFingerprint());
        assertEquals("tls.pinned.fingerprint", only(read("tls.pinned.fingerprint", "AB:CD")).setting());
    }

    @Test
    public void theFloodLimitIsReadAndRangeChecked() {
        assertEquals(200, read("flood.limit.per.second", 200).protection().floodLimitPerSecond());
        assertEquals("flood.limit.per.second", only(read("flood.limit.per.second", -1)).setting());
    }

    @Test
    public void storesAreNotOpenedWithoutTls() {
        SettingsReader.Result r = read("transport", "TCP", "tls.trust.store", "/nonexistent/trust.p12");
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(TlsSettings.NONE, r.protection().tls());
    }
}
