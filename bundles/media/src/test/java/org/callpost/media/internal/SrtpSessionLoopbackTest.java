package org.callpost.media.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SrtpKeys;
import org.callpost.codec.g711.internal.PcmaCodecProvider;
import org.callpost.media.internal.rtp.RtpPacket;
import org.callpost.media.internal.srtp.SrtpContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An SRTP session of a real engine against a far end on real UDP sockets that protects and
 * unprotects with its own contexts from the same SDES keys, as a phone would.
 */
public class SrtpSessionLoopbackTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MediaEngineComponent engine;
    private RtpPeer peer;
    private final RtpSessionLoopbackTest.Events events = new RtpSessionLoopbackTest.Events();
    private SrtpKeys keys;
    /** The far end's contexts: it sends with the key Callpost receives with, and the other way round. */
    private SrtpContext farSends;
    private SrtpContext farReceives;

    @Before
    public void start() throws IOException {
        engine = TestEngines.g711Engine(Map.of("record_fsync", false));
        peer = new RtpPeer();
        keys = new SrtpKeys(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80, randomKey(), randomKey());
        farSends = context(keys.receiveKey(), 10);
        farReceives = context(keys.sendKey(), 10);
    }

    @After
    public void stop() throws IOException {
        peer.close();
        TestEngines.stop(engine);
    }

    static String randomKey() {
        byte[] bytes = new byte[30];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static SrtpContext context(String key, int tagBytes) {
        byte[] b = Base64.getDecoder().decode(key);
        return new SrtpContext(Arrays.copyOf(b, 16), Arrays.copyOfRange(b, 16, 30), tagBytes);
    }

    private MediaSession open(SessionSpec.Builder builder) throws IOException {
        return engine.open(builder.local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).srtp(keys).build(), events);
    }

    private static SessionSpec.Builder pcma() {
        return SessionSpec.builder("PCMA", 8).label("srtp test");
    }

    /** Protects and sends one RTP packet; returns the datagram as sent. */
    private byte[] sendSrtp(int payloadType, boolean marker, int ts, byte[] payload, int length, int toPort)
            throws IOException {
        byte[] packet = new byte[12 + length + SrtpContext.MAX_OVERHEAD];
        RtpPacket.writeHeader(packet, marker, payloadType, peer.sequence, ts, peer.ssrc);
        System.arraycopy(payload, 0, packet, 12, length);
        peer.sequence = (peer.sequence + 1) & 0xFFFF;
        int n = farSends.protectRtp(packet, 12 + length);
        peer.send(packet, n, toPort);
        return Arrays.copyOf(packet, n);
    }

    @Test
    public void aRecordingOfSrtpAudioIsBitExact() throws Exception {
        MediaSession session = open(pcma());
        Path file = folder.getRoot().toPath().resolve("message.wav");
        CompletableFuture<RecordOutcome> outcome = session.record(new RecordRequest(file, 0, 0, "")).toCompletableFuture();
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        int frames = 150;
        byte[][] payloads = new byte[frames][160];
        short[][] expected = new short[frames][160];
        java.util.Random noise = new java.util.Random(3711);
        for (int k = 0; k < frames; k++) {
            short[] pcm = new short[160];
            for (int i = 0; i < 160; i++) {
                pcm[i] = (short) (noise.nextGaussian() * 3000);
            }
            codec.encode(pcm, 0, 160, payloads[k], 0);
            codec.decode(payloads[k], 0, 160, expected[k], 0, 160);
        }
        int firstTs = peer.timestamp;
        long start = System.nanoTime();
        for (int k = 0; k < frames; k++) {
            LockSupport.parkNanos(start + k * 20_000_000L - System.nanoTime());
            sendSrtp(8, k == 0, firstTs + 160 * k, payloads[k], 160, session.localRtpPort());
        }
        Thread.sleep(300);
        session.close();
        assertEquals(RecordOutcome.Reason.CALL_ENDED, outcome.get(5, TimeUnit.SECONDS).reason());

        short[] recorded = Signals.readWav16(file);
        int at = -1;
        for (int i = 0; i + 160 <= recorded.length && at < 0; i++) {
            if (Arrays.equals(recorded, i, i + 160, expected[0], 0, 160)) {
                at = i;
            }
        }
        assertTrue("frame 0 is in the message", at >= 0);
        assertTrue("the whole message: " + recorded.length + " samples from " + at, recorded.length >= at + frames * 160);
        for (int k = 0; k < frames; k++) {
            assertTrue("frame " + k + " bit-exact",
                    Arrays.equals(recorded, at + 160 * k, at + 160 * (k + 1), expected[k], 0, 160));
        }
        assertEquals(frames, session.statistics().packetsReceived());
        assertEquals(0, session.statistics().packetsDiscarded());
    }

    @Test
    public void aKeyAsAnSrtpTelephoneEventIsHeardAndOneInTheClearIsNot() throws Exception {
        MediaSession session = open(pcma());
        int port = session.localRtpPort();
        telephoneEvent(7, port, true);
        Thread.sleep(300);
        assertEquals(List.of("7/TELEPHONE_EVENT"), new ArrayList<>(events.keys));
        events.keys.clear();
        telephoneEvent(3, port, false); // plain RTP on an SRTP call: a forgery, refused
        Thread.sleep(300);
        assertEquals(List.of(), new ArrayList<>(events.keys));
        assertEquals(6, session.statistics().packetsDiscarded());
        session.close();
    }

    private void telephoneEvent(int event, int port, boolean protect) throws IOException {
        int ts = peer.timestamp;
        peer.timestamp += 800;
        for (int i = 0; i < 6; i++) {
            boolean end = i >= 3;
            int duration = end ? 480 : 160 * (i + 1);
            byte[] payload = {(byte) event, (byte) (end ? 0x8A : 0x0A), (byte) (duration >>> 8), (byte) duration};
            if (protect) {
                sendSrtp(101, i == 0, ts, payload, 4, port);
            } else {
                peer.sendRtp(101, i == 0, ts, payload, 4, port);
            }
        }
    }

    @Test
    public void afterARekeyTheNewKeysPacketsAreTakenAndTheOldKeysDropped() throws Exception {
        MediaSession session = open(pcma());
        int port = session.localRtpPort();
        byte[] payload = new byte[160];
        sendSrtp(8, true, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        Thread.sleep(100);
        assertEquals("before the rekey the first key is good", 1, session.statistics().packetsReceived());

        // the far end's re-INVITE brings a new key; Callpost keeps its own
        String farNewKey = randomKey();
        session.rekey(new SrtpKeys(keys.suite(), keys.sendKey(), farNewKey));
        Thread.sleep(100);
        SrtpContext oldKey = farSends;
        farSends = context(farNewKey, 10);
        sendSrtp(8, false, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        sendSrtp(8, false, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        farSends = oldKey; // a packet still under the old key, e.g. from whoever captured it
        sendSrtp(8, false, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        Thread.sleep(200);
        assertEquals(3, session.statistics().packetsReceived());
        assertEquals("the old key's packet is dropped", 1, session.statistics().packetsDiscarded());

        // what Callpost sends after the rekey still decrypts with its unchanged key
        session.sendDtmf("5", 100);
        Thread.sleep(400);
        List<byte[]> sent = peer.capturedOfType(101);
        assertFalse("Callpost sent the key", sent.isEmpty());
        for (byte[] p : sent) {
            byte[] copy = p.clone();
            assertEquals(16, farReceives.unprotectRtp(copy, copy.length));
        }
        session.close();
    }

    @Test
    public void aPlainSessionRefusesKeysMidCall() throws Exception {
        MediaSession session = engine.open(pcma().local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).build(), events);
        try {
            session.rekey(keys);
            org.junit.Assert.fail("a plain RTP session took SRTP keys");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("plain RTP"));
        } finally {
            session.close();
        }
    }

    @Test
    public void aReplayedPacketIsDropped() throws Exception {
        MediaSession session = open(pcma());
        int port = session.localRtpPort();
        byte[] payload = new byte[160];
        byte[] first = sendSrtp(8, true, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        sendSrtp(8, false, peer.timestamp, payload, 160, port);
        peer.timestamp += 160;
        Thread.sleep(100);
        peer.send(first, first.length, port); // an attacker replays what it captured
        Thread.sleep(200);
        assertEquals(2, session.statistics().packetsReceived());
        assertEquals(1, session.statistics().packetsDiscarded());
        session.close();
    }

    @Test
    public void whatCallpostSendsIsSrtpTheFarEndDecryptsToThePromptAndRtcpIsSrtcp() throws Exception {
        try (RtpPeer rtcpPeer = new RtpPeer()) {
            short[] prompt = Signals.tone(1000, 3.0, 8000);
            Path wav = folder.getRoot().toPath().resolve("prompt.wav");
            Signals.writeWav16(wav, prompt);
            MediaSession session = open(pcma().remoteRtcpPort(rtcpPeer.port()));
            PlayOutcome outcome = session.play(List.of(PlayItem.wav(wav)), "").toCompletableFuture()
                    .get(6, TimeUnit.SECONDS);
            assertEquals(PlayOutcome.Reason.COMPLETED, outcome.reason());
            session.sendDtmf("5", 100);
            Thread.sleep(400);
            session.close();

            List<byte[]> audio = peer.capturedOfType(8);
            assertTrue("audio sent: " + audio.size(), audio.size() >= 140);
            CodecChannel codec = new PcmaCodecProvider().newChannel();
            short[] heard = new short[160];
            int toneFrames = 0;
            int clearToneFrames = 0;
            for (byte[] p : audio) {
                assertEquals("PCMA with an 80-bit tag", 12 + 160 + 10, p.length);
                codec.decode(p, 12, 160, heard, 0, 160);
                if (isTone(heard)) {
                    clearToneFrames++; // the datagram as captured plays as the prompt
                }
                byte[] copy = p.clone();
                assertEquals(172, farReceives.unprotectRtp(copy, copy.length));
                codec.decode(copy, 12, 160, heard, 0, 160);
                if (isTone(heard)) {
                    toneFrames++;
                }
            }
            assertTrue("the far end hears the prompt: " + toneFrames + " of " + audio.size(), toneFrames >= 140);
            assertEquals("a capture holds no clear audio", 0, clearToneFrames);

            List<byte[]> keyPackets = peer.capturedOfType(101);
            assertEquals(7, keyPackets.size());
            for (byte[] p : keyPackets) {
                byte[] copy = p.clone();
                assertEquals("the telephone-event is SRTP too", 16, farReceives.unprotectRtp(copy, copy.length));
                assertEquals(5, copy[12]);
            }

            List<byte[]> reports = new ArrayList<>(rtcpPeer.captured);
            assertFalse("RTCP sent (at least the BYE)", reports.isEmpty());
            SrtpContext rtcpReceiver = context(keys.sendKey(), 10);
            for (byte[] r : reports) {
                assertFalse("no CNAME in the clear", new String(r, StandardCharsets.ISO_8859_1).contains("callpost-"));
                assertTrue("E flag", (r[r.length - 14] & 0x80) != 0);
                byte[] copy = r.clone();
                int n = rtcpReceiver.unprotectRtcp(copy, copy.length);
                assertTrue("SRTCP authenticates: " + n, n > 0);
                assertTrue(new String(copy, 0, n, StandardCharsets.ISO_8859_1).contains("callpost-"));
            }
        }
    }

    /** Most of the frame's energy at 1 kHz: the prompt, not noise. */
    private static boolean isTone(short[] frame) {
        double energy = 0;
        for (short s : frame) {
            energy += (double) s * s;
        }
        return energy > 0 && Signals.power(frame, 0, 160, 1000) / (energy * 80) > 0.5;
    }

    @Test
    public void aForgedOrWronglyKeyedSrtcpReportIsDropped() throws Exception {
        MediaSession session = open(pcma());
        byte[] rr = new byte[8 + SrtpContext.MAX_OVERHEAD];
        rr[0] = (byte) 0x80;
        rr[1] = (byte) 201;
        RtpPacket.putU16(rr, 2, 1);
        RtpPacket.putU32(rr, 4, peer.ssrc);
        byte[] good = rr.clone();
        int n = farSends.protectRtcp(good, 8);
        peer.send(good, n, session.localRtpPort() + 1);
        byte[] wrong = rr.clone();
        int m = context(randomKey(), 10).protectRtcp(wrong, 8);
        peer.send(wrong, m, session.localRtpPort() + 1);
        Thread.sleep(200);
        assertEquals("the wrongly keyed one", 1, session.statistics().packetsDiscarded());
        assertNotNull(session.statistics());
        session.close();
    }
}
