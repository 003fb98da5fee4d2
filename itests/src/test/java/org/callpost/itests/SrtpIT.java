package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineState;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.media.MediaSession;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.testsupport.Baresip;
import org.callpost.testsupport.KamailioServer;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.Ports;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SrtpTransform;
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
 * SRTP by SDES with real peers: the integration's lines register over TLS with Kamailio
 * (srtp = REQUIRED), and a call hunted to line 31 as forwarded from extension 201 leaves a
 * message recorded right while the media on the wire is no clear RTP. The callers: baresip with
 * SRTP mandatory, and the test's own SRTP peer (its keys from the SDP it exchanged with
 * Callpost), which also checks telephone-events, replays and an offer without crypto.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SrtpIT extends CallpostDistribution {
    private static final String NAME = "srtp";
    private static final List<String> LINES = List.of("31", "32");
    private static final File TSHARK = new File("/usr/bin/tshark");
    private static final int VOICE_HZ = 1400;

    @Inject
    MessageStore store;

    @Inject
    MediaEngine media;

    private TestCertificates certificates;
    private KamailioServer kamailio;
    private Path folder;
    private int callpostPort;
    private int mediaBase;
    private Process tshark;
    private final List<AutoCloseable> open = new ArrayList<>();

    @Configuration
    @Override
    public Option[] distribution() throws IOException {
        return OptionUtils.combine(super.distribution(),
                systemProperty("callpost.kamailio.dir").value(new File("src/test/resources/kamailio").getCanonicalPath()),
                systemProperty("callpost.itests.target").value(new File("target").getCanonicalPath()));
    }

    @Before
    public void start() throws Exception {
        folder = Path.of(System.getProperty("callpost.itests.target"), "srtp-it");
        certificates = TestCertificates.make(folder.resolve("certificates"));
        Path templates = Path.of(System.getProperty("callpost.kamailio.dir"));
        kamailio = KamailioServer.start(folder.resolve("kamailio"), templates.resolve("srtp.cfg"),
                templates.resolve("tls.cfg"), certificates.pbxKey(), certificates.pbxCertificate());
        callpostPort = Ports.free();
        mediaBase = 30000 + 2 * (int) (Math.random() * 10000);
        Dictionary<String, Object> mwi = new java.util.Hashtable<>();
        mwi.put("callout.integration", "no-lamps-in-srtp-tests");
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwi);
        if (store.mailbox("201").isPresent()) {
            store.removeMailbox("201");
        }
        store.createMailbox(Mailbox.of("201", "201", "Mailbox 201"), "97531");
        configure(NAME, "profile", "mivoice400", "transport", "TLS", "srtp", "REQUIRED", "sip.server.address", "127.0.0.1",
                "sip.server.port", String.valueOf(kamailio.tlsPort), "local.address", "127.0.0.1",
                "sip.local.port", String.valueOf(callpostPort), "pbx.password", "s3cret", "line.extensions", "31-32",
                "hunt.group.access.code", "30", "registration.timeout.millis", "2000",
                "media.base.port", String.valueOf(mediaBase),
                "tls.key.store", certificates.keyStore().toString(), "tls.key.store.password", TestCertificates.PASSWORD,
                "tls.trust.store", certificates.trustStore().toString(), "tls.trust.store.password", TestCertificates.PASSWORD);
        assertTrue(integrations.find(NAME).map(Object::toString).orElse("none") + "\n" + kamailio.log(),
                await(NAME, SrtpIT::allRegistered, 20_000).isPresent());
    }

    @After
    public void stop() throws Exception {
        if (tshark != null) {
            tshark.destroyForcibly();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        remove(NAME);
        Thread.sleep(500);
        kamailio.close();
    }

    private static boolean allRegistered(IntegrationStatus s) {
        return s.lines().size() == LINES.size() && s.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED);
    }

    @Test
    public void baresipWithSrtpMandatoryLeavesAMessageRecordedRightAndTheWireCarriesNoClearAudio() throws Exception {
        org.junit.Assume.assumeTrue("baresip (baresip-core) is not installed", Baresip.installed());
        org.junit.Assume.assumeTrue("tshark is not installed", TSHARK.canExecute());
        short[] voice = chirp(25); // the greeting takes about 11 s of it
        Path wav = folder.resolve("baresip-voice.wav");
        writeWav(wav, voice);
        Path capture = folder.resolve("media-capture.txt");
        startCapture(capture);

        Baresip caller = Baresip.call(folder.resolve("baresip"), "202", "sip:30@127.0.0.1:" + kamailio.tlsPort
                + ";transport=tls", wav, "srtp-mand", 45);
        open.add(caller);
        long end = System.currentTimeMillis() + 45_000; // baresip hangs up when its file ends: the message is kept
        while (store.counts("201").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        caller.close();
        stopCapture();
        String log = caller.log();
        assertTrue(log, caller.srtpEnabled("AES_CM_128_HMAC_SHA1_80"));
        assertTrue("baresip decrypted Callpost's SRTP: " + log, log.contains("incoming rtp for 'audio' established"));
        assertEquals("packets baresip could not decrypt", 0, caller.decryptFailures());

        List<Message> messages = store.messages("201", Folder.NEW);
        assertEquals(messages + "\n" + log + "\n" + kamailio.log(), 1, messages.size());
        short[] recorded = Wav.read(messages.get(0).audio()).samples;
        short[] sent = muLawRoundTrip(voice);
        double[] match = bestMatch(recorded, sent);
        int from = (int) match[1];
        double r = correlation(recorded, 0, sent, from, Math.min(recorded.length - 400, sent.length - from));
        System.out.println("SrtpIT baresip: recorded " + recorded.length / 8 + " ms, from " + from / 8
                + " ms into the sent file, correlation " + r);
        assertTrue("a message of at least 5 s: " + recorded.length / 8 + " ms", recorded.length >= 5 * 8000);
        assertTrue("the message is what baresip sent: correlation " + r, r >= 0.99);

        // on the wire: every media packet is SRTP (its tag after the 160 bytes) and none is a frame of the sent audio
        Set<String> clearFrames = new HashSet<>();
        for (int at = 0; at + 160 <= sent.length; at += 160) {
            clearFrames.add(HexFormat.of().formatHex(muLaw(voice, at, 160)));
        }
        int fromBaresip = 0;
        int toBaresip = 0;
        int clear = 0;
        for (String row : Files.readAllLines(capture, StandardCharsets.UTF_8)) {
            String[] f = row.trim().split("\\s+");
            if (f.length != 3 || f[2].length() < 24) {
                continue;
            }
            int srcPort = Integer.parseInt(f[0]);
            int dstPort = Integer.parseInt(f[1]);
            boolean rtpPort = inMedia(dstPort) ? dstPort % 2 == 0 : srcPort % 2 == 0;
            if (!rtpPort) {
                continue; // RTCP
            }
            byte[] datagram = HexFormat.of().parseHex(f[2]);
            if (inMedia(dstPort)) {
                fromBaresip++;
                assertEquals("PCMU with an 80-bit tag", 12 + 160 + 10, datagram.length);
            } else {
                toBaresip++;
            }
            for (int at = 12; at + 160 <= datagram.length; at += 160) {
                if (clearFrames.contains(HexFormat.of().formatHex(datagram, at, at + 160))) {
                    clear++;
                }
            }
        }
        System.out.println("SrtpIT baresip: captured " + fromBaresip + " RTP packets from baresip, " + toBaresip
                + " to it, " + clear + " with a clear frame of the sent audio");
        assertTrue("baresip's media captured: " + fromBaresip, fromBaresip >= 250);
        assertTrue("Callpost's media captured: " + toBaresip, toBaresip >= 100);
        assertEquals("frames of the sent audio in the clear on the wire", 0, clear);
        // the control: in the clear, the audio would be these frames (the message's, encoded again, are among them)
        int known = 0;
        int frames = 0;
        for (int at = 0; at + 160 <= recorded.length; at += 160, frames++) {
            if (clearFrames.contains(HexFormat.of().formatHex(muLaw(recorded, at, 160)))) {
                known++;
            }
        }
        assertTrue("the message's frames are frames of the sent audio: " + known + " of " + frames, known >= frames * 9 / 10);
    }

    @Test
    public void anSrtpPeerIsHeardWithItsKeysFromTheSdpAndKeysReplaysAndClearOffersAreHandled() throws Exception {
        PbxCaller pbx = new PbxCaller("srtp-pbx", "udp");
        open.add(pbx);

        // an offer without crypto: refused while srtp is REQUIRED
        RtpPeer plain = new RtpPeer();
        open.add(plain);
        OutgoingCall refused = pbx.call("127.0.0.1", kamailio.plainPort, "31", "202", "201", plain.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(refused.codes().toString(), refused.got(488, 5000));

        RtpPeer rtp = new RtpPeer();
        open.add(rtp);
        String ourKey = SrtpTransform.newKey();
        OutgoingCall c = pbx.call("127.0.0.1", kamailio.plainPort, "31", "202", "201", rtp.sdpOfferSrtp(ourKey),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(c.codes() + "\n" + kamailio.log(), c.got(200, 5000));
        String answer = c.answerSdp();
        assertTrue(answer, answer.contains("RTP/SAVP"));
        String theirKey = RtpPeer.cryptoKey(answer);
        assertTrue(answer, theirKey != null && !theirKey.equals(ourKey));
        rtp.useSrtp(ourKey, theirKey, 10);
        c.ack(null);
        int port = c.callpostRtpPort();

        int beepAt = awaitBeep(rtp, 20_000);
        long toneFrom = System.currentTimeMillis();
        rtp.sendTone("127.0.0.1", port, VOICE_HZ, 3000);
        rtp.awaitSent(5000);
        for (int i = 0; i < 5; i++) {
            rtp.replayLastSent("127.0.0.1", port); // an attacker on the path sends the last packet again
        }
        Thread.sleep(200);
        long discardedBefore = session().statistics().packetsDiscarded();

        // the PBX re-keys with a re-INVITE (RFC 4568 7.1.4): Callpost takes up the new key and keeps its own
        String newKey = SrtpTransform.newKey();
        c.reInvite(rtp.sdpOfferSrtp(newKey));
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("INVITE 200"), 5000));
        String reAnswer = new String(c.ackReInvite().getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(reAnswer, theirKey, RtpPeer.cryptoKey(reAnswer));
        rtp.useSrtp(newKey, theirKey, 10);

        long hashFrom = System.currentTimeMillis();
        rtp.sendDtmf("127.0.0.1", port, "#", 100); // ends the recording: an SRTP telephone-event, under the new key
        Thread.sleep(2000); // the recording would go on through this silence had # not been heard
        MediaSession session = session();
        long discarded = session.statistics().packetsDiscarded();
        c.bye();
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 5000));

        long end = System.currentTimeMillis() + 5000;
        while (store.counts("201").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        List<Message> messages = store.messages("201", Folder.NEW);
        assertEquals(messages.toString(), 1, messages.size());
        short[] recorded = Wav.read(messages.get(0).audio()).samples;
        long tone = Audio.toneMillis(recorded, VOICE_HZ);
        System.out.println("SrtpIT peer: message " + recorded.length / 8 + " ms (# sent at " + (hashFrom - toneFrom)
                + " ms), " + tone + " ms of voice; discarded "
                + discardedBefore + " (replays), " + rtp.srtpRefused() + " refused by the peer");
        assertTrue("3 s of voice recorded, got " + tone + " ms", Math.abs(tone - 3000) <= 100);
        // the recording runs from the beep to the # (taken off): the re-INVITE's time is silence in it;
        // had the # under the new key not been heard, it would go on through the 2 s after it
        long toHash = hashFrom - toneFrom;
        assertTrue("# under the new key ended the recording: " + recorded.length / 8 + " ms, the # sent "
                + toHash + " ms after the voice began", recorded.length / 8 < toHash + 700);
        assertTrue("the five replays dropped: " + discardedBefore, discardedBefore >= 5);
        assertEquals("nothing else dropped", discardedBefore, discarded);

        // what Callpost sent: decrypted, the greeting and the beep; as it came off the wire, no tone at all
        assertEquals("every packet from Callpost authenticated", 0, rtp.srtpRefused());
        int clearBeeps = 0;
        for (byte[] d : rtp.datagrams()) {
            if (d.length == 12 + 160 + 10 && Audio.isTone(decode(d, 12, 160), 0, 160, 1000)) {
                clearBeeps++;
            }
        }
        assertTrue("the beep was heard once decrypted: " + beepAt, beepAt >= 0);
        assertEquals("beep frames in the clear on the wire", 0, clearBeeps);
    }

    private MediaSession session() {
        return media.sessions().stream().filter(s -> s.label().startsWith(NAME + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("no media session of " + NAME + ": " + media.sessions()));
    }

    // ---- the capture ----------------------------------------------------------------------------

    private boolean inMedia(int port) {
        return port >= mediaBase && port < mediaBase + LINES.size() * 10;
    }

    private void startCapture(Path out) throws Exception {
        String filter = "udp portrange " + mediaBase + "-" + (mediaBase + LINES.size() * 10 - 1);
        Path err = folder.resolve("tshark.err");
        tshark = new ProcessBuilder(TSHARK.getPath(), "-i", "lo", "-n", "-l", "-f", filter, "-T", "fields",
                "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.payload")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long end = System.currentTimeMillis() + 15_000;
        while (!Files.readString(err).contains("Capturing on") && System.currentTimeMillis() < end) {
            assertTrue("tshark ended: " + Files.readString(err), tshark.isAlive());
            Thread.sleep(100);
        }
        assertTrue("tshark did not start capturing: " + Files.readString(err), Files.readString(err).contains("Capturing on"));
    }

    private void stopCapture() throws InterruptedException {
        Thread.sleep(300);
        tshark.destroy();
        tshark.waitFor(5, TimeUnit.SECONDS);
    }

    // ---- audio ----------------------------------------------------------------------------------

    /** Speech-like sound that never repeats: a pitch gliding 300-2300 Hz and back, its level changing. */
    private static short[] chirp(int seconds) {
        short[] s = new short[seconds * 8000];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / 8000.0;
            double hz = 1300 + 1000 * Math.sin(2 * Math.PI * t / 7.3);
            phase += 2 * Math.PI * hz / 8000;
            double envelope = 0.35 + 0.65 * Math.abs(Math.sin(2 * Math.PI * 2.1 * t));
            s[i] = (short) (9000 * envelope * (Math.sin(phase) + 0.3 * Math.sin(2.7 * phase)));
        }
        return s;
    }

    private static void writeWav(Path file, short[] pcm) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * pcm.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * pcm.length);
        for (short v : pcm) {
            b.putShort(v);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
    }

    private static byte[] muLaw(short[] pcm, int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int s = pcm[from + i];
            int sign = (s >> 8) & 0x80;
            if (sign != 0) {
                s = -s;
            }
            s = Math.min(s, 32635) + 0x84;
            int exponent = 7;
            for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; exponent--, mask >>= 1) {
                // find the segment
            }
            int mantissa = (s >> (exponent + 3)) & 0x0F;
            out[i] = (byte) ~(sign | exponent << 4 | mantissa);
        }
        return out;
    }

    private static short[] decode(byte[] mulaw, int from, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            int u = ~mulaw[from + i] & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            s[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
        return s;
    }

    private static short[] muLawRoundTrip(short[] pcm) {
        return decode(muLaw(pcm, 0, pcm.length), 0, pcm.length);
    }

    /** Where in {@code sent} the recording's audio (after its first 100 ms) starts: {correlation, offset}. */
    private static double[] bestMatch(short[] recorded, short[] sent) {
        int probe = 800;
        int window = 2400;
        double best = -1;
        int at = 0;
        for (int off = 0; off + window < sent.length; off++) {
            double r = correlation(recorded, probe, sent, off, window);
            if (r > best) {
                best = r;
                at = off;
            }
        }
        return new double[] {best, at - probe};
    }

    private static double correlation(short[] a, int aFrom, short[] b, int bFrom, int length) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < length; i++) {
            if (aFrom + i < 0 || bFrom + i < 0 || aFrom + i >= a.length || bFrom + i >= b.length) {
                continue;
            }
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** Waits for the record beep (1 kHz) among the decrypted packets; returns its packet's index. */
    private static int awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
            int run = 0;
            for (int i = 0; i < packets.size(); i++) {
                byte[] payload = packets.get(i).payload();
                run = Audio.isTone(decode(payload, 0, payload.length), 0, payload.length, 1000) ? run + 1 : 0;
                if (run == 5) {
                    long beepEnd = packets.get(i - 4).atNanos() + TimeUnit.MILLISECONDS.toNanos(300);
                    long wait = TimeUnit.NANOSECONDS.toMillis(beepEnd - System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return i - 4;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no record beep heard in " + millis + " ms");
    }



}
