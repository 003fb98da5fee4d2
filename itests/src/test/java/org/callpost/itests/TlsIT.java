package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.Transport;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.KamailioServer;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.Ports;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipFlood;
import org.callpost.testsupport.TestCertificates;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * SIP over TLS with a real registrar: Kamailio with its TLS module (certificates made by the test
 * with openssl and keytool) as the PBX. The distribution's lines register over TLS with the key
 * and trust stores of the integration's settings; a trust store without the PBX's CA is refused
 * and callpost:lines says why; and while 127.0.0.2 floods Callpost with 2,000 requests per second
 * (INVITE, REGISTER and OPTIONS),
 * a call the PBX hunts to a line leaves a whole message.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsIT extends CallpostDistribution {
    private static final String NAME = "tls";
    private static final List<String> LINES = List.of("31", "32", "33", "34");
    private static final int VOICE_HZ = 1400;

    @Inject
    MessageStore store;

    private TestCertificates certificates;
    private KamailioServer kamailio;
    private int callpostPort;
    private final List<AutoCloseable> open = new ArrayList<>();

    @Configuration
    @Override
    public Option[] distribution() throws IOException {
        return OptionUtils.combine(super.distribution(),
                systemProperty("callpost.kamailio.dir").value(new File("src/test/resources/kamailio").getCanonicalPath()),
                systemProperty("callpost.itests.target").value(new File("target").getCanonicalPath()));
    }

    @Before
    public void kamailio() throws Exception {
        Path folder = Path.of(System.getProperty("callpost.itests.target"), "tls-it");
        certificates = TestCertificates.make(folder.resolve("certificates"));
        Path templates = Path.of(System.getProperty("callpost.kamailio.dir"));
        kamailio = KamailioServer.start(folder.resolve("kamailio"), templates.resolve("kamailio.cfg"),
                templates.resolve("tls.cfg"), certificates.pbxKey(), certificates.pbxCertificate());
        callpostPort = Ports.free();
        // lamps are MwiIT's subject: here they would take lines
        Dictionary<String, Object> mwi = new java.util.Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-tls-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
    }

    @After
    public void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        remove(NAME);
        Thread.sleep(500);
        kamailio.close();
    }

    private void integration(Path trustStore, Object... more) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("profile", "mivoice400", "transport", "TLS", "sip.server.address", "127.0.0.1",
                "sip.server.port", String.valueOf(kamailio.tlsPort), "local.address", "127.0.0.1",
                "sip.local.port", String.valueOf(callpostPort), "pbx.password", "s3cret", "line.extensions", "31-34",
                "hunt.group.access.code", "30", "registration.timeout.millis", "2000",
                "media.base.port", String.valueOf(30000 + 2 * (int) (Math.random() * 10000)),
                "tls.key.store", certificates.keyStore().toString(), "tls.key.store.password", TestCertificates.PASSWORD,
                "tls.trust.store", trustStore.toString(), "tls.trust.store.password", TestCertificates.PASSWORD));
        kv.addAll(List.of(more));
        configure(NAME, kv.toArray());
    }

    private static boolean allRegistered(IntegrationStatus s) {
        return s.lines().size() == LINES.size() && s.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED);
    }

    @Test
    public void linesRegisterOverTlsAndTheStorePasswordsAreSealed() throws Exception {
        integration(certificates.trustStore());
        Optional<IntegrationStatus> s = await(NAME, TlsIT::allRegistered, 20_000);
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none") + "\n" + kamailio.log(), s.isPresent());
        assertEquals(Transport.TLS, s.get().transport());
        String lines = shell("callpost:lines " + NAME);
        assertEquals(lines, LINES.size(), lines.lines().filter(l -> l.contains("REGISTERED")).count());
        Dictionary<String, Object> stored = configAdmin.getFactoryConfiguration("org.callpost.integration", NAME, "?")
                .getProperties();
        long end = System.currentTimeMillis() + 5000;
        while (!String.valueOf(stored.get("tls.trust.store.password")).startsWith("{sealed}")
                && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            stored = configAdmin.getFactoryConfiguration("org.callpost.integration", NAME, "?").getProperties();
        }
        assertTrue(String.valueOf(stored.get("tls.key.store.password")).startsWith("{sealed}"));
        assertTrue(String.valueOf(stored.get("tls.trust.store.password")).startsWith("{sealed}"));
        assertTrue("still registered with the sealed passwords", await(NAME, TlsIT::allRegistered, 5000).isPresent());
    }

    @Test
    public void whenThePrimaryStopsTheLinesFailOverToTheSecondaryOverTls() throws Exception {
        Path folder = Path.of(System.getProperty("callpost.itests.target"), "tls-it");
        Path templates = Path.of(System.getProperty("callpost.kamailio.dir"));
        KamailioServer secondary = KamailioServer.start(folder.resolve("kamailio-secondary"), templates.resolve("kamailio.cfg"),
                templates.resolve("tls.cfg"), certificates.pbxKey(), certificates.pbxCertificate());
        open.add(secondary);
        integration(certificates.trustStore(), "failover.enabled", "true", "failover.servers", "127.0.0.1:" + secondary.tlsPort,
                "failover.delay.millis", "300", "keep.alive.interval.seconds", "1", "primary.probe.interval.seconds", "1");
        assertTrue(kamailio.log(), await(NAME, st -> allRegistered(st)
                && st.activeRegistrar().orElseThrow().port() == kamailio.tlsPort, 20_000).isPresent());
        kamailio.close();
        Optional<IntegrationStatus> s = await(NAME, st -> allRegistered(st)
                && st.activeRegistrar().orElseThrow().port() == secondary.tlsPort, 20_000);
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none") + "\n" + secondary.log(), s.isPresent());
    }

    @Test
    public void aTrustStoreWithoutThePbxCaIsRefusedAndCallpostLinesSaysWhy() throws Exception {
        integration(certificates.otherTrustStore());
        Optional<IntegrationStatus> s = await(NAME, st -> st.lines().size() == LINES.size()
                && st.lines().stream().allMatch(l -> l.lastError().orElse("").contains("TLS refused")), 20_000);
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none"), s.isPresent());
        LineStatus line = s.get().lines().get(0);
        assertFalse(line.state() == LineState.REGISTERED);
        String why = line.lastError().orElseThrow();
        assertTrue(why, why.contains("CN=Test PBX") && why.contains("tls.trust.store"));
        String lines = shell("callpost:lines " + NAME);
        assertTrue(lines, lines.contains("TLS refused"));
    }

    @Test
    public void duringAFloodFromAnotherAddressAHuntedCallLeavesAWholeMessage() throws Exception {
        if (store.mailbox("201").isPresent()) {
            store.removeMailbox("201");
        }
        store.createMailbox(Mailbox.of("201", "201", "Mailbox 201"), "97531");
        // with sips: URIs, so that they cost no test of their own: Kamailio keeps the sips: contact and routes the call to it
        integration(certificates.trustStore(), "tls.sips.uris", "ON");
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none") + "\n" + kamailio.log(),
                await(NAME, TlsIT::allRegistered, 20_000).isPresent());
        // the lines may still be registered by an earlier test's sip: bindings: the change registers them anew
        String sipsContact = "sips:31@127.0.0.1:" + callpostPort;
        long until = System.currentTimeMillis() + 20_000;
        while (!registeredSips(sipsContact) && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        assertTrue(kamailio.log(), registeredSips(sipsContact));
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none") + "\n" + kamailio.log(),
                await(NAME, TlsIT::allRegistered, 20_000).isPresent());

        // INVITE, REGISTER and OPTIONS in turn, at the very line the PBX's call is for
        SipFlood flood = new SipFlood("127.0.0.2", "127.0.0.1", callpostPort, 2000, "31");
        open.add(flood);
        Thread.sleep(2000); // the flood is on
        PbxCaller pbx = new PbxCaller("tls-pbx", "udp");
        open.add(pbx);
        RtpPeer rtp = new RtpPeer();
        open.add(rtp);
        OutgoingCall c = pbx.call("127.0.0.1", kamailio.plainPort, "31", "202", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes() + "\n" + kamailio.log(), c.got(200, 5000));
        assertTrue(kamailio.log(), kamailio.log().contains("routed INVITE to " + sipsContact));
        c.ack(null);
        awaitBeep(rtp, 20_000);
        rtp.sendTone("127.0.0.1", c.callpostRtpPort(), VOICE_HZ, 5000);
        rtp.awaitSent(7000);
        Thread.sleep(300);
        c.bye();
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 5000));

        long end = System.currentTimeMillis() + 5000;
        while (store.counts("201").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        List<Message> messages = store.messages("201", Folder.NEW);
        assertEquals(messages.toString(), 1, messages.size());
        Wav wav = Wav.read(messages.get(0).audio());
        long tone = Audio.toneMillis(wav.samples, VOICE_HZ);
        IntegrationStatus s = integrations.find(NAME).orElseThrow();
        long sent = flood.sent();
        flood.close();
        assertTrue("5 s of voice recorded, got " + tone + " ms", Math.abs(tone - 5000) <= 100);
        assertTrue("the flood came: " + sent + " requests", sent > 2000 * 5);
        // every INVITE (calls come from the PBX only), and the REGISTERs and OPTIONS past 50 a second
        assertTrue("the flood was dropped: " + s.requestsDropped() + " of " + sent, s.requestsDropped() > sent * 9 / 10);
        assertTrue("registered service goes on: " + s.lines(), allRegistered(s));
        String status = shell("callpost:status");
        assertTrue(status, status.contains("dropped"));
        System.out.println("TlsIT flood: " + sent + " requests sent from 127.0.0.2, " + s.requestsDropped() + " dropped, "
                + flood.connections() + " connections; message tone " + tone + " ms");
    }

    // ---- audio, as VoicemailIT hears it -----------------------------------------------------

    private static void awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
            int run = 0;
            for (int i = 0; i < packets.size(); i++) {
                short[] s = Audio.decode(packets.get(i));
                run = Audio.isTone(s, 0, s.length, 1000) ? run + 1 : 0;
                if (run == 5) {
                    long beepEnd = packets.get(i - 4).atNanos() + TimeUnit.MILLISECONDS.toNanos(300);
                    long wait = TimeUnit.NANOSECONDS.toMillis(beepEnd - System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no record beep heard in " + millis + " ms");
    }





    private boolean registeredSips(String contact) {
        return kamailio.log().lines().anyMatch(l -> l.contains("registered sips:31@127.0.0.1 contact") && l.contains(contact));
    }
}
