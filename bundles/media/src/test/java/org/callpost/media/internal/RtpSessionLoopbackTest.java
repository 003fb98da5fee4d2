package org.callpost.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SessionStatistics;
import org.callpost.codec.g711.internal.PcmaCodecProvider;
import org.callpost.media.internal.rtp.RtpPacket;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Sessions of a real engine against a far end on real UDP sockets on 127.0.0.1. */
public class RtpSessionLoopbackTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MediaEngineComponent engine;
    private RtpPeer peer;
    private final Events events = new Events();

    static final class Events implements MediaListener {
        final LinkedBlockingQueue<String> keys = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Long> fax = new LinkedBlockingQueue<>();

        @Override
        public void dtmfReceived(MediaSession session, char key, DtmfSource source) {
            keys.add(key + "/" + source);
        }

        @Override
        public void faxToneDetected(MediaSession session) {
            fax.add(System.nanoTime());
        }
    }

    @Before
    public void start() throws IOException {
        engine = TestEngines.g711Engine(Map.of("record_fsync", false));
        peer = new RtpPeer();
    }

    @After
    public void stop() throws IOException {
        peer.close();
        TestEngines.stop(engine);
    }

    private MediaSession open(SessionSpec.Builder builder) throws IOException {
        return engine.open(builder.local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).build(), events);
    }

    /** These tests watch packets go out while nothing plays: an engine that sends silence then. */
    private void sendingSilence() throws IOException {
        TestEngines.stop(engine);
        engine = TestEngines.g711Engine(Map.of("record_fsync", false, "send_silence", true));
    }

    @Test
    public void whileNothingPlaysNothingIsSentAndThePacketAfterThePauseStartsATalkspurt() throws Exception {
        MediaSession session = open(pcma());
        Thread.sleep(300);
        assertEquals("no packets of silence", 0, peer.capturedOfType(8).size());
        session.play(List.of(PlayItem.recordBeep()), "").toCompletableFuture().get(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        List<byte[]> beep = peer.capturedOfType(8);
        assertTrue("the beep is sent: " + beep.size() + " packets", beep.size() >= 5);
        assertTrue("its first packet has the marker bit", (beep.get(0)[1] & 0x80) != 0);
        assertTrue("the others do not", (beep.get(1)[1] & 0x80) == 0);
        int afterBeep = beep.size();
        session.play(List.of(PlayItem.recordBeep()), "").toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<byte[]> both = peer.capturedOfType(8);
        byte[] last = both.get(afterBeep - 1);
        byte[] next = both.get(afterBeep);
        assertTrue("the second beep starts a talkspurt", (next[1] & 0x80) != 0);
        assertEquals("sequence numbers run on", (seq(last) + 1) & 0xFFFF, seq(next));
        assertTrue("the timestamp counts the pause", ts(next) - ts(last) > 160L * 10);
        session.close();
    }

    private static int seq(byte[] p) {
        return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
    }

    private static long ts(byte[] p) {
        return ((long) (p[4] & 0xFF) << 24) | ((p[5] & 0xFF) << 16) | ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
    }

    private static SessionSpec.Builder pcma() {
        return SessionSpec.builder("PCMA", 8).label("test");
    }

    @Test
    public void aFiveSecondToneFromARealSenderRecordsAsFiveSecondsOfOneKilohertz() throws Exception {
        MediaSession session = open(pcma());
        Path file = folder.getRoot().toPath().resolve("message.wav");
        CompletableFuture<RecordOutcome> outcome = session.record(new RecordRequest(file, 60_000, 1000, "#"))
                .toCompletableFuture();
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        peer.stream(Signals.tone(1000, 5.0, 8000), codec, 8, session.localRtpPort());

        RecordOutcome done = outcome.get(5, TimeUnit.SECONDS);
        assertEquals(RecordOutcome.Reason.SILENCE, done.reason());
        short[] recorded = Signals.readWav16(file);
        double seconds = recorded.length / 8000.0;
        assertEquals("recorded length", 5.0, seconds, 0.040);
        assertEquals(5.0, done.durationMillis() / 1000.0, 0.040);
        assertEquals(1000, Signals.dominantFrequency(recorded, 8000), 10);
        assertEquals(1000, Signals.dominantFrequency(recorded, 30000), 10);
        SessionStatistics stats = session.statistics();
        assertEquals(250, stats.packetsReceived());
        assertEquals(0, stats.packetsLost());
        session.close();
    }

    /**
     * The network at its worst for a recording: the caller's packets come in bursts of ten every
     * 200 ms (each up to 200 ms late, far past the call's 80 ms playout delay), pairs within a
     * burst swapped, and one packet in twenty never arrives. Every frame that arrived is in the
     * message, in its place; only the lost ones are silence.
     */
    @Test
    public void aRecordingKeepsEveryFrameThatArrivedInItsPlaceThroughBurstsReorderingAndLoss() throws Exception {
        recordsEveryFrameThatArrivedThroughBursts(20);
    }

    /**
     * The same with 10 ms packets: bursts of twenty every 200 ms, twice the packets a wake-up of
     * the 5 ms clock grid has to read (a socket is read twice a wake-up at 10 ms).
     */
    @Test
    public void tenMillisecondPacketsInBurstsAreRecordedWhole() throws Exception {
        recordsEveryFrameThatArrivedThroughBursts(10);
    }

    private void recordsEveryFrameThatArrivedThroughBursts(int ptimeMillis) throws Exception {
        MediaSession session = open(pcma().ptimeMillis(ptimeMillis));
        Path file = folder.getRoot().toPath().resolve("bursty.wav");
        CompletableFuture<RecordOutcome> outcome = session.record(new RecordRequest(file, 0, 0, ""))
                .toCompletableFuture();
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        int size = 8 * ptimeMillis; // samples a packet
        int perBurst = 200 / ptimeMillis;
        int frames = 250 * 20 / ptimeMillis; // 5 s
        byte[][] payloads = new byte[frames][size];
        short[][] expected = new short[frames][size];
        java.util.Random noise = new java.util.Random(4733);
        for (int k = 0; k < frames; k++) {
            short[] pcm = new short[size];
            for (int i = 0; i < size; i++) {
                pcm[i] = (short) (noise.nextGaussian() * 3000); // each frame its own sound
            }
            codec.encode(pcm, 0, size, payloads[k], 0);
            codec.decode(payloads[k], 0, size, expected[k], 0, size);
        }
        int firstTs = peer.timestamp;
        long start = System.nanoTime();
        for (int burst = 0; burst < frames / perBurst; burst++) {
            java.util.concurrent.locks.LockSupport.parkNanos(start + (burst + 1) * 200_000_000L - System.nanoTime());
            for (int j = 0; j < perBurst; j++) {
                int k = burst * perBurst + (j == 2 ? 3 : j == 3 ? 2 : j == 6 ? 7 : j == 7 ? 6 : j);
                if (k % 20 == 13) {
                    continue; // lost on the way
                }
                peer.sendRtp(8, k == 0, firstTs + size * k, payloads[k], size, session.localRtpPort());
            }
        }
        Thread.sleep(300);
        session.close(); // the caller hangs up: what arrived is kept
        assertEquals(RecordOutcome.Reason.CALL_ENDED, outcome.get(5, TimeUnit.SECONDS).reason());

        short[] recorded = Signals.readWav16(file);
        int at = -1; // where frame 0 is in the message
        for (int i = 0; i + size <= recorded.length && at < 0; i++) {
            if (java.util.Arrays.equals(recorded, i, i + size, expected[0], 0, size)) {
                at = i;
            }
        }
        assertTrue("frame 0 is in the message", at >= 0);
        assertTrue("the message ends with the last frame: " + recorded.length + " samples from " + at,
                recorded.length >= at + frames * size);
        List<Integer> wrong = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            short[] want = k % 20 == 13 ? new short[size] : expected[k];
            if (!java.util.Arrays.equals(recorded, at + size * k, at + size * (k + 1), want, 0, size)) {
                wrong.add(k);
            }
        }
        assertEquals("frames not in their place (lost ones are silence)", List.of(), wrong);
    }

    @Test
    public void aPlayedWavReachesTheFarEndIntact() throws Exception {
        short[] prompt = new short[16000]; // 2 s of speech-like sound: gliding pitch, changing level
        double phase = 0;
        for (int i = 0; i < prompt.length; i++) {
            double hz = 200 + 1200 * i / (double) prompt.length;
            phase += 2 * Math.PI * hz / 8000;
            double envelope = 0.3 + 0.7 * Math.abs(Math.sin(2 * Math.PI * 3 * i / 8000.0));
            prompt[i] = (short) (9000 * envelope * (Math.sin(phase) + 0.3 * Math.sin(3 * phase)));
        }
        Path wav = folder.getRoot().toPath().resolve("prompt.wav");
        Signals.writeWav16(wav, prompt);
        MediaSession session = open(pcma());
        PlayOutcome outcome = session.play(List.of(PlayItem.wav(wav)), "").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(PlayOutcome.Reason.COMPLETED, outcome.reason());
        Thread.sleep(100);
        session.close();

        // put the captured packets back on the timeline by RTP timestamp
        List<byte[]> packets = peer.capturedOfType(8);
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        int firstTs = (int) RtpPacket.u32(packets.get(0), 4);
        short[] heard = new short[packets.size() * 160 + 160];
        short[] frame = new short[160];
        for (byte[] p : packets) {
            int at = (int) RtpPacket.u32(p, 4) - firstTs;
            codec.decode(p, 12, p.length - 12, frame, 0, p.length - 12);
            if (at >= 0 && at + 160 <= heard.length) {
                System.arraycopy(frame, 0, heard, at, p.length - 12);
            }
        }
        // the prompt starts where the sent audio first departs from silence
        int start = 0;
        while (start < heard.length && Math.abs(heard[start]) < 100) {
            start++;
        }
        int promptStart = 0;
        while (Math.abs(prompt[promptStart]) < 100) {
            promptStart++;
        }
        double r = Signals.correlation(prompt, promptStart, heard, start, prompt.length - promptStart - 160);
        assertTrue("correlation " + r, r >= 0.99);
    }

    @Test
    public void rfc2833CapturesFromSipTesterYieldExactlyOneDigitEach() throws Exception {
        Path dir = Path.of("/usr/share/sip-tester");
        org.junit.Assume.assumeTrue("sip-tester is installed", Files.isDirectory(dir));
        String[] names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "pound", "star"};
        char[] keys = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '#', '*'};
        List<MediaSession> sessions = new ArrayList<>();
        List<Events> listeners = new ArrayList<>();
        for (String name : names) {
            Events listener = new Events();
            sessions.add(engine.open(pcma().local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).build(), listener));
            listeners.add(listener);
        }
        for (int i = 0; i < names.length; i++) {
            List<byte[]> payloads = PcapReader.udpPayloads(dir.resolve("dtmf_2833_" + names[i] + ".pcap"));
            assertEquals(10, payloads.size());
            for (byte[] datagram : payloads) {
                peer.send(datagram, datagram.length, sessions.get(i).localRtpPort());
                Thread.sleep(2);
            }
        }
        Thread.sleep(300);
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], List.of(keys[i] + "/TELEPHONE_EVENT"), new ArrayList<>(listeners.get(i).keys));
            sessions.get(i).close();
        }
    }

    @Test
    public void theSameKeyArrivingAsTelephoneEventAndInBandIsReportedOnce() throws Exception {
        // in-band detection beside telephone-events only when the setting asks for it
        TestEngines.stop(engine);
        engine = TestEngines.g711Engine(Map.of("record_fsync", false, "dtmf_inband_with_telephone_event", true));
        MediaSession session = open(pcma().inBandDtmf(true));
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        short[] tone = Signals.dualTone(852, 1477, 0.2, 5000); // '9'
        byte[] payload = new byte[160];
        byte[] event = new byte[4];
        int ts = peer.timestamp;
        for (int frame = 0; frame < 20; frame++) {
            short[] audio = frame < 10 ? java.util.Arrays.copyOfRange(tone, frame * 160, frame * 160 + 160) : new short[160];
            codec.encode(audio, 0, 160, payload, 0);
            peer.sendRtp(8, frame == 0, ts + frame * 160, payload, 160, session.localRtpPort());
            if (frame < 10) {
                event[0] = 9;
                event[1] = (byte) (frame == 9 ? 0x8A : 0x0A);
                int duration = (frame + 1) * 160;
                event[2] = (byte) (duration >> 8);
                event[3] = (byte) duration;
                peer.sendRtp(101, frame == 0, ts, event, 4, session.localRtpPort());
            }
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(List.of("9/TELEPHONE_EVENT"), new ArrayList<>(events.keys));
        session.close();
    }

    /**
     * A phone that sends each key both ways, keys quickly one after the other (100 ms tone, 100 ms
     * pause): the tone of a key is heard (jitter buffer plus two detector blocks) only after the
     * next key's first telephone-event arrived, so "the last event key" alone does not name it.
     */
    @Test
    public void quickKeysArrivingBothWaysAreEachReportedOnce() throws Exception {
        for (int jitterMillis : new int[] {80, 200}) {
            TestEngines.stop(engine);
            engine = TestEngines.g711Engine(Map.of("record_fsync", false, "jitter_buffer_millis", jitterMillis,
                    "dtmf_inband_with_telephone_event", true));
            events.keys.clear();
            MediaSession session = open(pcma().inBandDtmf(true));
            sendBothWays("1234", session.localRtpPort());
            Thread.sleep(600);
            assertEquals("jitter buffer " + jitterMillis + " ms", List.of("1/TELEPHONE_EVENT", "2/TELEPHONE_EVENT",
                    "3/TELEPHONE_EVENT", "4/TELEPHONE_EVENT"), new ArrayList<>(events.keys));
            session.close();
        }
    }

    /** Each key 5 frames of tone with telephone-events beside them (one SSRC, one sequence), then 5 of silence. */
    private void sendBothWays(String keys, int port) throws Exception {
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        double[] rows = {697, 770, 852, 941};
        double[] columns = {1209, 1336, 1477, 1633};
        byte[] payload = new byte[160];
        byte[] event = new byte[4];
        long start = System.nanoTime();
        int frame = 0;
        for (char key : keys.toCharArray()) {
            int code = key - '0';
            short[] tone = Signals.dualTone(rows[(code - 1) / 3], columns[(code - 1) % 3], 0.1, 5000);
            int keyTs = peer.timestamp;
            for (int i = 0; i < 10; i++, frame++) {
                java.util.concurrent.locks.LockSupport.parkNanos(start + frame * 20_000_000L - System.nanoTime());
                short[] audio = i < 5 ? java.util.Arrays.copyOfRange(tone, i * 160, i * 160 + 160) : new short[160];
                codec.encode(audio, 0, 160, payload, 0);
                peer.sendRtp(8, frame == 0, peer.timestamp, payload, 160, port);
                if (i < 8) { // 5 updates, then 3 end packets
                    int duration = Math.min(i + 1, 5) * 160;
                    event[0] = (byte) code;
                    event[1] = (byte) (i >= 4 ? 0x8A : 0x0A);
                    event[2] = (byte) (duration >> 8);
                    event[3] = (byte) duration;
                    peer.sendRtp(101, i == 0, keyTs, event, 4, port);
                }
                peer.timestamp += 160;
            }
        }
    }

    @Test
    public void inBandKeysAloneAreHeardWhenTheFallbackIsOn() throws Exception {
        MediaSession session = open(pcma().inBandDtmf(true).telephoneEvent(SessionSpec.NO_TELEPHONE_EVENT));
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        peer.stream(twoKeyTones(), codec, 8, session.localRtpPort());
        Thread.sleep(300);
        assertEquals(List.of("5/IN_BAND", "*/IN_BAND"), new ArrayList<>(events.keys));
        session.close();
    }

    @Test
    public void inBandTonesAreNotListenedForOnACallWithTelephoneEvents() throws Exception {
        MediaSession session = open(pcma().inBandDtmf(true)); // telephone-event 101 negotiated
        peer.stream(twoKeyTones(), new PcmaCodecProvider().newChannel(), 8, session.localRtpPort());
        Thread.sleep(300);
        assertEquals("the keys come as events on such a call", List.of(), new ArrayList<>(events.keys));
        session.close();
    }

    /** A second of audio with the keys 5 and * as tones. */
    private static short[] twoKeyTones() {
        short[] audio = new short[8000];
        System.arraycopy(Signals.dualTone(770, 1336, 0.1, 5000), 0, audio, 800, 800);   // '5'
        System.arraycopy(Signals.dualTone(941, 1209, 0.1, 5000), 0, audio, 3200, 800);  // '*'
        return audio;
    }

    @Test
    public void aFaxCallingToneIsReportedWithinOneAndAHalfSecondsWhileTheGreetingPlays() throws Exception {
        MediaSession session = open(pcma());
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        short[] audio = new short[8000 * 2];
        System.arraycopy(Signals.tone(1100, 0.5, 3000), 0, audio, 0, 4000);
        session.play(List.of(PlayItem.silence(3000)), "");
        long start = System.nanoTime();
        peer.stream(audio, codec, 8, session.localRtpPort());
        Long detected = events.fax.poll(1, TimeUnit.SECONDS);
        assertNotNull("CNG detected", detected);
        assertTrue((detected - start) < 1_500_000_000L);
        assertEquals("once per burst", 0, events.fax.size());

        session.stopPlaying(); // recording or waiting: a fax is routed only from the greeting
        peer.stream(audio, codec, 8, session.localRtpPort());
        Thread.sleep(300);
        assertEquals("not listened for while nothing plays", 0, events.fax.size());
        session.close();
    }

    @Test
    public void sentKeysFollowRfc4733() throws Exception {
        MediaSession session = open(pcma());
        session.sendDtmf("5", 100);
        Thread.sleep(400);
        session.close();
        List<byte[]> packets = peer.capturedOfType(101);
        assertEquals("100 ms at 20 ms: 4 updates and 3 end packets", 7, packets.size());
        int ts = (int) RtpPacket.u32(packets.get(0), 4);
        assertTrue("marker on the first", (packets.get(0)[1] & 0x80) != 0);
        int[] durations = {160, 320, 480, 640, 800, 800, 800};
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            assertEquals(ts, (int) RtpPacket.u32(p, 4));
            assertEquals(5, p[12]);
            assertEquals(i >= 4, (p[13] & 0x80) != 0);
            assertEquals(durations[i], RtpPacket.u16(p, 14));
            if (i > 0) {
                assertFalse((p[1] & 0x80) != 0);
                assertEquals((RtpPacket.u16(packets.get(i - 1), 2) + 1) & 0xFFFF, RtpPacket.u16(p, 2));
            }
        }
    }

    @Test
    public void validatedSessionsDropAndCountStrangersButFollowNothing() throws Exception {
        MediaSession session = open(pcma().validateRemoteHosts(true));
        try (RtpPeer stranger = new RtpPeer()) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 5; i++) {
                stranger.sendRtp(8, false, i * 160, payload, 160, session.localRtpPort());
            }
            Thread.sleep(200);
            SessionStatistics stats = session.statistics();
            assertEquals(5, stats.packetsRejectedSource());
            assertEquals(0, stats.packetsReceived());
            assertTrue("nothing sent to the stranger", stranger.capturedOfType(8).isEmpty());
        }
        session.close();
    }

    @Test
    public void unvalidatedSessionsFollowTheFarEndsActualPort() throws Exception {
        sendingSilence();
        MediaSession session = open(pcma());
        try (RtpPeer natted = new RtpPeer()) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 5; i++) {
                natted.sendRtp(8, false, i * 160, payload, 160, session.localRtpPort());
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertFalse("audio now goes where the far end sends from", natted.capturedOfType(8).isEmpty());
            assertEquals(0, session.statistics().packetsRejectedSource());
        }
        session.close();
    }

    @Test
    public void badInputIsCountedAndDroppedAndTheSessionKeepsWorking() throws Exception {
        MediaSession session = open(pcma());
        int port = session.localRtpPort();
        peer.send(new byte[5], 5, port);                                    // truncated
        byte[] v1 = new byte[172];
        v1[0] = 0x40;                                                       // RTP version 1
        peer.send(v1, v1.length, port);
        byte[] unknown = new byte[172];
        RtpPacket.writeHeader(unknown, false, 96, 1, 0, 1);                 // payload type not negotiated
        peer.send(unknown, unknown.length, port);
        byte[] huge = new byte[4000];
        RtpPacket.writeHeader(huge, false, 8, 2, 0, 1);                    // oversized datagram
        peer.send(huge, huge.length, port);
        byte[] padded = new byte[20];
        RtpPacket.writeHeader(padded, false, 8, 3, 0, 1);
        padded[0] |= 0x20;
        padded[19] = (byte) 200;                                           // padding longer than the packet
        peer.send(padded, padded.length, port);
        peer.send("garbage on the RTCP port".getBytes(), 24, port + 1);
        Thread.sleep(200);
        SessionStatistics stats = session.statistics();
        assertEquals(6, stats.packetsDiscarded());
        assertEquals(0, stats.packetsReceived());
        peer.stream(new short[800], new PcmaCodecProvider().newChannel(), 8, port);
        Thread.sleep(100);
        assertEquals(5, session.statistics().packetsReceived());
        assertTrue(session.isOpen());
        session.close();
    }

    @Test
    public void aKeyInterruptsAPlayAndEndsARecording() throws Exception {
        MediaSession session = open(pcma());
        CompletableFuture<PlayOutcome> play = session.play(List.of(PlayItem.recordBeep(), PlayItem.silence(10_000)), "#")
                .toCompletableFuture();
        Path file = folder.getRoot().toPath().resolve("greeting.wav");
        CompletableFuture<RecordOutcome> record = session.record(new RecordRequest(file, 0, 0, "#")).toCompletableFuture();
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        peer.stream(Signals.tone(400, 0.5, 4000), codec, 8, session.localRtpPort());
        byte[] event = {11, 0x0A, 0, (byte) 160};
        peer.sendRtp(101, true, peer.timestamp, event, 4, session.localRtpPort());
        assertEquals(new PlayOutcome(PlayOutcome.Reason.KEY, '#', ""), play.get(2, TimeUnit.SECONDS));
        RecordOutcome recorded = record.get(2, TimeUnit.SECONDS);
        assertEquals(RecordOutcome.Reason.KEY, recorded.reason());
        assertEquals('#', recorded.key());
        assertTrue(recorded.durationMillis() > 300);
        assertEquals(recorded.durationMillis() * 8, Signals.readWav16(file).length);
        session.close();
    }

    @Test
    public void aRecordingEndsAtItsMaximumLengthAndOnHangUp() throws Exception {
        MediaSession session = open(pcma());
        Path first = folder.getRoot().toPath().resolve("max.wav");
        CompletableFuture<RecordOutcome> capped = session.record(new RecordRequest(first, 500, 0, "")).toCompletableFuture();
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        peer.stream(Signals.tone(600, 0.8, 4000), codec, 8, session.localRtpPort());
        assertEquals(RecordOutcome.Reason.MAX_LENGTH, capped.get(2, TimeUnit.SECONDS).reason());
        assertEquals(4000, Signals.readWav16(first).length);

        Path second = folder.getRoot().toPath().resolve("hangup.wav");
        CompletableFuture<RecordOutcome> cut = session.record(new RecordRequest(second, 0, 0, "")).toCompletableFuture();
        peer.stream(Signals.tone(600, 0.4, 4000), codec, 8, session.localRtpPort());
        Thread.sleep(200);
        session.close();
        RecordOutcome outcome = cut.get(2, TimeUnit.SECONDS);
        assertEquals(RecordOutcome.Reason.CALL_ENDED, outcome.reason());
        assertTrue("what was said is kept", Signals.readWav16(second).length >= 3200);
    }

    @Test
    public void removingACodecChangesTheOfferButNotTheCallsUsingIt() throws Exception {
        MediaEngineComponent bare = new MediaEngineComponent(TestEngines.config(Map.of("record_fsync", false)));
        try {
            PcmaCodecProvider pcma = new PcmaCodecProvider();
            bare.addCodec(new org.callpost.codec.g711.internal.PcmuCodecProvider());
            bare.addCodec(pcma);
            assertEquals(List.of("PCMA", "PCMU"), bare.codecs().stream().map(c -> c.encodingName()).toList());
            MediaSession session = bare.open(pcma().local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).build(), events);
            bare.removeCodec(pcma);
            assertEquals(List.of("PCMU"), bare.codecs().stream().map(c -> c.encodingName()).toList());
            try {
                bare.open(pcma().local("127.0.0.1", 0).remote("127.0.0.1", peer.port()).build(), events);
                org.junit.Assert.fail("PCMA is gone");
            } catch (IllegalArgumentException expected) {
                // new calls cannot use it
            }
            Path file = folder.getRoot().toPath().resolve("after-removal.wav");
            CompletableFuture<RecordOutcome> record = session.record(new RecordRequest(file, 400, 0, "")).toCompletableFuture();
            peer.stream(Signals.tone(1000, 0.6, 4000), new PcmaCodecProvider().newChannel(), 8, session.localRtpPort());
            assertEquals(RecordOutcome.Reason.MAX_LENGTH, record.get(2, TimeUnit.SECONDS).reason());
            assertEquals(1000, Signals.dominantFrequency(Signals.readWav16(file), 0), 10);
            session.close();
        } finally {
            bare.deactivate();
        }
    }

    @Test
    public void aRecordingIsOnDiskWhileItIsStillGoing() throws Exception {
        MediaSession session = open(pcma());
        Path file = folder.getRoot().toPath().resolve("in-progress.wav");
        CompletableFuture<RecordOutcome> record = session.record(new RecordRequest(file, 0, 0, "")).toCompletableFuture();
        peer.stream(Signals.tone(700, 2.0, 4000), new PcmaCodecProvider().newChannel(), 8, session.localRtpPort());
        // 2 s sent: at most the recording's reorder window (1 s) and one half-second chunk may still be in memory
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(file), 44);
        long dataBytes = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(40);
        assertTrue("on disk already: " + dataBytes + " bytes", dataBytes >= 8000);
        assertTrue(Files.size(file) >= 44 + dataBytes);
        assertFalse(record.isDone());
        session.stopRecording();
        assertEquals(RecordOutcome.Reason.STOPPED, record.get(2, TimeUnit.SECONDS).reason());
        session.close();
    }

    @Test
    public void rtcpReportsWhatWasReceivedAndReadsWhatTheFarEndReports() throws Exception {
        sendingSilence();
        try (RtpPeer rtcpPeer = new RtpPeer()) {
            MediaSession session = open(pcma().remoteRtcpPort(rtcpPeer.port()));
            short[] audio = new short[8000 * 3];
            // drop every 10th packet on the way: the report must show the loss
            CodecChannel codec = new PcmaCodecProvider().newChannel();
            byte[] payload = new byte[160];
            long start = System.nanoTime();
            for (int frame = 0; frame < 150; frame++) {
                java.util.concurrent.locks.LockSupport.parkNanos(start + frame * 20_000_000L - System.nanoTime());
                codec.encode(audio, frame * 160, 160, payload, 0);
                if (frame % 10 == 5) {
                    peer.sequence = (peer.sequence + 1) & 0xFFFF; // lost
                } else {
                    peer.sendRtp(8, frame == 0, peer.timestamp, payload, 160, session.localRtpPort());
                }
                peer.timestamp += 160;
            }
            long deadline = System.nanoTime() + 6_000_000_000L;
            byte[] report = null;
            while (report == null && System.nanoTime() < deadline) {
                synchronized (rtcpPeer.captured) {
                    if (!rtcpPeer.captured.isEmpty()) {
                        report = rtcpPeer.captured.get(0);
                    }
                }
                Thread.sleep(50);
            }
            assertNotNull("an RTCP report within 6 s", report);
            assertEquals(0x81, report[0] & 0xFF);          // V=2, one report block
            assertEquals(200, report[1] & 0xFF);           // SR: we have been sending
            long ourSsrc = RtpPacket.u32(report, 4);
            assertEquals(peer.ssrc, RtpPacket.u32(report, 28));
            long cumulativeLost = RtpPacket.u32(report, 32) & 0xFFFFFF;
            assertTrue("loss reported: " + cumulativeLost, cumulativeLost >= 5);
            int srLength = (RtpPacket.u16(report, 2) + 1) * 4;
            assertEquals(202, report[srLength + 1] & 0xFF); // SDES follows
            assertEquals(1, report[srLength + 8]);           // CNAME

            byte[] rr = new byte[32];                        // the far end reports 25 % loss of our audio
            rr[0] = (byte) 0x81;
            rr[1] = (byte) 201;
            RtpPacket.putU16(rr, 2, 7);
            RtpPacket.putU32(rr, 4, peer.ssrc);
            RtpPacket.putU32(rr, 8, ourSsrc);
            rr[12] = 64;
            RtpPacket.putU32(rr, 20, 80);                    // jitter 80 units = 10 ms
            rtcpPeer.send(rr, rr.length, session.localRtpPort() + 1);
            Thread.sleep(200);
            SessionStatistics stats = session.statistics();
            assertEquals(0.25, stats.remoteLossFraction(), 0.001);
            assertEquals(10.0, stats.remoteJitterMillis(), 0.001);
            assertTrue(stats.packetsLost() >= 14);
            session.close();
            Thread.sleep(100);
            byte[] last;
            synchronized (rtcpPeer.captured) {
                last = rtcpPeer.captured.get(rtcpPeer.captured.size() - 1);
            }
            int p = 0;
            boolean bye = false;
            while (p + 4 <= last.length) {
                bye |= (last[p + 1] & 0xFF) == 203;
                p += (RtpPacket.u16(last, p + 2) + 1) * 4;
            }
            assertTrue("BYE on hang-up", bye);
        }
    }

    @Test
    public void holdStopsTheAudioAndResumeBringsItBack() throws Exception {
        sendingSilence();
        MediaSession session = open(pcma());
        Thread.sleep(200);
        assertTrue(peer.capturedOfType(8).size() >= 5);
        session.update("127.0.0.1", peer.port(), org.callpost.api.media.MediaDirection.INACTIVE);
        Thread.sleep(100);
        int held = peer.capturedOfType(8).size();
        Thread.sleep(300);
        assertEquals("nothing sent on hold", held, peer.capturedOfType(8).size());
        session.update("0.0.0.0", 0, org.callpost.api.media.MediaDirection.SENDRECV); // old-style hold
        Thread.sleep(200);
        assertEquals(held, peer.capturedOfType(8).size());
        session.update("127.0.0.1", peer.port(), org.callpost.api.media.MediaDirection.SENDRECV);
        Thread.sleep(300);
        assertTrue("audio again after resume", peer.capturedOfType(8).size() >= held + 10);
        session.close();
    }

    @Test
    public void withoutTelephoneEventsKeysAreSentAsTones() throws Exception {
        MediaSession session = open(pcma().telephoneEvent(SessionSpec.NO_TELEPHONE_EVENT));
        Thread.sleep(100);
        session.sendDtmf("8#", 100);
        Thread.sleep(600);
        session.close();
        assertTrue("no telephone-event packets", peer.capturedOfType(101).isEmpty());
        List<byte[]> packets = peer.capturedOfType(8);
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        org.callpost.media.internal.dtmf.DtmfToneDetector detector = new org.callpost.media.internal.dtmf.DtmfToneDetector();
        short[] frame = new short[160];
        StringBuilder heard = new StringBuilder();
        for (byte[] p : packets) {
            codec.decode(p, 12, 160, frame, 0, 160);
            char key = detector.process(frame, 0, 160);
            if (key != 0) {
                heard.append(key);
            }
        }
        assertEquals("8#", heard.toString());
    }
}
