package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Message-waiting lamps end to end: messages committed through the message store light and
 * clear the lamps of a MiVoice Office 400 played by a JAIN-SIP PBX on loopback, by feature code
 * INVITEs from the MWI callout line; coalescing, retries and the failed state.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@org.junit.FixMethodOrder(org.junit.runners.MethodSorters.NAME_ASCENDING)
public class MwiIT extends CallpostDistribution {
    @Inject
    MessageStore store;
    @Inject
    MwiService mwi;

    private SipRegistrar registrar;
    private RtpPeer rtp;

    @Before
    public void integration() throws Exception {
        registrar = new SipRegistrar("mwi", SipRegistrar.freePort(), "s3cret");
        rtp = new RtpPeer();
        registrar.answerWith(rtp.sdpOffer());
        for (String ext : List.of("201", "202")) {
            registrar.extension("*38" + ext, SipRegistrar.Answer.ANSWER);
            registrar.extension("#38" + ext, SipRegistrar.Answer.ANSWER);
        }
        registrar.extension("*38209", SipRegistrar.Answer.NEVER);
        Hashtable<String, Object> mwiSettings = new Hashtable<>();
        mwiSettings.put("callout.integration", "mwi");
        mwiSettings.put("max.attempts", 2);
        mwiSettings.put("concurrency", 1); // one MWI callout line
        mwiSettings.put("retry.delay.millis", 500);
        mwiSettings.put("coalesce.millis", 300);
        mwiSettings.put("integration.poll.seconds", 1);
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwiSettings);
        configureIntegration();
        Thread.sleep(2000); // the re-assertion after registration of lamps earlier tests left
    }

    private void configureIntegration() throws Exception {
        configureIntegration(30);
    }

    private void configureIntegration(int keepAliveSeconds) throws Exception {
        configureIntegration(keepAliveSeconds, "mivoice400");
    }

    private void configureIntegration(int keepAliveSeconds, String profile) throws Exception {
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("mwi", "keep.alive.interval.seconds", String.valueOf(keepAliveSeconds), "profile", profile, "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port",
                String.valueOf(SipRegistrar.freePort()), "pbx.password", "s3cret", "line.extensions", "41-43",
                "hunt.group.access.code", "40", "media.base.port", String.valueOf(mediaBase), "mwi.lines", "43");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("41", "42", "43")), 60_000)); // the first boot of Karaf on a loaded machine can take its time
    }

    @After
    public void tearDown() throws Exception {
        remove("mwi");
        Thread.sleep(300);
        registrar.close();
        rtp.close();
    }

    /** {@link Lamps#await} that fails, naming the lamp's last state, when the lamp never passes the test. */
    private LampStatus lamp(String extension, java.util.function.Predicate<LampStatus> test, long millis)
            throws InterruptedException {
        LampStatus l = Lamps.await(mwi, extension, test, millis);
        assertTrue(extension + "'s lamp after " + millis + " ms: " + l, l != null && test.test(l));
        return l;
    }

    private void mailbox(String number) throws IOException {
        if (store.mailbox(number).isEmpty()) {
            store.createMailbox(Mailbox.of(number, number, "MWI test " + number), null);
        }
    }


    private long invitesTo(String number) {
        return registrar.invites().stream()
                .filter(r -> ((javax.sip.address.SipURI) r.getRequestURI()).getUser().equals(number)).count();
    }


    @Test
    public void aNewMessageLightsTheLampOnceAndHearingItClearsIt() throws Exception {
        mailbox("201");
        Message m = Lamps.leaveMessage(store, "201");
        assertTrue(registrar.await(r -> invitesTo("*38201") >= 1, 8000));
        LampStatus on = lamp("201", l -> l.state() == LampState.CONFIRMED, 5000);
        assertEquals(java.util.Optional.of(true), on.confirmedOn());
        Thread.sleep(1500);
        assertEquals(1, invitesTo("*38201"));
        assertEquals(0, invitesTo("#38201"));
        String from = registrar.invites().stream()
                .filter(r -> ((javax.sip.address.SipURI) r.getRequestURI()).getUser().equals("*38201")).findFirst()
                .orElseThrow().getHeader("From").toString();
        assertTrue("from the MWI line: " + from, from.contains("sip:43@"));

        store.markHeard("201", m.id());
        assertTrue(registrar.await(r -> invitesTo("#38201") >= 1, 8000));
        // confirmed off, not the confirmed on from before
        LampStatus off = lamp("201", l -> l.state() == LampState.CONFIRMED && !l.confirmedOn().orElse(true), 5000);
        assertEquals(java.util.Optional.of(false), off.confirmedOn());
        Thread.sleep(1500);
        assertEquals(1, invitesTo("#38201"));
        assertEquals(1, invitesTo("*38201"));

        String shown = shell("callpost:mwi");
        assertTrue(shown, shown.contains("201") && shown.contains("CONFIRMED"));
    }

    @Test
    public void bLampsAreSentAgainWhenTheLinesRegisterAgain() throws Exception {
        mailbox("201");
        Lamps.leaveMessage(store, "201");
        assertTrue(registrar.await(r -> invitesTo("*38201") == 1, 8000));
        lamp("201", l -> l.state() == LampState.CONFIRMED && l.confirmedOn().orElse(false), 5000);
        // the PBX forgets: Callpost's lines go and register again
        remove("mwi");
        Thread.sleep(2000);
        configureIntegration();
        assertTrue("re-asserted after re-registration", registrar.await(r -> invitesTo("*38201") == 2, 8000));
        String reasserted = shell("callpost:mwi-reassert");
        assertTrue(reasserted, reasserted.contains("Re-asserting"));
        assertTrue("re-asserted by hand", registrar.await(r -> invitesTo("*38201") == 3, 8000));
    }

    @Test
    public void cLampsAreSentAgainWhenThePbxComesBackAfterAnOutage() throws Exception {
        remove("mwi");
        Thread.sleep(1000);
        configureIntegration(2); // a keep-alive every 2 s notices the outage
        mailbox("201");
        if (store.counts("201").newCount() == 0) {
            Lamps.leaveMessage(store, "201");
        }
        lamp("201", l -> l.state() == LampState.CONFIRMED && l.confirmedOn().orElse(false), 10_000);
        int port = registrar.port();
        registrar.close(); // the PBX goes away
        assertTrue("the lines notice the outage", await("mwi", s -> s.lines().stream()
                .noneMatch(l -> l.state() == org.callpost.api.integration.LineState.REGISTERED), 20_000).isPresent());
        Thread.sleep(1000);
        registrar = new SipRegistrar("mwi", port, "s3cret"); // and comes back
        registrar.answerWith(rtp.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        assertTrue("registered again", registrar.await(r -> r.hasRegistered(List.of("41", "42", "43")), 40_000));
        assertTrue("the lamp is sent again", registrar.await(r -> invitesTo("*38201") >= 1, 15_000));
    }

    @Test
    public void dWithTheGenericProfileEachNewCountReachesThePbxWhileTheLampStaysOn() throws Exception {
        remove("mwi");
        Thread.sleep(1000);
        configureIntegration(30, "generic");
        mailbox("202");
        Lamps.leaveMessage(store, "202");
        assertTrue(registrar.await(r -> bodies("202").stream().anyMatch(b -> b.contains("Voice-Message: 1/")), 10_000));
        Lamps.leaveMessage(store, "202");
        assertTrue("the new count, lamp still on: " + bodies("202"),
                registrar.await(r -> bodies("202").stream().anyMatch(b -> b.contains("Voice-Message: 2/")), 10_000));
        assertTrue(bodies("202").stream().allMatch(b -> b.contains("Messages-Waiting: yes")));
        assertEquals("no feature codes with the generic profile", 0, invitesTo("*38202"));
    }

    /** The message-summary bodies of the NOTIFYs the PBX got for an extension. */
    private List<String> bodies(String extension) {
        return registrar.notifies().stream()
                .filter(n -> ((javax.sip.address.SipURI) n.getRequestURI()).getUser().equals(extension))
                .map(n -> new String(n.getRawContent(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    public void tenMessagesInABurstGiveOneLampOn() throws Exception {
        mailbox("202");
        for (int i = 0; i < 10; i++) {
            Lamps.leaveMessage(store, "202");
        }
        assertTrue(registrar.await(r -> invitesTo("*38202") >= 1, 8000));
        lamp("202", l -> l.state() == LampState.CONFIRMED && l.confirmedOn().orElse(false), 5000);
        Thread.sleep(2000);
        assertEquals(1, invitesTo("*38202"));
        assertEquals(0, invitesTo("#38202"));
    }

    @Test
    public void anExtensionThatNeverAnswersGetsTheRetriesThenFailed() throws Exception {
        mailbox("209");
        Lamps.leaveMessage(store, "209");
        // two attempts of 10 s no-answer each, 0.5 s apart
        LampStatus failed = lamp("209", l -> l.state() == LampState.FAILED, 40000);
        assertEquals(LampState.FAILED, failed == null ? null : failed.state());
        assertEquals(2, invitesTo("*38209"));
        assertEquals(2, failed.attempts());
        String shown = shell("callpost:mwi");
        assertTrue(shown, shown.contains("209") && shown.contains("FAILED"));
        String set = shell("callpost:mwi-set 209 off");
        assertTrue(set, set.contains("209"));
        String again = shell("callpost:mwi-reassert mwi");
        assertTrue(again, again.contains("Re-asserting"));
        // #38209 is unknown to the PBX: its 404 is a refusal, shown as such (only a 2xx confirms)
        LampStatus refused = lamp("209", l -> l.state() == LampState.REFUSED && !l.desiredOn(), 5000);
        assertEquals(java.util.Optional.of("refused by the PBX (SIP 404)"), refused.failure());
    }

    /** Writes an 8 kHz 16-bit mono PCM WAV holding a tone. */

}
