package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.call.Consultation;
import org.callpost.api.integration.LineState;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.PbxCaller;
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
 * Against SIPp playing the MiVoice Office 400 (an outside SIP peer, not Callpost's own test
 * code): it takes the lines' registrations and answers, refuses as busy or never answers what
 * Callpost dials from them: the message-LED feature codes of the MWI callout line, and the
 * consultation calls of supervised transfers (the caller is a JAIN-SIP PBX trunk in the test).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippPbxIT extends CallpostDistribution {
    @Inject
    MessageStore store;
    @Inject
    MwiService mwi;

    private int pbxPort;
    private int callpostPort;

    @Before
    public void lampSettings() throws Exception {
        pbxPort = SipRegistrar.freePort();
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("callout.integration", "sipp-pbx");
        settings.put("max.attempts", 2);
        settings.put("concurrency", 2);
        settings.put("retry.delay.millis", 500);
        settings.put("coalesce.millis", 300);
        settings.put("integration.poll.seconds", 1);
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(settings);
    }

    @After
    public void tearDown() throws Exception {
        remove("sipp-pbx");
        Thread.sleep(300);
    }

    private void integration() throws Exception {
        callpostPort = SipRegistrar.freePort();
        configure("sipp-pbx", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(pbxPort), "transport", "TCP", "local.address", "127.0.0.1", "sip.local.port",
                String.valueOf(callpostPort), "pbx.password", "s3cret", "line.extensions", "61-63",
                "hunt.group.access.code", "60", "mwi.lines", "63",
                "media.base.port", String.valueOf(20000 + 2 * (int) (Math.random() * 10000)));
        assertTrue("lines registered with SIPp", await("sipp-pbx", s -> s.lines().stream()
                .allMatch(l -> l.state() == LineState.REGISTERED), 15_000).isPresent());
        Thread.sleep(2000); // past the re-assertion of the lamps already known, once the lines registered
    }


    private static long count(String log, String line) {
        return log.lines().filter(l -> l.contains(line)).count();
    }


    @Test
    public void aBurstOfMessagesGivesOneLampOnAndHearingThemOneLampOff() throws Exception {
        try (Sipp pbx = Sipp.server("pbx-answers.xml", pbxPort, "t1")) {
            integration();
            for (int i = 0; i < 5; i++) {
                Lamps.leaveMessage(store, "201");
            }
            LampStatus on = Lamps.await(mwi, "201", l -> l.state() == LampState.CONFIRMED && l.confirmedOn().orElse(false), 10_000);
            assertTrue("lamp on confirmed: " + on, on != null && on.state() == LampState.CONFIRMED);
            Thread.sleep(1500);
            assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE *38201"));

            for (Message m : store.messages("201", Folder.NEW)) {
                store.markHeard("201", m.id());
            }
            LampStatus off = Lamps.await(mwi, "201", l -> l.state() == LampState.CONFIRMED && !l.confirmedOn().orElse(true), 10_000);
            assertTrue("lamp off confirmed: " + off, off != null && !off.confirmedOn().orElse(true));
            Thread.sleep(1500);
            assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE #38201"));
            assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE *38201"));
        }
    }

    @Test
    public void aPbxThatNeverAnswersGetsTheRetriesThenTheLampIsFailed() throws Exception {
        try (Sipp pbx = Sipp.server("pbx-never-answers.xml", pbxPort, "t1")) {
            integration();
            Lamps.leaveMessage(store, "202");
            // each attempt rings 10 s before Callpost cancels it; two attempts, then given up
            LampStatus failed = Lamps.await(mwi, "202", l -> l.state() == LampState.FAILED, 60_000);
            assertTrue("failed: " + failed, failed != null && failed.state() == LampState.FAILED);
            assertEquals(pbx.log(), 2, count(pbx.log(), "INVITE *38202"));
            String shown = shell("callpost:mwi");
            assertTrue(shown, shown.contains("202") && shown.contains("FAILED"));
            Thread.sleep(2000);
            assertEquals("not dialled again by itself: " + pbx.log(), 2, count(pbx.log(), "INVITE *38202"));
        }
    }

    @Test
    public void aLampCodeThePbxRefusesIsShownRefusedWithItsStatus() throws Exception {
        // 201, the extension the other lamp tests use: no new lamp for the next test's re-assertion
        try (Sipp pbx = Sipp.server("pbx-refuses.xml", pbxPort, "t1")) {
            integration();
            Lamps.leaveMessage(store, "201");
            LampStatus refused = Lamps.await(mwi, "201", l -> l.desiredOn() && l.state() == LampState.REFUSED, 15_000);
            assertTrue("refused: " + refused, refused != null && refused.desiredOn() && refused.state() == LampState.REFUSED);
            assertEquals("not confirmed on", java.util.Optional.empty(), refused.confirmedOn().filter(on -> on));
            String shown = shell("callpost:mwi");
            assertTrue(shown, shown.lines().anyMatch(l -> l.startsWith("201 ") && l.contains("REFUSED")
                    && l.contains("refused by the PBX (SIP 404)")));
            Thread.sleep(2000);
            assertEquals("a refusal is not dialled again by itself: " + pbx.log(), 1, count(pbx.log(), "INVITE *38201"));
            for (Message m : store.messages("201", Folder.NEW)) {
                store.markHeard("201", m.id());
            }
            LampStatus off = Lamps.await(mwi, "201", l -> !l.desiredOn() && l.state() == LampState.REFUSED, 15_000);
            assertTrue("lamp off refused too: " + off, off != null && !off.desiredOn() && off.state() == LampState.REFUSED);
        }
    }

    private Transferring transferringTo(String extension) {
        Transferring app = new Transferring(extension);
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000);
        registrations.add(bundleContext.registerService(org.callpost.api.call.CallHandler.class, app, ranking));
        return app;
    }

    private final java.util.List<org.osgi.framework.ServiceRegistration<?>> registrations = new java.util.ArrayList<>();

    @After
    public void applications() {
        registrations.forEach(org.osgi.framework.ServiceRegistration::unregister);
        registrations.clear();
    }

    /** A forwarded call to line 61 from a JAIN-SIP trunk, which the test's application transfers. */
    private PbxCaller.OutgoingCall forwardedCall(PbxCaller trunk, RtpPeer caller) throws Exception {
        PbxCaller.OutgoingCall c = trunk.call("127.0.0.1", callpostPort, "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        return c;
    }

    @Test
    public void aSupervisedTransferToAnExtensionSippAnswersCompletesWithReferReplaces() throws Exception {
        try (Sipp pbx = Sipp.server("pbx-answers.xml", pbxPort, "t1"); PbxCaller trunk = new PbxCaller("trunk", "tcp");
                RtpPeer caller = new RtpPeer()) {
            integration();
            Transferring app = transferringTo("209");
            PbxCaller.OutgoingCall c = forwardedCall(trunk, caller);
            assertEquals(Consultation.Outcome.ANSWERED, app.outcome.get(8, TimeUnit.SECONDS));
            assertTrue("the PBX reported the transfer done", app.completed.get(8, TimeUnit.SECONDS));
            String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(referTo, referTo.contains("sip:209@") && referTo.contains("Replaces="));
            assertTrue("Callpost leaves the caller's call", c.await(PbxCaller.OutgoingCall::byeReceived, 5000));
            assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE 209"));
        }
    }

    @Test
    public void aSupervisedTransferToABusyOrUnansweredExtensionKeepsTheCaller() throws Exception {
        for (String scenario : java.util.List.of("pbx-busy.xml", "pbx-never-answers.xml")) {
            try (Sipp pbx = Sipp.server(scenario, pbxPort, "t1"); PbxCaller trunk = new PbxCaller("trunk", "tcp");
                    RtpPeer caller = new RtpPeer()) {
                integration();
                Transferring app = transferringTo("210");
                PbxCaller.OutgoingCall c = forwardedCall(trunk, caller);
                Consultation.Outcome expected = scenario.equals("pbx-busy.xml") ? Consultation.Outcome.BUSY
                        : Consultation.Outcome.NO_ANSWER;
                assertEquals(scenario, expected, app.outcome.get(10, TimeUnit.SECONDS));
                Thread.sleep(1500);
                assertEquals("the caller is kept", org.callpost.api.call.CallState.CONNECTED, app.call.state());
                assertTrue(c.referTo().isEmpty() && !c.byeReceived());
                assertEquals("and hears the application again", 440,
                        RtpPeer.dominantFrequency(caller.receivedAudio(0), 440, 1000));
                assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE 210"));
                c.bye();
                assertTrue(c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
            } finally {
                applications();
                remove("sipp-pbx");
                Thread.sleep(500);
            }
        }
    }

    @Test
    public void zeroDuringTheGreetingPutsTheCallerThroughToTheOperatorSippAnswers() throws Exception {
        Hashtable<String, Object> messaging = new Hashtable<>();
        messaging.put("operator.extension", "200");
        configAdmin.getConfiguration("org.callpost.messaging", "?").update(messaging);
        if (store.mailbox("201").isEmpty()) {
            store.createMailbox(Mailbox.of("201", "201", "SIPp 201"), null);
        }
        int messagesBefore = store.counts("201").newCount(); // the lamp tests leave some
        try (Sipp pbx = Sipp.server("pbx-answers.xml", pbxPort, "t1"); PbxCaller trunk = new PbxCaller("trunk", "tcp");
                RtpPeer caller = new RtpPeer()) {
            integration();
            // no test application: the voicemail application takes the call
            PbxCaller.OutgoingCall c = forwardedCall(trunk, caller);
            long end = System.currentTimeMillis() + 5000;
            while (caller.received().size() < 50 && System.currentTimeMillis() < end) {
                Thread.sleep(20); // a second of the greeting
            }
            caller.sendDtmf("127.0.0.1", c.callpostRtpPort(), "0", 100);
            assertTrue("the caller is put through to the operator",
                    c.await(x -> !x.referTo().isEmpty(), 15_000));
            String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(referTo, referTo.contains("sip:200@") && referTo.contains("Replaces="));
            assertEquals(pbx.log(), 1, count(pbx.log(), "INVITE 200"));
            assertTrue("Callpost leaves the call", c.await(PbxCaller.OutgoingCall::byeReceived, 5000));
            assertEquals("no message left", messagesBefore, store.counts("201").newCount());
        } finally {
            configAdmin.getConfiguration("org.callpost.messaging", "?").delete();
        }
    }
}
