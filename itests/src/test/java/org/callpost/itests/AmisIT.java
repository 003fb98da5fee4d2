package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Two Callpost distributions, each its own Karaf process with its own store, networked by AMIS-A
 * through one PBX: system A (5551000, lines 61-62) sends to node "branch", system B (5552000,
 * lines 71-72) whose AMIS answering number is 7900. The test PBX puts A's call to 7900 through
 * to B's line 71 (signalling only: the RTP flows between the two Callposts, DTMF as telephone-events).
 * Shown: a message composed for a remote mailbox arrives there with its originator, length and
 * audio; an unknown remote mailbox is refused and the sender gets a message saying so; a call
 * dropped during the message is retried and the message arrives once.
 */
public class AmisIT {
    private KarafProcess a;
    private KarafProcess b;
    private SipRegistrar pbx;
    private PbxCaller connector;
    private RtpPeer caller;
    private int sipPortB;
    private final Map<String, OutgoingCall> legs = new ConcurrentHashMap<>();
    private final AtomicBoolean dropNextDuringMessage = new AtomicBoolean();
    private final AtomicInteger connected = new AtomicInteger();

    @Before
    public void twoSystems() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "amis");
        Files.createDirectories(target);
        pbx = new SipRegistrar("amis", SipRegistrar.freePort(), "s3cret");
        connector = new PbxCaller("amis", "tcp");
        caller = new RtpPeer();
        a = KarafProcess.copyOfDistribution(target);
        b = KarafProcess.copyOfDistribution(target);
        integration(a, "site-a", pbx.port(), SipRegistrar.freePort(), "61-62", "60");
        sipPortB = SipRegistrar.freePort();
        integration(b, "site-b", pbx.port(), sipPortB, "71-72", "70");
        a.setting("etc/org.callpost.amis.cfg", "system.number", "5551000");
        a.setting("etc/org.callpost.amis.cfg", "retry.seconds", "10");
        a.setting("etc/org.callpost.amis.node-branch.cfg", "node.id", "5552000");
        a.setting("etc/org.callpost.amis.node-branch.cfg", "delivery.number", "7900");
        a.setting("etc/org.callpost.amis.node-branch.cfg", "integration", "site-a");
        a.setting("etc/org.callpost.amis.node-branch.cfg", "address.prefix", "8");
        b.setting("etc/org.callpost.amis.cfg", "system.number", "5552000");
        b.setting("etc/org.callpost.amis.cfg", "answering.number", "7900");
        b.setting("etc/org.callpost.amis.node-head.cfg", "node.id", "5551000");
        b.setting("etc/org.callpost.amis.node-head.cfg", "delivery.number", "7800");
        b.setting("etc/org.callpost.amis.node-head.cfg", "integration", "site-b");
        b.setting("etc/org.callpost.amis.node-head.cfg", "address.prefix", "9");
        // the PBX connects A's call to 7900 with B's line 71, dialled number 7900
        pbx.bridge("7900", this::connectToB);
        pbx.onBye(callId -> {
            OutgoingCall leg = legs.remove(callId);
            if (leg != null) {
                try {
                    leg.bye();
                } catch (Exception e) {
                    // B hangs up on its own when its session ends
                }
            }
        });
    }

    private static void integration(KarafProcess k, String name, int pbxPort, int sipPort, String lines, String huntCode)
            throws IOException {
        Files.delete(k.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String file = "etc/org.callpost.integration-" + name + ".cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(pbxPort)}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", lines},
                {"hunt.group.access.code", huntCode},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            k.setting(file, s[0], s[1]);
        }
    }

    private String connectToB(Request invite) {
        try {
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            String from = ((javax.sip.address.SipURI) ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()).getUser();
            String offer = new String(invite.getRawContent(), StandardCharsets.UTF_8);
            OutgoingCall leg = connector.call("127.0.0.1", sipPortB, "71", from, "7900", offer);
            if (!leg.got(200, 10_000)) {
                return null;
            }
            leg.ack(null);
            legs.put(callId, leg);
            connected.incrementAndGet();
            if (dropNextDuringMessage.getAndSet(false)) {
                Thread dropper = new Thread(() -> dropWhenRecording(callId, leg), "amis-it-drop");
                dropper.setDaemon(true);
                dropper.start();
            }
            return leg.answerSdp();
        } catch (Exception e) {
            return null;
        }
    }

    /** The line drops once B has recorded 2 s of the message: both legs end. */
    private void dropWhenRecording(String callId, OutgoingCall leg) {
        try {
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end) {
                List<Path> drafts = wavs(b, "301", "drafts");
                if (!drafts.isEmpty() && StoreFiles.size(drafts.get(0)) > 44 + 2 * 16000) {
                    // the line drops: the PBX ends both legs
                    legs.remove(callId);
                    leg.bye();
                    pbx.hangUp(callId);
                    return;
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // the test sees the message not dropped
        }
    }

    @After
    public void tearDown() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        connector.close();
        pbx.close();
        caller.close();
    }

    @Test
    public void messagesGoFromOneCallpostToTheOtherByAmis() throws Exception {
        a.start();
        b.start();
        a.awaitShell("callpost:status", "site-a", 180_000);
        b.awaitShell("callpost:status", "site-b", 180_000);
        assertTrue("lines registered", pbx.await(r -> r.hasRegistered(List.of("61", "62", "71", "72")), 90_000));
        a.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created", 30_000);
        b.awaitShell("callpost:mailbox-add --extension 301 --name \"Bert Huber\" --pin 4321 301", "Mailbox 301 created", 30_000);
        a.awaitShell("callpost:amis", "branch", 30_000);

        // a caller leaves Anna a message: 1 kHz, then 2 kHz
        Path original = leaveMessage();
        String id = original.getFileName().toString().replace(".wav", "");
        Wav sent = Wav.read(original);

        // 1. composed for Bert at the branch: it arrives with its originator, length and audio
        String queued = a.shell("callpost:amis-send branch 301 201 " + id);
        assertTrue(queued, queued.contains("Queued"));
        List<Path> arrived = awaitWavs(b, "301", "new", 1, 120_000);
        Wav received = Wav.read(arrived.get(0));
        Properties envelope = envelope(arrived.get(0));
        assertEquals("the remote node's prefix and the sender's mailbox", "9201", envelope.getProperty("callingNumber"));
        assertTrue(envelope.getProperty("callingName"), envelope.getProperty("callingName").contains("head")
                && envelope.getProperty("callingName").contains("201"));
        assertTrue("length: sent " + sent.seconds() + " s, received " + received.seconds() + " s",
                Math.abs(received.seconds() - sent.seconds()) < 2.0);
        compareAudio(sent, received);
        awaitQueueEmpty();

        // 2. an unknown mailbox at the branch: refused, and Anna is told by a message from the system
        int annaBefore = wavs(a, "201", "new").size();
        a.shell("callpost:amis-send branch 399 201 " + id);
        List<Path> annas = awaitWavs(a, "201", "new", annaBefore + 1, 120_000);
        Properties notice = annas.stream().map(AmisIT::envelopeOrEmpty)
                .filter(p -> p.getProperty("callingName", "").startsWith("Not delivered")).findFirst()
                .orElseThrow(() -> new AssertionError("no refusal notice among " + annas));
        assertTrue(notice.getProperty("callingName"), notice.getProperty("callingName").contains("mailbox unknown"));
        assertEquals("8399", notice.getProperty("callingNumber"));
        assertEquals("nothing arrived for 399 at B", 1, wavs(b, "301", "new").size());
        awaitQueueEmpty();

        // 3. the line drops during the message: B keeps nothing, A calls again and it arrives once
        int callsBefore = connected.get();
        dropNextDuringMessage.set(true);
        a.shell("callpost:amis-send branch 301 201 " + id);
        awaitWavs(b, "301", "new", 2, 240_000);
        assertTrue("called again after the drop", connected.get() >= callsBefore + 2);
        awaitQueueEmpty();
        Thread.sleep(5_000); // no second copy comes later
        assertEquals(2, wavs(b, "301", "new").size());
        assertEquals("no half message left in B's drafts", List.of(), wavs(b, "301", "drafts"));
        String sessions = a.shell("callpost:amis");
        assertTrue(sessions, sessions.contains("sent") && sessions.contains("completed"));
        String received3 = b.shell("callpost:amis");
        assertTrue(received3, received3.contains("received"));
    }

    private Path leaveMessage() throws Exception {
        int port = Integer.parseInt(Files.readString(a.home().resolve("etc/org.callpost.integration-site-a.cfg"))
                .replaceAll("(?s).*sip\\.local\\.port = (\\d+).*", "$1"));
        OutgoingCall call = connector.call("127.0.0.1", port, "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        // the greeting and the beep play first; then the message: 4 s at 1 kHz, 4 s at 2 kHz
        awaitWavs(a, "201", "drafts", 1, 40_000);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 4000);
        Thread.sleep(4000);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 2000, 4000);
        Thread.sleep(4200);
        call.bye();
        return awaitWavs(a, "201", "new", 1, 20_000).get(0);
    }

    /** The halves of the message: the same tone in each, in the same order, at about the same level. */
    private static void compareAudio(Wav sent, Wav received) {
        short[][] s = halves(sent.samples);
        short[][] r = halves(received.samples);
        assertEquals(1000, RtpPeer.dominantFrequency(s[0], 1000, 2000));
        assertEquals(2000, RtpPeer.dominantFrequency(s[1], 1000, 2000));
        assertEquals("first half received", 1000, RtpPeer.dominantFrequency(r[0], 1000, 2000));
        assertEquals("second half received", 2000, RtpPeer.dominantFrequency(r[1], 1000, 2000));
        double ratio = RtpPeer.rms(received.samples) / RtpPeer.rms(sent.samples);
        assertTrue("level received/sent " + ratio, ratio > 0.6 && ratio < 1.4);
    }

    /** The tone parts of a message (silence before and after left out), split in two. */
    private static short[][] halves(short[] pcm) {
        int first = 0;
        while (first < pcm.length && Math.abs(pcm[first]) < 1000) {
            first++;
        }
        int last = pcm.length - 1;
        while (last > first && Math.abs(pcm[last]) < 1000) {
            last--;
        }
        int mid = (first + last) / 2;
        int margin = Math.min(4000, (last - first) / 8); // half a second from each edge and the change
        return new short[][] {Arrays.copyOfRange(pcm, first + margin, mid - margin),
                Arrays.copyOfRange(pcm, mid + margin, last - margin)};
    }

    private void awaitQueueEmpty() throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        String out = "";
        while (System.currentTimeMillis() < end) {
            out = a.shell("callpost:amis");
            if (out.contains("branch") && !out.contains("To mailbox") && out.contains("idle")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("A's queue not empty:\n" + out);
    }

    private static List<Path> wavs(KarafProcess k, String mailbox, String folder) throws IOException {
        return StoreFiles.wavs(k.data().resolve("callpost/store"), mailbox, folder);
    }

    private static List<Path> awaitWavs(KarafProcess k, String mailbox, String folder, int count, long millis)
            throws Exception {
        long end = System.currentTimeMillis() + millis;
        List<Path> found = wavs(k, mailbox, folder);
        while (found.size() < count && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            found = wavs(k, mailbox, folder);
        }
        assertTrue(mailbox + "/" + folder + ": " + found + "; log:\n" + tail(k), found.size() >= count);
        Thread.sleep(500); // the envelope is moved with the audio
        return wavs(k, mailbox, folder);
    }

    private static String tail(KarafProcess k) {
        String log = k.log();
        String[] lines = log.lines().filter(l -> l.contains("AMIS") || l.contains("amis")).toArray(String[]::new);
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static Properties envelope(Path wav) throws IOException {
        Properties p = new Properties();
        Path file = wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".properties"));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static Properties envelopeOrEmpty(Path wav) {
        try {
            return envelope(wav);
        } catch (IOException e) {
            return new Properties();
        }
    }
}
