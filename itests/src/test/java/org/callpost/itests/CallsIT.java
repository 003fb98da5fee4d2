package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import javax.sip.message.Response;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.lamp.Lamps;
import org.callpost.api.media.RecordOutcome;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Calls the PBX hunts to Callpost's lines, from a JAIN-SIP PBX on loopback with RTP on real
 * sockets, through the distribution's SIP and media bundles to an application.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallsIT extends CallpostDistribution {
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private int sipPort;

    @Before
    public void integration() throws Exception {
        registrar = new SipRegistrar("calls", SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("calls", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "31-34", "hunt.group.access.code", "30",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300", "mwi.lines", "33");
        assertTrue("lines 31-34 registered with this test's registrar", registrar.await(r -> r.hasRegistered(List.of("31", "32", "33", "34")), 30_000));
        pbx = new PbxCaller("calls", "tcp");
    }

    @After
    public void tearDown() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        remove("calls");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
    }

    private TestApplication application() throws Exception {
        TestApplication app = new TestApplication();
        registrations.add(bundleContext.registerService(CallHandler.class, app, outranking()));
        return app;
    }

    /** The test's application takes the calls even where the voicemail application is installed. */
    private static Hashtable<String, Object> outranking() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000);
        return p;
    }

    private RtpPeer rtp() throws Exception {
        RtpPeer p = new RtpPeer();
        open.add(p);
        return p;
    }

    private LineActivity activity(int line) {
        return integrations.find("calls").orElseThrow().lines().get(line - 1).activity();
    }

    @Test
    public void aForwardedCallIsAnsweredAfterTheOffHookDelayAndCarriesAudioBothWays() throws Exception {
        TestApplication app = application();
        app.toneHz = 440;
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(180, 3000));
        assertTrue(c.codes().toString(), c.got(200, 3000));
        long offHook = TimeUnit.NANOSECONDS.toMillis(c.okNanos - c.sentNanos);
        assertTrue("answered after " + offHook + " ms", offHook >= 750);
        assertTrue(c.answerSdp(), c.answerSdp().contains("RTP/AVP 0 101"));
        c.ack(null);

        Call call = app.answered.poll(8, TimeUnit.SECONDS);
        assertNotNull("the application got no call", call);
        assertEquals(Optional.of("201"), call.info().mailbox());
        assertEquals(ForwardReason.NO_ANSWER, call.info().reason());
        assertEquals("202", call.info().callingNumber());
        assertEquals("31", call.lineExtension());
        assertEquals(LineActivity.CONNECTED, activity(1));
        String calls = shell("callpost:calls");
        assertTrue(calls, calls.contains("NO_ANSWER") && calls.contains("201"));

        rtp.sendTone("127.0.0.1", c.callpostRtpPort(), 1000, 3000);
        rtp.awaitSent(5000);
        Thread.sleep(300);
        c.bye();
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 3000));

        RecordOutcome outcome = app.recording.get(5, TimeUnit.SECONDS);
        assertEquals(RecordOutcome.Reason.CALL_ENDED, outcome.reason());
        Wav wav = Wav.read(app.recordingFile);
        assertTrue("recorded " + wav.seconds() + " s", wav.seconds() > 2.8 && wav.seconds() < 3.6);
        assertEquals(1000, RtpPeer.dominantFrequency(wav.samples, 440, 1000, 2000));
        short[] heard = rtp.receivedAudio(0);
        assertTrue("the PBX heard " + heard.length + " samples", heard.length >= 8000 * 3 / 2);
        assertEquals(440, RtpPeer.dominantFrequency(heard, 440, 1000, 2000));
        assertEquals(CallState.ENDED, call.state());
        assertEquals(LineActivity.ON_HOOK_DELAY, activity(1));
        Thread.sleep(400);
        assertEquals(LineActivity.IDLE, activity(1));
    }

    @Test
    public void aSecondCallOnABusyLineGets486() throws Exception {
        application();
        OutgoingCall first = pbx.call("127.0.0.1", sipPort, "32", "202", "32", rtp().sdpOffer());
        assertTrue(first.got(200, 3000));
        first.ack(null);
        OutgoingCall second = pbx.call("127.0.0.1", sipPort, "32", "203", "32", rtp().sdpOffer());
        assertTrue(second.codes().toString(), second.got(486, 3000));
        first.bye();
        assertTrue(first.await(x -> x.otherResponses().contains("BYE 200"), 3000));
    }

    @Test
    public void aCancelBeforeTheAnswerGets487AndFreesTheLine() throws Exception {
        TestApplication app = application();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "202", "33", rtp().sdpOffer());
        assertTrue(c.got(180, 3000));
        assertEquals(LineActivity.RINGING, activity(3));
        c.cancel();
        assertTrue(c.codes().toString(), c.got(487, 3000));
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("CANCEL 200"), 3000));
        assertTrue(app.answered.isEmpty());
        Thread.sleep(1200); // past the off-hook delay: no late answer
        assertFalse(c.codes().toString(), c.codes().contains(200));
    }

    @Test
    public void anOfferWithNoCodecCallpostHasGets488() throws Exception {
        application();
        RtpPeer rtp = rtp();
        String gsmOnly = rtp.sdpOffer().replace("RTP/AVP 0 8 101", "RTP/AVP 3 101")
                .replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:3 GSM/8000\r\n");
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "34", "202", "34", gsmOnly);
        assertTrue(c.codes().toString(), c.got(488, 3000));
    }

    @Test
    public void withoutAnApplicationCallsAreRefusedWith480() throws Exception {
        org.osgi.framework.Bundle voicemail = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.callpost.messaging")).findFirst().orElse(null);
        if (voicemail != null) {
            voicemail.stop();
        }
        try {
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "31", rtp().sdpOffer());
            assertTrue(c.got(480, 3000));
        } finally {
            if (voicemail != null) {
                voicemail.start();
            }
        }
    }

    @Test
    public void aLateOfferIsAnsweredInTheAck() throws Exception {
        TestApplication app = application();
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "202", "30", null);
        assertTrue(c.got(200, 3000));
        assertTrue("Callpost must offer in its 200: " + c.answerSdp(), c.answerSdp().contains("m=audio"));
        c.ack(rtp.sdpOffer().replace("RTP/AVP 0 8 101", "RTP/AVP 8 101").replace("a=rtpmap:0 PCMU/8000\r\n", ""));
        Call call = app.answered.poll(8, TimeUnit.SECONDS);
        assertNotNull(call);
        assertTrue(call.info().toHuntGroup());
        Thread.sleep(1500);
        assertEquals(440, RtpPeer.dominantFrequency(rtp.receivedAudio(8), 440, 1000));
        c.bye();
        assertTrue(c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
    }

    @Test
    public void holdAndResumeByReInvite() throws Exception {
        TestApplication app = application();
        app.toneMillis = 10_000;
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "202", "33", rtp.sdpOffer());
        assertTrue(c.got(200, 3000));
        c.ack(null);
        Call call = app.answered.poll(8, TimeUnit.SECONDS);
        assertNotNull(call);
        c.reInvite(rtp.sdpOffer().replace("a=sendrecv", "a=sendonly"));
        assertTrue(c.await(x -> x.otherResponses().contains("INVITE 200"), 3000));
        assertEquals(CallState.HELD, call.state());
        assertEquals(LineActivity.HELD, activity(3));
        c.reInvite(rtp.sdpOffer());
        assertTrue(c.await(x -> x.otherResponses().stream().filter(s -> s.equals("INVITE 200")).count() == 2, 3000));
        assertEquals(CallState.CONNECTED, call.state());
        c.bye();
    }

    @Test
    public void whenTheApplicationHangsUpThePbxGetsABye() throws Exception {
        TestApplication app = application();
        app.toneMillis = 500;
        app.hangUpAfterTone = true;
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "34", "202", "34", rtp().sdpOffer());
        assertTrue(c.got(200, 3000));
        c.ack(null);
        assertTrue(c.await(OutgoingCall::byeReceived, 5000));
        assertEquals(RecordOutcome.Reason.CALL_ENDED, app.recording.get(3, TimeUnit.SECONDS).reason());
    }

    @javax.inject.Inject
    Dialler dialler;

    @javax.inject.Inject
    Lamps lamps;

    private static String header(javax.sip.message.Request r, String name) {
        javax.sip.header.Header h = r.getHeader(name);
        return h == null ? "" : h.toString();
    }

    @Test
    public void callpostDialsFromTheLastFreeLineAndHangsUp() throws Exception {
        RtpPeer extension = rtp();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("205", SipRegistrar.Answer.ANSWER);
        DialResult r = dialler.dial("calls", "205", Dialler.Purpose.CALL, 5).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.ANSWERED, r.outcome());
        assertEquals(200, r.sipStatus());
        Call call = r.call().orElseThrow();
        assertEquals("terminal hunting: the last line", "34", call.lineExtension());
        assertTrue(header(registrar.invites().get(0), "From"), header(registrar.invites().get(0), "From").contains("sip:34@"));
        assertEquals(LineActivity.CONNECTED, activity(4));
        call.media().play(List.of(new org.callpost.api.media.PlayItem.Tone(1000, 0, 1000, -10)), "");
        Thread.sleep(1300);
        assertEquals(1000, RtpPeer.dominantFrequency(extension.receivedAudio(0), 440, 1000));
        call.hangUp();
        assertTrue(registrar.await(x -> x.byes().size() == 1, 3000));
    }

    @Test
    public void aChallengeFromThePbxIsAnsweredWithTheLinesCredentials() throws Exception {
        registrar.answerWith(rtp().sdpOffer());
        registrar.extension("206", SipRegistrar.Answer.CHALLENGE_THEN_ANSWER);
        DialResult r = dialler.dial("calls", "206", Dialler.Purpose.CALL, 5).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.ANSWERED, r.outcome());
        assertEquals(2, registrar.invites().size());
        assertTrue(header(registrar.invites().get(1), "Proxy-Authorization").contains("username=\"34\""));
        assertTrue(registrar.authFailures().isEmpty());
        r.call().orElseThrow().hangUp();
    }

    @Test
    public void busyAndNoAnswerAreReportedAndTheRingingCallIsCancelled() throws Exception {
        registrar.extension("207", SipRegistrar.Answer.BUSY);
        registrar.extension("208", SipRegistrar.Answer.NEVER);
        DialResult busy = dialler.dial("calls", "207", Dialler.Purpose.CALL, 5).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.BUSY, busy.outcome());
        assertEquals(486, busy.sipStatus());
        Thread.sleep(400); // the line's on-hook delay
        DialResult never = dialler.dial("calls", "208", Dialler.Purpose.CALL, 2).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.NO_ANSWER, never.outcome());
        assertEquals(1, registrar.cancels().size());
        DialResult nobody = dialler.dial("calls", "299", Dialler.Purpose.CALL, 2).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.REFUSED, nobody.outcome());
        assertEquals(404, nobody.sipStatus());
    }


    private Transferring transferringTo(String extension) {
        Transferring app = new Transferring(extension);
        registrations.add(bundleContext.registerService(CallHandler.class, app, outranking()));
        return app;
    }

    @Test
    public void aSupervisedTransferToAnAnsweringExtensionCompletesWithReferReplaces() throws Exception {
        registrar.answerWith(rtp().sdpOffer());
        registrar.extension("209", SipRegistrar.Answer.ANSWER);
        Transferring app = transferringTo("209");
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "201", rtp().sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer");
        assertTrue(c.got(200, 3000));
        c.ack(null);
        assertEquals(Consultation.Outcome.ANSWERED, app.outcome.get(5, TimeUnit.SECONDS));
        assertTrue(app.completed.get(5, TimeUnit.SECONDS));
        String consultCallId = registrar.invites().get(0).getHeader("Call-ID").toString().split(":", 2)[1].trim();
        String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(referTo, referTo.contains("sip:209@") && referTo.contains("Replaces=" + consultCallId));
        assertTrue(referTo, referTo.contains("to-tag=") && referTo.contains("from-tag="));
        assertTrue("Callpost leaves the caller's call", c.await(OutgoingCall::byeReceived, 3000));
        assertTrue("and the consultation call", registrar.await(x -> x.byes().contains(consultCallId), 3000));
    }

    @Test
    public void aBusyOrUnansweredExtensionGivesTheCallerBack() throws Exception {
        registrar.extension("210", SipRegistrar.Answer.BUSY);
        Transferring app = transferringTo("210");
        RtpPeer caller = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "202", "32", caller.sdpOffer());
        assertTrue(c.got(200, 3000));
        c.ack(null);
        assertEquals(Consultation.Outcome.BUSY, app.outcome.get(5, TimeUnit.SECONDS));
        Thread.sleep(1200);
        assertEquals(CallState.CONNECTED, app.call.state());
        assertFalse(c.byeReceived());
        assertEquals(440, RtpPeer.dominantFrequency(caller.receivedAudio(0), 440, 1000));
        c.bye();

        registrar.extension("211", SipRegistrar.Answer.NEVER);
        Transferring unanswered = transferringTo("211");
        registrations.remove(0).unregister();
        OutgoingCall d = pbx.call("127.0.0.1", sipPort, "33", "202", "33", rtp().sdpOffer());
        assertTrue(d.got(200, 3000));
        d.ack(null);
        assertEquals(Consultation.Outcome.NO_ANSWER, unanswered.outcome.get(10, TimeUnit.SECONDS));
        assertEquals(CallState.CONNECTED, unanswered.call.state());
        assertEquals(1, registrar.cancels().size());
        d.bye();
    }

    @Test
    public void integrationsSharingAnAddressAreToldApartByTheirParserQualifier() throws Exception {
        TestApplication app = application();
        configure("calls-b", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "parser.qualifier", "pbx-b.callpost.test", "pbx.password", "s3cret", "line.extensions", "41-42",
                "hunt.group.access.code", "40", "media.base.port", String.valueOf(30000 + 2 * (int) (Math.random() * 5000)));
        try {
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("41", "42")), 10000));
            OutgoingCall toB = pbx.call("127.0.0.1", sipPort, "41", "202", "41", rtp().sdpOffer(), "Organization: pbx-b.callpost.test");
            assertTrue(toB.codes().toString(), toB.got(200, 3000));
            toB.ack(null);
            assertEquals("calls-b", app.answered.poll(8, TimeUnit.SECONDS).integration());
            OutgoingCall toA = pbx.call("127.0.0.1", sipPort, "31", "202", "31", rtp().sdpOffer());
            assertTrue(toA.codes().toString(), toA.got(200, 3000));
            toA.ack(null);
            assertEquals("calls", app.answered.poll(8, TimeUnit.SECONDS).integration());
            toA.bye();
            toB.bye();

            // written with the deprecated camelCase names on purpose: they still work, and the
            // problem names the key as this configuration spells it
            configure("calls-c", "profile", "mivoice400", "sipServerAddress", "127.0.0.1", "sipServerPort",
                    String.valueOf(registrar.port()), "localAddress", "127.0.0.1", "sipLocalPort", String.valueOf(sipPort),
                    "parserQualifier", "pbx-b.callpost.test", "pbxPassword", "s3cret", "lineExtensions", "51",
                    "huntGroupAccessCode", "50");
            var c = await("calls-c", x -> !x.problems().isEmpty(), 5000).orElseThrow();
            assertEquals("parserQualifier", c.problems().get(0).setting());
        } finally {
            remove("calls-b");
            remove("calls-c");
        }
    }

    @Test
    public void aG729OnlyOfferIsAnsweredWithG729UntilTheCodecIsUninstalled() throws Exception {
        TestApplication app = application();
        RtpPeer rtp = rtp();
        String g729Only = rtp.sdpOffer().replace("RTP/AVP 0 8 101", "RTP/AVP 18 101")
                .replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\n");
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "201", g729Only,
                "Diversion: <sip:201@127.0.0.1>;reason=user-busy");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        assertTrue(c.answerSdp(), c.answerSdp().contains("m=audio " + c.callpostRtpPort() + " RTP/AVP 18 101"));
        assertTrue(c.answerSdp(), c.answerSdp().contains("a=fmtp:18 annexb=no"));
        c.ack(null);
        assertNotNull(app.answered.poll(8, TimeUnit.SECONDS));

        // 5 s of 1 kHz as G.729: two 10 ms frames a packet, encoded by the installed provider
        var refs = bundleContext.getServiceReferences(org.callpost.api.media.CodecProvider.class, "(callpost.codec=G729)");
        org.callpost.api.media.CodecChannel encoder = bundleContext.getService(refs.iterator().next()).newChannel();
        List<byte[]> packets = new ArrayList<>();
        short[] pcm = new short[160];
        for (int p = 0; p < 250; p++) {
            for (int i = 0; i < 160; i++) {
                pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (p * 160 + i) / 8000.0));
            }
            byte[] out = new byte[20];
            assertEquals(20, encoder.encode(pcm, 0, 160, out, 0));
            packets.add(out);
        }
        rtp.sendPayloads("127.0.0.1", c.callpostRtpPort(), 18, packets, 160);
        rtp.awaitSent(8000);
        Thread.sleep(300);
        c.bye();
        assertEquals(RecordOutcome.Reason.CALL_ENDED, app.recording.get(5, TimeUnit.SECONDS).reason());
        Wav wav = Wav.read(app.recordingFile);
        assertTrue("recorded " + wav.seconds() + " s", Math.abs(wav.seconds() - 5.0) < 0.3);
        assertEquals(1000, RtpPeer.dominantFrequency(wav.samples, 440, 1000, 2000));

        org.osgi.framework.Bundle g729 = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.callpost.codec.g729")).findFirst().orElseThrow();
        g729.stop();
        try {
            Thread.sleep(400); // the line's on-hook delay
            OutgoingCall again = pbx.call("127.0.0.1", sipPort, "31", "202", "201", g729Only);
            assertTrue(again.codes().toString(), again.got(488, 3000));
        } finally {
            g729.start();
        }
    }

    @Test
    public void lampsAreSetByFeatureCodeFromTheMwiLineOrByNotifyWithTheGenericProfile() throws Exception {
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.BUSY); // a documented refusal
        registrar.answerWith(rtp().sdpOffer());
        assertEquals(Integer.valueOf(200), lamps.set("calls", new LampRequest("201", true, 1, 0, 0, 0)).toCompletableFuture().get(8, TimeUnit.SECONDS));
        javax.sip.message.Request on = registrar.invites().get(0);
        assertTrue(on.getRequestURI().toString(), on.getRequestURI().toString().startsWith("sip:*38201@"));
        assertTrue("from the MWI line", header(on, "From").contains("sip:33@"));
        assertTrue("hung up at once", registrar.await(x -> x.byes().size() == 1, 3000));
        Thread.sleep(400);
        assertEquals(Integer.valueOf(486), lamps.set("calls", new LampRequest("201", false, 0, 1, 0, 0)).toCompletableFuture().get(8, TimeUnit.SECONDS));

        // an ordinary call never takes the MWI line
        registrar.extension("205", SipRegistrar.Answer.ANSWER);
        DialResult r = dialler.dial("calls", "205", Dialler.Purpose.CALL, 5).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals("34", r.call().orElseThrow().lineExtension());
        r.call().orElseThrow().hangUp();

        configure("calls-generic", "profile", "generic", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(SipRegistrar.freePort()),
                "pbx.password", "s3cret", "line.extensions", "61", "media.base.port", "40000");
        try {
            await("calls-generic", x -> x.state() == org.callpost.api.integration.IntegrationState.RUNNING, 5000).orElseThrow();
            assertEquals(Integer.valueOf(200), lamps.set("calls-generic", new LampRequest("201", true, 2, 5, 1, 0))
                    .toCompletableFuture().get(8, TimeUnit.SECONDS));
            javax.sip.message.Request notify = registrar.notifies().get(0);
            String body = new String(notify.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(body, body.contains("Messages-Waiting: yes") && body.contains("Voice-Message: 2/5 (1/0)"));
            assertTrue(header(notify, "Event"), header(notify, "Event").contains("message-summary"));
        } finally {
            remove("calls-generic");
        }
    }

    /** Places a call on line 31 with the given To and headers; returns what the application was told. */
    private org.callpost.api.call.CallInfo callInfo(TestApplication app, RtpPeer rtp, String to, String... headers)
            throws Exception {
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "0441234567", to, rtp.sdpOffer(), headers);
        assertTrue(c.codes().toString(), c.got(200, 4000));
        c.ack(null);
        Call call = app.answered.poll(8, TimeUnit.SECONDS);
        assertNotNull("the application got no call for " + List.of(headers), call);
        c.bye();
        assertTrue(c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
        long end = System.currentTimeMillis() + 3000;
        while (activity(1) != LineActivity.IDLE && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        return call.info();
    }

    @Test
    public void callInformationForEachForwardReasonAndEachWayThePbxSaysIt() throws Exception {
        TestApplication app = application();
        RtpPeer rtp = rtp();
        String[][] reasons = {{"no-answer", "NO_ANSWER"}, {"user-busy", "BUSY"}, {"unconditional", "FORWARD_ALL"},
                {"deflection", "DND_DEFLECT"}, {"do-not-disturb", "DND_DEFLECT"}};
        for (String[] r : reasons) {
            var info = callInfo(app, rtp, "31", "Diversion: \"Anna Meier\" <sip:201@127.0.0.1>;reason=" + r[0] + ";counter=1");
            assertEquals(r[0], Optional.of("201"), info.mailbox());
            assertEquals(r[0], ForwardReason.valueOf(r[1]), info.reason());
            assertEquals("0441234567", info.callingNumber());
            assertEquals("Caller 0441234567", info.callingName());
        }
        // forwarded twice: 201 (all calls) to 202 (no answer) to voicemail. The newest entry is on top.
        String twice = "Diversion: <sip:202@127.0.0.1>;reason=no-answer;counter=1, <sip:201@127.0.0.1>;reason=unconditional;counter=1";
        var first = callInfo(app, rtp, "31", twice);
        assertEquals("the first forwarding subscriber by default", Optional.of("201"), first.mailbox());
        assertEquals(ForwardReason.FORWARD_ALL, first.reason());
        var profileSettings = configAdmin.getConfiguration("org.callpost.pbx.mivoice400", "?");
        Hashtable<String, Object> last = new Hashtable<>();
        last.put("last.mailbox.for.cfu.cd", true);
        profileSettings.update(last);
        try {
            Thread.sleep(1000); // Config Admin delivers the change asynchronously
            var chosen = callInfo(app, rtp, "31", twice);
            assertEquals("Last mailbox for CFU/CD", Optional.of("202"), chosen.mailbox());
            assertEquals(ForwardReason.NO_ANSWER, chosen.reason());
        } finally {
            profileSettings.delete();
        }
        Thread.sleep(1000);
        // RFC 7044 History-Info only: the entry retargeted away from carries the cause
        var history = callInfo(app, rtp, "31",
                "History-Info: <sip:201@127.0.0.1?Reason=SIP%3Bcause%3D486%3Btext%3D%22Busy%22>;index=1, <sip:31@127.0.0.1;cause=486>;index=1.1");
        assertEquals(Optional.of("201"), history.mailbox());
        assertEquals(ForwardReason.BUSY, history.reason());
        // neither header: a subscriber in To is taken (and noted); the pilot number is a direct call
        var neither = callInfo(app, rtp, "201");
        assertEquals(Optional.of("201"), neither.mailbox());
        assertEquals(ForwardReason.FORWARD_ALL, neither.reason());
        assertTrue(neither.notes().toString(), neither.notes().toString().contains("To: 201"));
        var direct = callInfo(app, rtp, "30");
        assertEquals(Optional.empty(), direct.mailbox());
        assertEquals(ForwardReason.NONE, direct.reason());
        assertTrue(direct.toHuntGroup());
        assertEquals("30", direct.dialledNumber());
        // the trunk the call came in on, where the PBX names it (RFC 4904 tgrp on the Contact)
        var trunk = callInfo(app, rtp, "30", "Contact: <sip:pbx@127.0.0.1:" + pbx.port()
                + ";transport=tcp;tgrp=ISDN-2;trunk-context=pbx.example>");
        assertEquals(Optional.of("ISDN-2"), trunk.trunk());
        assertFalse(trunk.internalCaller());
    }

    @Test
    public void aCancelRacingTheAnswerEndsTheCallEitherWayAndFreesTheLine() throws Exception {
        TestApplication app = application();
        RtpPeer rtp = rtp();
        List<Integer> outcomes = new ArrayList<>();
        // the CANCEL leaves when the 200 is due (the 800 ms off-hook delay), a little before or after
        for (int offset = -40; offset <= 40; offset += 10) {
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "34", "202", "34", rtp.sdpOffer());
            assertTrue(c.codes().toString(), c.got(180, 3000));
            long sleep = 800 + offset - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.sentNanos);
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            c.cancel();
            assertTrue(c.codes().toString(), c.await(x -> x.codes().contains(487) || x.codes().contains(200), 3000));
            if (c.codes().contains(200)) {
                // the answer crossed the CANCEL: the PBX acknowledges and hangs up (RFC 3261 9.1)
                c.ack(null);
                c.bye();
                assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
                outcomes.add(200);
            } else {
                Thread.sleep(300);
                assertFalse("no 200 after the 487: " + c.codes(), c.codes().contains(200));
                outcomes.add(487);
            }
            assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().stream().anyMatch(
                    o -> o.equals("CANCEL 200") || o.equals("CANCEL 481")), 3000));
            long end = System.currentTimeMillis() + 2000;
            while (activity(4) != LineActivity.IDLE && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertEquals("line 34 after " + outcomes, LineActivity.IDLE, activity(4));
        }
        assertEquals(outcomes.stream().filter(o -> o == 200).count(), app.answered.size());
        List<Integer> dialogs = new ArrayList<>();
        long end = System.currentTimeMillis() + 10_000;
        do {
            Thread.sleep(500);
            dialogs.add(integrations.find("calls").orElseThrow().sipDialogs());
        } while (dialogs.get(dialogs.size() - 1) != 0 && System.currentTimeMillis() < end);
        assertEquals("dialogs left after " + outcomes + ": " + dialogs, 0, (int) dialogs.get(dialogs.size() - 1));
    }

    @Test
    public void sessionTimersAreRefreshedWhenCallpostIsTheRefresherAndEndedWhenThePbxForgets() throws Exception {
        application();
        // below Min-SE: 422 with our Min-SE
        OutgoingCall tooShort = pbx.call("127.0.0.1", sipPort, "33", "202", "33", rtp().sdpOffer(),
                "Supported: timer", "Session-Expires: 60");
        assertTrue(tooShort.codes().toString(), tooShort.got(422, 3000));
        // Callpost refreshes: by re-INVITE (the PBX did not say it allows UPDATE) and by UPDATE
        OutgoingCall byInvite = pbx.call("127.0.0.1", sipPort, "31", "202", "31", rtp().sdpOffer(),
                "Supported: timer", "Session-Expires: 90;refresher=uas");
        OutgoingCall byUpdate = pbx.call("127.0.0.1", sipPort, "34", "203", "34", rtp().sdpOffer(),
                "Supported: timer", "Allow: INVITE", "Allow: BYE", "Allow: UPDATE", "Session-Expires: 90;refresher=uas");
        // the PBX is to refresh but never does
        OutgoingCall forgotten = pbx.call("127.0.0.1", sipPort, "32", "204", "32", rtp().sdpOffer(),
                "Supported: timer", "Session-Expires: 90;refresher=uac");
        for (OutgoingCall c : List.of(byInvite, byUpdate, forgotten)) {
            assertTrue(c.codes().toString(), c.got(200, 4000));
            c.ack(null);
        }
        Response ok = byInvite.responses.stream().filter(r -> r.getStatusCode() == 200).findFirst().orElseThrow();
        assertTrue(String.valueOf(ok), String.valueOf(ok.getHeader("Session-Expires")).contains("90;refresher=uas"));
        assertTrue(String.valueOf(ok), String.valueOf(ok.getHeader("Require")).contains("timer"));
        long start = System.nanoTime();
        assertTrue("re-INVITE refresh", byInvite.await(x -> !x.received("INVITE").isEmpty(), 55_000));
        long refreshedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue("refreshed after " + refreshedAfter + " s", refreshedAfter >= 40);
        assertTrue("UPDATE refresh", byUpdate.await(x -> !x.received("UPDATE").isEmpty(), 10_000));
        assertTrue(String.valueOf(byUpdate.received("UPDATE").get(0).getHeader("Session-Expires")).contains("90"));
        assertTrue("BYE for the unrefreshed call", forgotten.await(OutgoingCall::byeReceived, 25_000));
        long byeAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue("BYE after " + byeAfter + " s", byeAfter >= 56 && byeAfter <= 70);
        // the refreshed calls are still up
        assertEquals(LineActivity.CONNECTED, activity(1));
        assertEquals(LineActivity.CONNECTED, activity(4));
        assertFalse(byInvite.byeReceived() || byUpdate.byeReceived());
        byInvite.bye();
        byUpdate.bye();
        assertTrue(byUpdate.await(x -> x.otherResponses().contains("BYE 200"), 3000));
    }

    @Test
    public void withMediaCallProgressEarlyMediaConnectsTheCallAfterTheOffHookDelay() throws Exception {
        RtpPeer extension = rtp();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("209", SipRegistrar.Answer.EARLY_MEDIA);
        // Digital (this integration): a 183 is progress only, so no answer
        DialResult digital = dialler.dial("calls", "209", Dialler.Purpose.CALL, 2).toCompletableFuture().get(8, TimeUnit.SECONDS);
        assertEquals(DialResult.Outcome.NO_ANSWER, digital.outcome());
        configure("progress", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port",
                String.valueOf(SipRegistrar.freePort()), "pbx.password", "s3cret", "line.extensions", "51-52",
                "hunt.group.access.code", "50", "media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000)),
                "call.progress", "MEDIA", "outgoing.off.hook.delay.millis", "600");
        try {
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("51", "52")), 10000));
            long before = System.nanoTime();
            var pending = dialler.dial("progress", "209", Dialler.Purpose.CALL, 2).toCompletableFuture();
            assertTrue(registrar.await(r -> r.invitesTo("209").size() >= 2, 3000));
            long offHook = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue("INVITE after " + offHook + " ms", offHook >= 550);
            DialResult media = pending.get(5, TimeUnit.SECONDS);
            assertEquals(DialResult.Outcome.ANSWERED, media.outcome());
            assertEquals(183, media.sipStatus());
            Call call = media.call().orElseThrow();
            call.media().play(List.of(new org.callpost.api.media.PlayItem.Tone(1000, 0, 3000, -10)), "");
            Thread.sleep(3200); // past the 2 s no-answer time: connected calls are not cancelled
            assertTrue(registrar.cancels().size() == 1); // only the Digital call's
            assertEquals(1000, RtpPeer.dominantFrequency(extension.receivedAudio(0), 440, 1000));
            call.hangUp();
            assertTrue("an early dialog ends by CANCEL", registrar.await(r -> r.cancels().size() == 2, 3000));
        } finally {
            remove("progress");
        }
    }
}
