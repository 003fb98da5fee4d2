package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
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
import org.osgi.framework.ServiceReference;

/**
 * Keys heard as tones in the audio (in-band DTMF), end to end: the subscriber's phone is an RTP
 * peer that sends audio continuously, as a phone does, and presses its keys as dual tones in that
 * PCMU stream, alone (no telephone-event negotiated) or together with RFC 4733 telephone-events
 * (each key must then count once). Callpost's tone detector and its duplicate suppression are
 * what stand between the keys and the voicemail menus.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InbandDtmfIT extends CallpostDistribution {
    /** Digits that do not repeat, so a doubled digit cannot look like a correct one. */
    private static final String PIN = "97531";
    /** The left message's "voice": no prompt, beep (1 kHz) or DTMF frequency has it. */
    private static final int MESSAGE_HZ = 800;
    private static final int BEEP_HZ = 1000;
    /** How long each key is held and the pause after it: quick, as a phone's speed dial sends them. */
    private static final int HOLD_MILLIS = 100;
    private static final int PAUSE_MILLIS = 100;
    private static final String LOGGED_ON = "subscriber logged on to mailbox 201";
    private static final String WRONG_PIN = "wrong PIN for mailbox 201";

    @Inject
    MessageStore store;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private int sipPort;

    @Before
    public void integrationAndMailboxes() throws Exception {
        // lamps are MwiIT's subject: here they would take lines and add INVITEs to the PBX's list
        Dictionary<String, Object> mwi = new Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-dtmf-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        // tones beside telephone-events are listened for only when asked (the default saves the
        // detector's cost on such calls): the tests of keys sent both ways need it on
        org.osgi.service.cm.Configuration media = configAdmin.getConfiguration("org.callpost.media", "?");
        Dictionary<String, Object> both = media.getProperties() == null ? new Hashtable<>() : media.getProperties();
        if (!"true".equals(String.valueOf(both.get("dtmf.inband.with.telephone.event")))) {
            both.put("dtmf.inband.with.telephone.event", true);
            media.update(both);
        }
        long until = System.currentTimeMillis() + 10_000;
        while (!"true".equals(mediaSetting("dtmf.inband.with.telephone.event")) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals("true", mediaSetting("dtmf.inband.with.telephone.event"));
        registrar = new SipRegistrar("dtmf", SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure("dtmf", "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "31-34", "hunt.group.access.code", "30",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("31", "32", "33", "34")), 10_000));
        pbx = new PbxCaller("dtmf", "tcp");
        for (String number : List.of("201", "202")) {
            if (store.mailbox(number).isPresent()) {
                store.removeMailbox(number);
            }
            store.createMailbox(Mailbox.of(number, number, "Mailbox " + number), PIN);
        }
    }

    @After
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        remove("dtmf");
        Thread.sleep(300);
        pbx.close();
        registrar.close();
    }

    @Test
    public void withoutTelephoneEventsTheKeysHeardInTheAudioLogOnAndWorkTheMessageMenu() throws Exception {
        leaveMessage("201", "205", 2000);
        RtpPeer phone = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", phone.sdpOfferWithoutTelephoneEvent());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        assertFalse("none offered, none answered: " + c.answerSdp(), c.answerSdp().contains("telephone-event"));
        int port = c.callpostRtpPort();
        phone.startAudio("127.0.0.1", port);

        awaitAudio(phone, 0, 500, 5000); // "Please enter your PIN."
        logOn(phone, () -> phone.pressInBand(PIN + "#", HOLD_MILLIS, PAUSE_MILLIS));

        hearTheNewMessage(phone, () -> phone.pressInBand("1", HOLD_MILLIS, PAUSE_MILLIS));
        phone.pressInBand("2", HOLD_MILLIS, PAUSE_MILLIS); // save
        awaitCounts(0, 1);
        awaitMenuAfterAnnouncement(phone); // "Message saved." then the main menu
        phone.pressInBand("#", HOLD_MILLIS, PAUSE_MILLIS);
        assertTrue("good-bye and Callpost hangs up", c.await(OutgoingCall::byeReceived, 10_000));
    }

    /**
     * Each key as a telephone-event and as a tone at once. Were a key acted on twice, the test
     * fails: a doubled PIN digit makes the PIN wrong (9977553311... is not 97531), and in the
     * message menu a doubled "5" or doubled digits of "202" enter another mailbox number ("5 2 0"
     * or "2 2 0", which do not exist): the forward prompt collects every key while it is routed,
     * so mailbox 202 would get no copy and Callpost would say the mailbox is invalid.
     */
    @Test
    public void keysSentAsTelephoneEventsAndTonesAtOnceAreEachActedOnOnce() throws Exception {
        leaveMessage("201", "205", 2000);
        RtpPeer phone = rtp();
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "33", "201", "30", phone.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        assertTrue("telephone-event is taken up: " + c.answerSdp(), c.answerSdp().contains("telephone-event/8000"));
        int port = c.callpostRtpPort();
        phone.startAudio("127.0.0.1", port);

        awaitAudio(phone, 0, 500, 5000);
        logOn(phone, () -> phone.pressBothWays(PIN + "#", HOLD_MILLIS, PAUSE_MILLIS));
        hearTheNewMessage(phone, () -> phone.pressBothWays("1", HOLD_MILLIS, PAUSE_MILLIS));

        int forwardFrom = pcmu(phone).size();
        phone.pressBothWays("5", HOLD_MILLIS, PAUSE_MILLIS); // forward: "Please enter the mailbox number ..."
        phone.pressBothWays("202", HOLD_MILLIS, PAUSE_MILLIS);
        // "Record your introduction after the tone."; another mailbox number gets "invalid mailbox" instead
        awaitBeep(phone, forwardFrom, 15_000);
        phone.pressBothWays("#", HOLD_MILLIS, PAUSE_MILLIS); // no introduction: send it as it is
        long end = System.currentTimeMillis() + 10_000;
        while (store.counts("202").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        List<Message> forwarded = store.messages("202", Folder.NEW);
        assertEquals("one copy in mailbox 202: the keys 5, 2, 0, 2 each counted once", 1, forwarded.size());
        assertEquals("201", forwarded.get(0).envelope().callingNumber());
        long tone = Audio.toneMillis(Wav.read(forwarded.get(0).audio()).samples, MESSAGE_HZ);
        assertTrue("the message itself is forwarded: " + tone + " ms of it", tone >= 1900);

        awaitMenuAfterAnnouncement(phone); // "Message forwarded." then the message menu again
        phone.pressBothWays("2", HOLD_MILLIS, PAUSE_MILLIS); // save
        awaitCounts(0, 1);
        awaitMenuAfterAnnouncement(phone);
        // a tone alone still counts in this call: the tones beside the events above were heard too,
        // and it was the duplicate suppression, not a deaf detector, that kept them from counting
        phone.pressInBand("#", HOLD_MILLIS, PAUSE_MILLIS);
        assertTrue("good-bye and Callpost hangs up", c.await(OutgoingCall::byeReceived, 10_000));
    }

    /**
     * With a larger jitter buffer a key's tone is heard (200 ms of buffer plus two detector blocks)
     * after the next key's telephone-event has arrived: the tone must still count as the press
     * its event already reported, not as a key of its own, or the PIN comes out wrong.
     */
    @Test
    public void quickKeysSentBothWaysCountOnceWithALargerJitterBuffer() throws Exception {
        org.osgi.service.cm.Configuration media = configAdmin.getConfiguration("org.callpost.media", "?");
        Dictionary<String, Object> before = media.getProperties();
        String setting = mediaJitterSetting();
        Dictionary<String, Object> larger = new Hashtable<>();
        if (before != null) {
            for (String key : java.util.Collections.list(before.keys())) {
                if (!key.startsWith("service.")) {
                    larger.put(key, before.get(key));
                }
            }
        }
        larger.put("jitter.buffer.millis", 200);
        media.update(larger);
        try {
            awaitMediaJitterSetting("200");
            RtpPeer phone = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "34", "201", "30", phone.sdpOffer());
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            phone.startAudio("127.0.0.1", c.callpostRtpPort());
            awaitAudio(phone, 0, 500, 5000);
            logOn(phone, () -> phone.pressBothWays(PIN + "#", HOLD_MILLIS, PAUSE_MILLIS));
            // the tones are heard in this call: a # as a tone alone ends it. Not at once: the PIN ended
            // with a # sent both ways, and a tone of a key within 1.5 s of that key's event is the
            // same press (RtpSession.SAME_PRESS_NANOS); 2 s of Callpost's audio into the main menu
            awaitAudio(phone, pcmu(phone).size(), 2000, 10_000);
            phone.pressInBand("#", HOLD_MILLIS, PAUSE_MILLIS);
            assertTrue("good-bye and Callpost hangs up", c.await(OutgoingCall::byeReceived, 10_000));
        } finally {
            if (before == null) {
                media.delete();
            } else {
                media.update(before);
            }
            awaitMediaJitterSetting(setting);
        }
    }

    // ------------------------------------------------------------------ steps

    /** Keys pressed somehow; throws what the peer throws. */
    private interface Keys {
        void press() throws Exception;
    }

    /**
     * Enters the PIN and waits until Callpost says the subscriber is logged on (its log), then
     * until the main menu is being said, so that the next key meets the menu.
     */
    private void logOn(RtpPeer phone, Keys pin) throws Exception {
        int logons = logCount(LOGGED_ON);
        int wrong = logCount(WRONG_PIN);
        pin.press();
        long end = System.currentTimeMillis() + 10_000;
        while (logCount(LOGGED_ON) == logons && System.currentTimeMillis() < end) {
            if (logCount(WRONG_PIN) > wrong) {
                fail("Callpost took the PIN as wrong: a key was doubled or lost");
            }
            Thread.sleep(100);
        }
        assertTrue("the subscriber is logged on", logCount(LOGGED_ON) > logons);
        awaitCallpostSpeaking(phone);
    }

    /** Presses 1 in the main menu and waits until the whole message came back to the phone, and is marked heard. */
    private void hearTheNewMessage(RtpPeer phone, Keys one) throws Exception {
        int from = pcmu(phone).size();
        one.press();
        // the envelope, then the message itself: its 2 s of tone come back to the phone
        long end = System.currentTimeMillis() + 20_000;
        long heard = 0;
        while (heard < 1900 && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            heard = Audio.toneMillis(audio(pcmu(phone), from), MESSAGE_HZ);
        }
        assertTrue("the phone heard " + heard + " ms of the message", heard >= 1900);
        end = System.currentTimeMillis() + 5000;
        while (store.counts("201").unheardCount() > 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals("hearing it marks it heard", 0, store.counts("201").unheardCount());
    }

    private void awaitCounts(int newCount, int savedCount) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (store.counts("201").savedCount() != savedCount && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals("new messages", newCount, store.counts("201").newCount());
        assertEquals("saved messages", savedCount, store.counts("201").savedCount());
    }

    /**
     * Waits until the menu after an announcement is being said: after a step Callpost says what
     * it did without taking keys ("Message saved.", "Message forwarded.", 1.2 to 1.4 s), then the
     * menu, which takes keys and runs several seconds. Measured in Callpost's own audio (one
     * packet per 20 ms of prompt), not in the test's time: 2.5 s of it lands in the menu however
     * loaded the machine is.
     */
    private static void awaitMenuAfterAnnouncement(RtpPeer phone) throws InterruptedException {
        awaitAudio(phone, pcmu(phone).size(), 2500, 10_000);
    }

    /** Waits until Callpost speaks after a silence (the main menu after the PIN, which stopped the PIN prompt). */
    private static void awaitCallpostSpeaking(RtpPeer phone) throws InterruptedException {
        int from = pcmu(phone).size();
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end && !speechAfter(phone, from)) {
            Thread.sleep(20);
        }
        assertTrue("Callpost says something", speechAfter(phone, from));
    }

    private static boolean speechAfter(RtpPeer phone, int from) {
        List<RtpPeer.Packet> packets = pcmu(phone);
        return packets.size() > from && RtpPeer.rms(audio(packets, from)) > 200;
    }

    /** The media engine's jitter buffer setting as its service shows it (the component's properties), or null. */
    private String mediaJitterSetting() {
        return mediaSetting("jitter.buffer.millis");
    }

    /** A media engine setting as its service shows it (the component's properties), or null. */
    private String mediaSetting(String key) {
        ServiceReference<MediaEngine> ref = bundleContext.getServiceReference(MediaEngine.class);
        Object p = ref == null ? null : ref.getProperty(key);
        return p == null ? null : String.valueOf(p);
    }

    /** Waits until the media engine has taken up a jitter buffer setting: the next session uses it. */
    private void awaitMediaJitterSetting(String value) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!Objects.equals(mediaJitterSetting(), value) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals("the media engine's jitter buffer setting", value, mediaJitterSetting());
    }

    // ------------------------------------------------------------------ helpers

    private RtpPeer rtp() throws Exception {
        RtpPeer p = new RtpPeer();
        open.add(p);
        return p;
    }

    /** Puts a message of a tone in a mailbox through the store, as a caller would have left it. */
    private void leaveMessage(String mailbox, String from, int millis) throws Exception {
        MessageDraft d = store.beginMessage(mailbox, new Envelope(from, "", mailbox, ForwardReason.NO_ANSWER, mailbox,
                Instant.now(), false));
        Wav.writeTone(d.recordingFile(), MESSAGE_HZ, millis);
        assertEquals(CommitResult.Outcome.SAVED, d.commit().outcome());
    }

    private static int logCount(String text) throws java.io.IOException {
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        int n = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until the phone has received {@code millis} of Callpost's audio from the {@code from}th packet on. */
    private static void awaitAudio(RtpPeer phone, int from, int millis, long timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout;
        while ((pcmu(phone).size() - from) * 20 < millis && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue("no audio from Callpost", (pcmu(phone).size() - from) * 20 >= millis);
    }

    private static List<RtpPeer.Packet> pcmu(RtpPeer phone) {
        return phone.received().stream().filter(p -> p.payloadType() == 0).toList();
    }

    private static short[] audio(List<RtpPeer.Packet> packets, int from) {
        short[] pcm = new short[Math.max(0, packets.size() - from) * 160];
        int at = 0;
        for (RtpPeer.Packet p : packets.subList(Math.min(from, packets.size()), packets.size())) {
            short[] s = Audio.decode(p);
            System.arraycopy(s, 0, pcm, at, Math.min(s.length, pcm.length - at));
            at += s.length;
        }
        return pcm;
    }


    /**
     * Waits until the phone has heard the record beep (1 kHz for at least 100 ms) from the
     * {@code from}th packet on, and its end (300 ms from its start).
     */
    private static void awaitBeep(RtpPeer phone, int from, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = pcmu(phone);
            int run = 0;
            for (int i = from; i < packets.size(); i++) {
                short[] frame = Audio.decode(packets.get(i));
                run = Audio.isTone(frame, 0, frame.length, BEEP_HZ) ? run + 1 : 0;
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
        throw new AssertionError("no record beep heard in " + millis + " ms (was a key doubled or lost?)");
    }

    /** Whether the stretch is (nearly all) a steady tone of {@code hz}: its Goertzel power against its energy. */

    /** How much of the audio, in 20 ms frames, is a tone of {@code hz}. */

}
