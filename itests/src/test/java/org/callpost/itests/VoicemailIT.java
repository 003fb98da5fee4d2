package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
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

/**
 * The voicemail application in the distribution, end to end: a JAIN-SIP PBX on loopback places
 * forwarded calls with Diversion headers to Callpost's lines, an RTP peer on a real socket hears
 * the greeting and the beep and speaks (a tone); the message store then holds the message.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VoicemailIT extends CallpostDistribution {
    /** The busy greeting recorded for mailbox 201: a tone no prompt has, so the peer can tell it. */
    private static final int BUSY_GREETING_HZ = 600;
    /** PlayItem.recordBeep(). */
    private static final int BEEP_HZ = 1000;
    private static final int VOICE_HZ = 1400;
    /** PINs no port, time or id in a log can contain (ports stop at 65535), so the log check means something. */
    private static final String PIN = "97531";
    private static final String WRONG_PIN = "86420";

    @Inject
    MessageStore store;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private int sipPort;

    @Before
    public void integrationAndMailbox() throws Exception {
        // lamps are MwiIT's subject: here they would take lines and add INVITEs to the PBX's list
        java.util.Dictionary<String, Object> mwi = new java.util.Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-voicemail-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        registrar = new SipRegistrar("vm", SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("vm", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "31-34", "hunt.group.access.code", "30",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("31", "32", "33", "34")), 30_000));
        pbx = new PbxCaller("vm", "tcp");

        if (store.mailbox("201").isPresent()) {
            store.removeMailbox("201");
        }
        store.createMailbox(Mailbox.of("201", "201", "Mailbox 201"), PIN);
        GreetingDraft busy = store.beginGreeting("201", Greeting.BUSY);
        Wav.writeTone(busy.recordingFile(), BUSY_GREETING_HZ, 2000);
        assertTrue(busy.commit());
    }

    @After
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        remove("vm");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
    }

    private RtpPeer rtp() throws Exception {
        RtpPeer p = new RtpPeer();
        open.add(p);
        return p;
    }

    @Test
    public void aCallForwardedOnNoAnswerLeavesAMessageWithItsEnvelopeAndAudio() throws Exception {
        Instant before = Instant.now();
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);

        int beep = awaitBeep(rtp, 20_000);
        short[] greeting = audioBefore(rtp, beep);
        assertTrue("a greeting before the beep: " + greeting.length + " samples", greeting.length > 8000);
        assertTrue("the system greeting, not the busy one", Audio.toneMillis(greeting, BUSY_GREETING_HZ) < 200);

        // the voice at another pitch than the 1 kHz beep, so that a beep in the recording stands out
        speakAndHangUp(rtp, c, VOICE_HZ, 5000);

        Message m = awaitOneNewMessage("201");
        assertEquals("202", m.envelope().callingNumber());
        assertEquals("201", m.envelope().calledNumber());
        assertEquals(ForwardReason.NO_ANSWER, m.envelope().reason());
        assertFalse(m.envelope().urgent());
        assertFalse(m.heard());
        assertTrue(m.envelope().received() + " after " + before, !m.envelope().received().isBefore(before));
        Wav wav = Wav.read(m.audio());
        long tone = Audio.toneMillis(wav.samples, VOICE_HZ);
        assertTrue("5 s of tone recorded, got " + tone + " ms", Math.abs(tone - 5000) <= 100);
        assertTrue("message of " + m.duration().toMillis() + " ms, " + wav.seconds() + " s in the file",
                m.duration().toMillis() >= 4900 && m.duration().toMillis() <= 5600);
        assertTrue("no beep in the message", wav.samples.length > 0);
        int first = Math.min(wav.samples.length, 8000 * 200 / 1000);
        double beepShare = toneShare(wav.samples, 0, first, BEEP_HZ);
        assertTrue("no beep in the message: the first 200 ms are " + Math.round(beepShare * 100) + " % 1 kHz", beepShare < 0.1);
    }

    @Test
    public void aCallForwardedOnBusyHearsTheBusyGreeting() throws Exception {
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "203", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=user-busy;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);

        int beep = awaitBeep(rtp, 20_000);
        long busyGreeting = Audio.toneMillis(audioBefore(rtp, beep), BUSY_GREETING_HZ);
        assertTrue("the 2 s busy greeting before the beep, heard " + busyGreeting + " ms", busyGreeting >= 1900);

        speakAndHangUp(rtp, c, 2000);
        Message m = awaitOneNewMessage("201");
        assertEquals("203", m.envelope().callingNumber());
        assertEquals(ForwardReason.BUSY, m.envelope().reason());
        long tone = Audio.toneMillis(Wav.read(m.audio()).samples, 1000);
        assertTrue("2 s of tone recorded, got " + tone + " ms", Math.abs(tone - 2000) <= 100);
    }

    @Test
    public void aSubscriberCallingFromTheirExtensionLogsOnWithThePinAndSavesTheNewMessage() throws Exception {
        leaveMessage("201", "205", 2000);
        assertEquals(1, store.counts("201").newCount());
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", rtp.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();

        awaitAudio(rtp, 500, 5000); // "Please enter your PIN."
        rtp.sendDtmf("127.0.0.1", port, PIN + "#", 100);
        Thread.sleep(1500); // the PIN is checked; "You have one new message and no saved messages ..."
        int menuStart = pcmu(rtp).size();
        rtp.sendDtmf("127.0.0.1", port, "1", 100);

        // the envelope, then the message itself: its 2 s of 1 kHz come back to the peer
        long end = System.currentTimeMillis() + 20_000;
        long heard = 0;
        while (heard < 1900 && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            List<RtpPeer.Packet> after = pcmu(rtp);
            heard = Audio.toneMillis(audio(after.subList(menuStart, after.size())), 1000);
        }
        assertTrue("the peer heard " + heard + " ms of the message", heard >= 1900);
        Thread.sleep(500);
        assertTrue("hearing it marks it heard", store.messages("201", Folder.NEW).get(0).heard());

        rtp.sendDtmf("127.0.0.1", port, "2", 100); // save
        end = System.currentTimeMillis() + 5000;
        while (store.counts("201").savedCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals(0, store.counts("201").newCount());
        assertEquals(1, store.counts("201").savedCount());

        Thread.sleep(1000); // "Message saved. There are no more messages." and the main menu
        rtp.sendDtmf("127.0.0.1", port, "#", 100);
        assertTrue("good-bye and Callpost hangs up", c.await(OutgoingCall::byeReceived, 10_000));
    }

    @Test
    public void aSubscriberRecordsAPersonalGreetingThatForwardedCallersThenHear() throws Exception {
        RtpPeer phone = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();
        awaitAudio(phone, 500, 5000);
        phone.sendDtmf("127.0.0.1", port, PIN + "#", 100);
        Thread.sleep(1500);
        phone.sendDtmf("127.0.0.1", port, "3", 100); // greetings
        Thread.sleep(1000);
        int from = pcmu(phone).size();
        phone.sendDtmf("127.0.0.1", port, "1", 100); // record the personal greeting
        awaitBeep(phone, from, 15_000);
        speak(phone, port, 700, 2000);
        phone.sendDtmf("127.0.0.1", port, "#", 100);
        long end = System.currentTimeMillis() + 5000;
        while (store.greeting("201", Greeting.PERSONAL).isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue("the personal greeting is saved", store.greeting("201", Greeting.PERSONAL).isPresent());
        assertEquals(Greeting.PERSONAL, store.mailbox("201").orElseThrow().activeGreeting());
        c.bye();

        RtpPeer caller = rtp();
        OutgoingCall f = pbx.call("127.0.0.1", sipPort, "34", "202", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(f.codes().toString(), f.got(200, 3000));
        f.ack(null);
        int beep = awaitBeep(caller, 0, 15_000);
        long heard = Audio.toneMillis(audioBefore(caller, beep), 700);
        assertTrue("the caller hears the subscriber's greeting: " + heard + " ms of it", heard >= 1500);
        f.bye();
    }

    /** Logs on from extension 201 and starts hearing the new messages; returns the packet index where "1" was pressed. */
    private int logOnAndHearNewMessages(RtpPeer phone, OutgoingCall c) throws Exception {
        int port = c.callpostRtpPort();
        awaitAudio(phone, 500, 5000);
        phone.sendDtmf("127.0.0.1", port, PIN + "#", 100);
        Thread.sleep(1500);
        int from = pcmu(phone).size();
        phone.sendDtmf("127.0.0.1", port, "1", 100);
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> after = pcmu(phone);
            if (Audio.toneMillis(audio(after.subList(from, after.size())), 1000) >= 500) {
                return from;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the message did not play");
    }

    @Test
    public void fourWhileHearingAMessageFromAnExtensionIsALiveReply() throws Exception {
        leaveMessage("201", "205", 3000);
        registrar.answerWith(rtp().sdpOffer());
        registrar.extension("205", SipRegistrar.Answer.ANSWER);
        RtpPeer phone = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        logOnAndHearNewMessages(phone, c);
        phone.sendDtmf("127.0.0.1", c.callpostRtpPort(), "4", 100);
        assertTrue("Callpost rings the sender", registrar.await(r -> !r.invites().isEmpty(), 10_000));
        assertFalse("no INVITE to 205: " + registrar.invites(), registrar.invitesTo("205").isEmpty());
        assertTrue("and joins the subscriber to them", c.await(x -> !x.referTo().isEmpty(), 10_000));
        // to the sender's extension, replacing Callpost's call to it
        String senderCallId = registrar.invitesTo("205").get(0).getHeader("Call-ID").toString().split(":", 2)[1].trim();
        String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(referTo, referTo.contains("sip:205@") && referTo.contains("Replaces=" + senderCallId));
    }

    @Test
    public void aNewMessageIsAnnouncedByCallingTheCalloutNumberUntilTheSubscriberHasHeardIt() throws Exception {
        String mobile = "0791234567";
        messagingSettings("callout.delay.seconds", "1", "callout.retry.seconds", "2", "callout.attempts", "3",
                "callout.no.answer.seconds", "5");
        try {
            String set = shell("callpost:mailbox-callout 201 " + mobile);
            assertTrue(set, set.contains("new messages are announced by calling " + mobile));
            assertTrue(shell("callpost:mailbox-list").contains(mobile));
            registrar.extension(mobile, SipRegistrar.Answer.BUSY);

            leaveMessage("201", "205", 2000);
            assertTrue("the first callout, a second after the message",
                    registrar.await(r -> r.invitesTo(mobile).size() == 1, 8000));
            assertShows("callpost:callouts", "(?s).*201 +\\| " + mobile + " +\\| WAITING +\\| 1/3 .*busy \\(486\\).*");
            RtpPeer phone = rtp();
            registrar.answerWith(phone.sdpOffer());
            registrar.extension(mobile, SipRegistrar.Answer.ANSWER);
            assertTrue("busy: called again after the retry interval",
                    registrar.await(r -> r.invitesTo(mobile).size() == 2, 8000));
            String offer = new String(registrar.invitesTo(mobile).get(1).getRawContent(),
                    java.nio.charset.StandardCharsets.UTF_8);
            int port = Integer.parseInt(offer.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));

            awaitAudio(phone, 1000, 10_000); // "... new messages for mailbox 2 0 1. Please enter your PIN."
            phone.sendDtmf("127.0.0.1", port, PIN + "#", 100);
            Thread.sleep(1500);
            int menuStart = pcmu(phone).size();
            phone.sendDtmf("127.0.0.1", port, "1", 100);
            long end = System.currentTimeMillis() + 30_000;
            long heard = 0;
            while (heard < 1900 && System.currentTimeMillis() < end) {
                Thread.sleep(100);
                List<RtpPeer.Packet> after = pcmu(phone);
                heard = Audio.toneMillis(audio(after.subList(menuStart, after.size())), 1000);
            }
            assertTrue("the phone heard " + heard + " ms of the message", heard >= 1900);
            end = System.currentTimeMillis() + 5000;
            while (store.counts("201").unheardCount() > 0 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertEquals(0, store.counts("201").unheardCount());
            phone.sendDtmf("127.0.0.1", port, "2", 100); // save
            Thread.sleep(1500);
            phone.sendDtmf("127.0.0.1", port, "#", 100); // good-bye: Callpost hangs up
            assertShows("callpost:callouts", "(?s).*201 +\\| " + mobile + " +\\| DELIVERED +\\| 2/3 .*");
            Thread.sleep(4000);
            assertEquals("heard: no further callout", 2, registrar.invitesTo(mobile).size());
        } finally {
            shell("callpost:mailbox-callout 201");
            messagingSettings();
        }
    }

    @Test
    public void callersWhoFindTheExtensionBusyHoldInItsQueueAndArePutThroughInTurn() throws Exception {
        messagingSettings("queue.enabled", "true", "queue.retry.seconds", "2");
        try {
            RtpPeer extension = rtp();
            registrar.answerWith(extension.sdpOffer());
            registrar.extension("201", SipRegistrar.Answer.BUSY);
            List<OutgoingCall> callers = new ArrayList<>();
            for (String line : List.of("33", "34")) {
                RtpPeer caller = rtp();
                OutgoingCall c = pbx.call("127.0.0.1", sipPort, line, "044123456" + line.charAt(1), "30", caller.sdpOffer());
                assertTrue(c.codes().toString(), c.got(200, 3000));
                c.ack(null);
                askForExtension(caller, c, "201");
                assertTrue("201 is tried from line " + line, registrar.await(r -> r.invitesTo("201").stream()
                        .anyMatch(i -> header(i, "From").contains("sip:" + line + "@")), 15_000));
                int heard = pcmu(caller).size();
                // "The extension is busy. You are caller number N in line. To hold, press 1 ..."
                long end = System.currentTimeMillis() + 10_000;
                while (pcmu(caller).size() - heard < 100 && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                caller.sendDtmf("127.0.0.1", c.callpostRtpPort(), "1", 100);
                callers.add(c);
            }
            // while 201 is busy only the first in the queue has it tried again (from the line it came in on)
            int tried = registrar.invitesTo("201").size();
            assertTrue(registrar.await(r -> r.invitesTo("201").size() >= tried + 2, 10_000));
            List<javax.sip.message.Request> retries = registrar.invitesTo("201").subList(tried, registrar.invitesTo("201").size());
            for (javax.sip.message.Request r : retries) {
                assertTrue(header(r, "From"), header(r, "From").contains("sip:33@"));
            }
            assertTrue("nobody is put through while 201 is busy", callers.get(0).referTo().isEmpty()
                    && callers.get(1).referTo().isEmpty());

            registrar.extension("201", SipRegistrar.Answer.ANSWER);
            assertTrue("the first caller is put through when 201 is free",
                    callers.get(0).await(x -> !x.referTo().isEmpty(), 10_000));
            assertTrue("then the second", callers.get(1).await(x -> !x.referTo().isEmpty(), 10_000));
            for (OutgoingCall c : callers) {
                String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(referTo, referTo.contains("sip:201@") && referTo.contains("Replaces="));
            }
            assertEquals("no message was left", 0, store.counts("201").newCount());
        } finally {
            messagingSettings();
        }
    }

    @Test
    public void aConfirmedTransferPutsTheCallerThroughOnlyWhenTheExtensionPressesOne() throws Exception {
        messagingSettings("transfer.mode", "confirmed");
        try {
            for (String answer : List.of("2", "1")) {
                RtpPeer extension = rtp();
                registrar.answerWith(extension.sdpOffer());
                registrar.extension("201", SipRegistrar.Answer.ANSWER);
                int invitesBefore = registrar.invitesTo("201").size();
                RtpPeer caller = rtp();
                // an outside caller dials the pilot number and asks for extension 201
                OutgoingCall c = pbx.call("127.0.0.1", sipPort, answer.equals("2") ? "33" : "34", "0441234567", "30",
                        caller.sdpOffer());
                assertTrue(c.codes().toString(), c.got(200, 3000));
                c.ack(null);
                askForExtension(caller, c, "201");
                assertTrue("Callpost rings 201", registrar.await(r -> r.invitesTo("201").size() > invitesBefore, 15_000));
                String offer = new String(registrar.invitesTo("201").get(invitesBefore).getRawContent(),
                        java.nio.charset.StandardCharsets.UTF_8);
                int consultationPort = Integer.parseInt(offer.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));
                awaitAudio(extension, 3000, 15_000); // "You have a call from 0 4 4 ..."
                assertTrue("not put through before 201 says so", c.referTo().isEmpty());
                extension.sendDtmf("127.0.0.1", consultationPort, answer, 100);
                if (answer.equals("1")) {
                    assertTrue("put through after 1", c.await(x -> !x.referTo().isEmpty(), 10_000));
                    String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(referTo, referTo.contains("sip:201@") && referTo.contains("Replaces="));
                } else {
                    assertTrue("201 declined: its call ends",
                            registrar.await(r -> r.byes().size() > 0, 5000));
                    Thread.sleep(2000);
                    assertTrue("the caller stays with Callpost", c.referTo().isEmpty() && !c.byeReceived());
                    c.bye();
                    assertTrue(c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
                }
            }
        } finally {
            messagingSettings();
        }
    }

    @Test
    public void aMonitoredTransferHandsTheCallerOverAsSoonAsTheExtensionRings() throws Exception {
        messagingSettings("transfer.mode", "monitored");
        // blind transfer, which monitored transfer needs, is the generic profile's (not the MiVoice Office 400's)
        int genericPort = SipRegistrar.freePort();
        configure("vm-generic", "profile", "generic", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(genericPort),
                "pbx.password", "s3cret", "line.extensions", "51-52", "hunt.group.access.code", "50",
                "media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000)));
        try {
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("51", "52")), 10_000));
            registrar.extension("201", SipRegistrar.Answer.NEVER);
            RtpPeer caller = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", genericPort, "51", "0441234567", "50", caller.sdpOffer());
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            askForExtension(caller, c, "201");
            assertTrue("Callpost rings 201", registrar.await(r -> !r.invitesTo("201").isEmpty(), 15_000));
            assertTrue("and, once it rings, hands the caller over",
                    c.await(x -> !x.referTo().isEmpty(), 10_000));
            String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(referTo, referTo.contains("sip:201@") && !referTo.contains("Replaces"));
            assertFalse("its own ringing call to 201 is cancelled", registrar.cancels().isEmpty());
            assertTrue("the PBX reported the transfer done: Callpost leaves", c.await(OutgoingCall::byeReceived, 10_000));
        } finally {
            remove("vm-generic");
            messagingSettings();
        }
    }

    @Test
    public void fiveForwardsTheMessageToAnotherMailboxWithAnIntroduction() throws Exception {
        if (store.mailbox("202").isPresent()) {
            store.removeMailbox("202");
        }
        store.createMailbox(Mailbox.of("202", "202", "Mailbox 202"), PIN);
        leaveMessage("201", "205", 3000);
        RtpPeer phone = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();
        logOnAndHearNewMessages(phone, c);
        phone.sendDtmf("127.0.0.1", port, "5", 100);
        Thread.sleep(800); // "Please enter the mailbox number to forward this message to."
        int from = pcmu(phone).size();
        phone.sendDtmf("127.0.0.1", port, "202", 100);
        awaitBeep(phone, from, 15_000);
        speak(phone, port, 700, 1500);
        phone.sendDtmf("127.0.0.1", port, "#", 100);
        long end = System.currentTimeMillis() + 5000;
        while (store.counts("202").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        List<Message> forwarded = store.messages("202", Folder.NEW);
        assertEquals(1, forwarded.size());
        assertEquals("from the subscriber who forwarded it", "201", forwarded.get(0).envelope().callingNumber());
        Wav wav = Wav.read(forwarded.get(0).audio());
        assertTrue("the introduction, then the message", Audio.toneMillis(wav.samples, 700) >= 1300
                && Audio.toneMillis(wav.samples, 1000) >= 2900);
        c.bye();
    }

    @Test
    public void threeWrongPinsEndTheCall() throws Exception {
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "34", "201", "30", rtp.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        int port = c.callpostRtpPort();
        awaitAudio(rtp, 500, 5000);
        for (int i = 0; i < 3; i++) {
            rtp.sendDtmf("127.0.0.1", port, WRONG_PIN + "#", 80);
            Thread.sleep(1500);
        }
        assertTrue("Callpost hangs up after the third wrong PIN", c.await(OutgoingCall::byeReceived, 10_000));
        assertEquals(0, store.counts("201").savedCount());
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        assertTrue("each wrong PIN is logged", log.contains("wrong PIN for mailbox 201") && log.contains("attempt 3 of 3"));
        assertFalse("no PIN in the log", log.contains(PIN) || log.contains(WRONG_PIN));
    }

    /**
     * Wrong PINs count across calls (pin.attempts 3 a call, pin.lockout.failures 6): the second
     * call's third locks the mailbox; the right PIN is then refused unchecked and the caller hears
     * that the mailbox is locked; callpost:mailbox-unlock lifts it and the right PIN logs on.
     */
    @Test
    public void wrongPinsOverTwoCallsLockTheMailboxUntilTheAdministratorUnlocksIt() throws Exception {
        shell("callpost:mailbox-unlock 201"); // whatever an earlier test left counted
        Path karafLog = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        for (String line : List.of("31", "32")) {
            RtpPeer rtp = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, line, "201", "30", rtp.sdpOffer());
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            awaitAudio(rtp, 500, 5000); // "Please enter your PIN."
            for (int i = 0; i < 3; i++) {
                rtp.sendDtmf("127.0.0.1", c.callpostRtpPort(), WRONG_PIN + "#", 80);
                Thread.sleep(1500);
            }
            assertTrue("Callpost hangs up after the call's third wrong PIN", c.await(OutgoingCall::byeReceived, 15_000));
        }
        assertShows("callpost:mailbox-lockouts", "(?s).*201 +\\| 6 +\\| \\d{4}-\\d\\d-\\d\\d [0-9:]+ +\\| .*\\| phone 201.*");
        String listed = shell("callpost:mailbox-list");
        assertTrue(listed, listed.matches("(?s).*\\| until \\d\\d:\\d\\d:\\d\\d .*"));

        RtpPeer refused = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", refused.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        awaitAudio(refused, 500, 5000);
        refused.sendDtmf("127.0.0.1", c.callpostRtpPort(), PIN + "#", 80);
        int afterPin = pcmu(refused).size();
        assertTrue("the right PIN is refused: Callpost hangs up", c.await(OutgoingCall::byeReceived, 15_000));
        int heardMillis = (pcmu(refused).size() - afterPin) * 20;
        // "This mailbox is locked ... try again later. Good-bye." is over 6 s; a wrong PIN's ending under 4
        assertTrue("the locked prompt, heard " + heardMillis + " ms", heardMillis >= 5000);
        String log = Files.readString(karafLog);
        assertTrue("the lockout is logged", log.contains("Mailbox 201 locked until"));
        assertTrue("the refused call is logged", log.contains("mailbox 201 is locked until"));

        String unlocked = shell("callpost:mailbox-unlock 201");
        assertTrue(unlocked, unlocked.contains("Mailbox 201 unlocked: it was locked until"));
        assertTrue(shell("callpost:mailbox-lockouts").contains("No mailbox is locked"));

        int logonsBefore = count(Files.readString(karafLog), "subscriber logged on to mailbox 201 (PIN");
        RtpPeer phone = rtp();
        c = pbx.call("127.0.0.1", sipPort, "34", "201", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        awaitAudio(phone, 500, 5000);
        phone.sendDtmf("127.0.0.1", c.callpostRtpPort(), PIN + "#", 80);
        long end = System.currentTimeMillis() + 10_000;
        while (count(Files.readString(karafLog), "subscriber logged on to mailbox 201 (PIN") == logonsBefore
                && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        log = Files.readString(karafLog);
        assertEquals("the right PIN logs on once unlocked", logonsBefore + 1, count(log, "subscriber logged on to mailbox 201 (PIN"));
        assertFalse("no PIN in the log", log.contains(PIN) || log.contains(WRONG_PIN));
        Thread.sleep(1000);
        phone.sendDtmf("127.0.0.1", c.callpostRtpPort(), "#", 100);
        assertTrue("good-bye and Callpost hangs up", c.await(OutgoingCall::byeReceived, 15_000));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    public void zeroDuringTheGreetingRevertsToTheOperatorBySupervisedTransfer() throws Exception {
        messagingSettings("operator.extension", "200");
        try {
            registrar.answerWith(rtp().sdpOffer());
            registrar.extension("200", SipRegistrar.Answer.ANSWER);
            RtpPeer rtp = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "201", rtp.sdpOffer(),
                    "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            awaitAudio(rtp, 1000, 5000); // in the greeting
            rtp.sendDtmf("127.0.0.1", c.callpostRtpPort(), "0", 100);
            assertTrue("Callpost consults the operator", registrar.await(r -> !r.invites().isEmpty(), 10_000));
            assertFalse("no INVITE to 200: " + registrar.invites(), registrar.invitesTo("200").isEmpty());
            assertTrue("and transfers the caller", c.await(x -> !x.referTo().isEmpty(), 10_000));
            String referTo = java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(referTo, referTo.contains("sip:200@") && referTo.contains("Replaces="));
            assertTrue("then leaves the call", c.await(OutgoingCall::byeReceived, 5000));
            assertEquals("no message", 0, store.counts("201").newCount());
        } finally {
            messagingSettings();
        }
    }

    @Test
    public void aFaxCallingToneDuringTheGreetingIsTransferredToTheFaxExtension() throws Exception {
        messagingSettings("fax.extension", "290");
        try {
            registrar.answerWith(rtp().sdpOffer());
            registrar.extension("290", SipRegistrar.Answer.ANSWER);
            RtpPeer fax = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "0301234567", "201", fax.sdpOffer(),
                    "Diversion: <sip:201@127.0.0.1>;reason=unconditional;counter=1");
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            awaitAudio(fax, 500, 5000);
            fax.sendTone("127.0.0.1", c.callpostRtpPort(), 1100, 600); // one CNG burst
            assertTrue("Callpost rings the fax extension", registrar.await(r -> !r.invites().isEmpty(), 10_000));
            assertFalse("no INVITE to 290: " + registrar.invites(), registrar.invitesTo("290").isEmpty());
            assertTrue("and transfers the fax there", c.await(x -> !x.referTo().isEmpty(), 10_000));
            assertTrue(c.referTo(), java.net.URLDecoder.decode(c.referTo(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("sip:290@"));
            assertEquals("no message", 0, store.counts("201").newCount());
        } finally {
            messagingSettings();
        }
    }

    @Test
    public void aFullMailboxIsAnnouncedAndTheCallEnds() throws Exception {
        store.updateMailbox(store.mailbox("201").orElseThrow().withLimits(new MailboxLimits(1, 0)));
        leaveMessage("201", "205", 1500);
        RtpPeer rtp = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "32", "202", "201", rtp.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        assertTrue("Callpost says so and hangs up", c.await(OutgoingCall::byeReceived, 15_000));
        assertTrue("something was said", pcmu(rtp).size() * 20 > 1000);
        assertEquals("no beep: nothing was recorded", 0, Audio.toneMillis(audio(pcmu(rtp)), 1000));
        assertEquals(1, store.counts("201").newCount());
    }

    // ------------------------------------------------------------------ helpers

    /** Replaces the voicemail application's settings (none: the defaults) and lets them apply. */
    /** Waits up to 5 s for a shell command's output to match. */
    private void assertShows(String command, String regex) throws Exception {
        long end = System.currentTimeMillis() + 5000;
        String out = shell(command);
        while (!out.matches(regex) && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            out = shell(command);
        }
        assertTrue(out, out.matches(regex));
    }

    private void messagingSettings(String... keyValues) throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("org.callpost.messaging", "?");
        if (keyValues.length == 0) {
            config.delete();
        } else {
            java.util.Dictionary<String, Object> p = new java.util.Hashtable<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                p.put(keyValues[i], keyValues[i + 1]);
            }
            config.update(p);
        }
        Thread.sleep(500);
    }

    private static String header(javax.sip.message.Request r, String name) {
        javax.sip.header.Header h = r.getHeader(name);
        return h == null ? "" : h.toString();
    }

    /** Puts a message of a 1 kHz tone in a mailbox through the store, as a caller would have left it. */
    private void leaveMessage(String mailbox, String from, int millis) throws Exception {
        org.callpost.api.store.MessageDraft d = store.beginMessage(mailbox, new org.callpost.api.store.Envelope(from,
                "", mailbox, ForwardReason.NO_ANSWER, mailbox, Instant.now(), false));
        Wav.writeTone(d.recordingFile(), 1000, millis);
        assertEquals(org.callpost.api.store.CommitResult.Outcome.SAVED, d.commit().outcome());
    }

    /** Waits until the peer has received at least {@code millis} of audio. */
    private static void awaitAudio(RtpPeer rtp, int millis, long timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout;
        while (pcmu(rtp).size() * 20 < millis && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue("no audio from Callpost", pcmu(rtp).size() * 20 >= millis);
    }

    private static short[] audio(List<RtpPeer.Packet> packets) {
        short[] pcm = new short[packets.size() * 160];
        int at = 0;
        for (RtpPeer.Packet p : packets) {
            short[] s = Audio.decode(p);
            System.arraycopy(s, 0, pcm, at, Math.min(s.length, pcm.length - at));
            at += s.length;
        }
        return pcm;
    }


    /** Streams a 1 kHz "voice" for {@code millis} right after the beep, then hangs up. */
    /** At the welcome menu of a direct call: # (leave a message for an extension), then the extension. */
    private static void askForExtension(RtpPeer caller, OutgoingCall c, String extension) throws Exception {
        awaitAudio(caller, 500, 5000);
        caller.sendDtmf("127.0.0.1", c.callpostRtpPort(), "#", 100);
        Thread.sleep(1500);
        caller.sendDtmf("127.0.0.1", c.callpostRtpPort(), extension + "#", 100);
    }

    private static void speakAndHangUp(RtpPeer rtp, OutgoingCall c, int millis) throws Exception {
        speakAndHangUp(rtp, c, 1000, millis);
    }

    private static void speakAndHangUp(RtpPeer rtp, OutgoingCall c, int hz, int millis) throws Exception {
        rtp.sendTone("127.0.0.1", c.callpostRtpPort(), hz, millis);
        rtp.awaitSent(millis + 2000);
        Thread.sleep(300);
        c.bye();
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
    }

    /** Streams a tone as the caller's voice and waits until it is sent. */
    private static void speak(RtpPeer rtp, int port, int hz, int millis) throws InterruptedException {
        rtp.sendTone("127.0.0.1", port, hz, millis);
        rtp.awaitSent(millis + 2000);
        Thread.sleep(200);
    }

    private Message awaitOneNewMessage(String mailbox) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (store.counts(mailbox).newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        List<Message> messages = store.messages(mailbox, Folder.NEW);
        assertEquals(messages.toString(), 1, messages.size());
        return messages.get(0);
    }

    /**
     * Waits until the peer has heard the record beep (1 kHz for at least 100 ms) and its end
     * (300 ms from its start); returns the index of the beep's first packet among the PCMU packets.
     */
    private static int awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        return awaitBeep(rtp, 0, millis);
    }

    /** {@link #awaitBeep(RtpPeer, long)} looking from the {@code from}th packet on. */
    private static int awaitBeep(RtpPeer rtp, int from, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = pcmu(rtp);
            int run = 0;
            for (int i = from; i < packets.size(); i++) {
                run = isTone(Audio.decode(packets.get(i)), 1000) ? run + 1 : 0;
                if (run == 5) {
                    int first = i - 4;
                    long beepEnd = packets.get(first).atNanos() + TimeUnit.MILLISECONDS.toNanos(300);
                    long wait = TimeUnit.NANOSECONDS.toMillis(beepEnd - System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return first;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no record beep heard in " + millis + " ms");
    }

    private static List<RtpPeer.Packet> pcmu(RtpPeer rtp) {
        return rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
    }

    private static short[] audioBefore(RtpPeer rtp, int packets) {
        List<RtpPeer.Packet> list = pcmu(rtp).subList(0, packets);
        short[] pcm = new short[list.size() * 160];
        int at = 0;
        for (RtpPeer.Packet p : list) {
            short[] s = Audio.decode(p);
            System.arraycopy(s, 0, pcm, at, Math.min(s.length, pcm.length - at));
            at += s.length;
        }
        return pcm;
    }


    /** Whether a 20 ms frame is (nearly all) a steady tone of {@code hz}: its Goertzel power against its energy. */
    private static boolean isTone(short[] frame, int hz) {
        return Audio.isTone(frame, 0, frame.length, hz);
    }

    /** The share of the audio's energy that is at {@code hz} (Goertzel power against energy; 1: a pure tone, 0 in silence). */
    private static double toneShare(short[] pcm, int from, int length, int hz) {
        double w = 2 * Math.PI * hz / 8000.0;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + length; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) pcm[i] * pcm[i];
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return energy == 0 ? 0 : power / (length * energy / 2);
    }


    /** How much of the audio, in 20 ms frames, is a tone of {@code hz}. */

    /** Writes an 8 kHz 16-bit mono PCM WAV holding a tone, as a greeting recording. */

}
