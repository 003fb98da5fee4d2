package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.PostgresServer;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Two call servers on one PostgreSQL, as an administrator runs them: two copies of the
 * distribution ({@link KarafProcess}), each with its own SIP port, line extensions and node name,
 * both lines registered with one PBX (test-support's {@link SipRegistrar}) and both stores on one
 * database (test-support's {@link PostgresServer}). A message left through node 1 is heard through
 * node 2 by the subscriber, who logs on from their extension; the PBX gets its lamp-on once. Node 1
 * killed (SIGKILL) mid-recording and started again on its data keeps what it recorded, once, heard
 * through node 2, its lamp lit once; the database stopped during a call on node 2 and started
 * again gets the message from node 2's spool once, heard through node 1.
 */
public class TwoNodesIT {
    private static final int TONE_HZ = 1000;

    private PostgresServer postgres;
    private String url;
    private SipRegistrar registrar;
    private final KarafProcess[] nodes = new KarafProcess[2];
    private final int[] sipPorts = new int[2];
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer phone;
    private final List<RtpPeer> peers = new java.util.ArrayList<>();

    @Before
    public void twoNodes() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "two-nodes");
        Files.createDirectories(target);
        postgres = PostgresServer.start(target.resolve("postgres"));
        url = postgres.createDatabase("callpost_two_nodes");
        registrar = new SipRegistrar("pgstore", SipRegistrar.freePort(), "s3cret");
        RtpPeer extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        for (int n = 0; n < 2; n++) {
            KarafProcess karaf = KarafProcess.copyOfDistribution(target);
            nodes[n] = karaf;
            sipPorts[n] = SipRegistrar.freePort();
            String lines = n == 0 ? "61-63" : "71-73";
            Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
            String integration = "etc/org.callpost.integration-pgstore.cfg";
            String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                    {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"},
                    {"local.address", "127.0.0.1"}, {"sip.local.port", String.valueOf(sipPorts[n])},
                    {"pbx.password", "s3cret"}, {"line.extensions", lines}, {"hunt.group.access.code", n == 0 ? "60" : "70"},
                    {"mwi.lines", n == 0 ? "63" : "73"},
                    {"media.base.port", String.valueOf(20000 + 10000 * n + 2 * (int) (Math.random() * 4000))}};
            for (String[] s : settings) {
                karaf.setting(integration, s[0], s[1]);
            }
            String store = "etc/org.callpost.store.postgres.cfg";
            karaf.setting(store, "url", url);
            karaf.setting(store, "user", postgres.user());
            karaf.setting(store, "password", "db-pa55word");
            karaf.setting(store, "pool.size", "4");
            karaf.setting(store, "node.name", "node" + (n + 1));
        }
        pbx = new PbxCaller("pgstore", "tcp");
        caller = new RtpPeer();
        phone = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        for (KarafProcess k : nodes) {
            if (k != null) {
                k.close();
            }
        }
        if (pbx != null) {
            pbx.close();
        }
        registrar.close();
        caller.close();
        phone.close();
        peers.forEach(RtpPeer::close);
        postgres.close();
    }

    @Test
    public void aMessageIsHeardThroughTheOtherNodeAndKeptOnceWhenANodeIsKilledOrTheDatabaseStopsMidCall()
            throws Exception {
        aMessageLeftThroughNodeOneIsHeardThroughNodeTwoAndItsLampLitOnce();
        nodeOneKilledMidRecordingKeepsTheMessageOnceHeardThroughNodeTwoItsLampLitOnce();
        theDatabaseStoppedDuringACallOnNodeTwoGetsTheMessageFromTheSpoolOnceHeardThroughNodeOne();
    }

    private void aMessageLeftThroughNodeOneIsHeardThroughNodeTwoAndItsLampLitOnce() throws Exception {
        for (KarafProcess k : nodes) {
            k.start();
        }
        for (KarafProcess k : nodes) {
            k.awaitShell("callpost:status", "pgstore", 180_000);
            k.awaitShell("feature:install callpost-postgres; feature:list -i | grep callpost-postgres",
                    "callpost-postgres", 120_000);
        }
        for (int n = 0; n < 2; n++) {
            awaitLog(nodes[n], "Message store on PostgreSQL " + url, 90_000);
            // the lamps' start-up re-assertion is over before there is a lamp to re-assert
            awaitLog(nodes[n], "MWI: integration pgstore has all its lines registered", 90_000);
        }
        assertTrue("both nodes' lines registered",
                registrar.await(r -> r.hasRegistered(List.of("61", "62", "63", "71", "72", "73")), 60_000));

        nodes[0].awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201",
                "Mailbox 201 created", 30_000);
        nodes[1].awaitShell("callpost:mailbox-list", "Anna Meier", 30_000); // told by node 1, through the database

        // a caller forwarded to voicemail on node 1 leaves 3 s of tone
        OutgoingCall left = pbx.call("127.0.0.1", sipPorts[0], "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(left.codes().toString(), left.got(200, 5000));
        left.ack(null);
        caller.sendTone("127.0.0.1", left.callpostRtpPort(), TONE_HZ, 60_000);
        awaitSpooled(nodes[0], 3.0, 40_000);
        left.bye();
        awaitText("SELECT count(*) FROM message WHERE calling_number = '0441234567'", "1", 30_000);

        assertTrue("the lamp goes on", registrar.await(r -> r.invitesTo("*38201").size() >= 1, 30_000));

        // the subscriber calls node 2 from their extension, logs on and presses 1
        OutgoingCall logon = pbx.call("127.0.0.1", sipPorts[1], "71", "201", "70", phone.sdpOffer());
        assertTrue(logon.codes().toString(), logon.got(200, 5000));
        logon.ack(null);
        int port = logon.callpostRtpPort();
        awaitAudio(phone, 500, 10_000); // "Please enter your PIN."
        phone.sendDtmf("127.0.0.1", port, "4321#", 100);
        Thread.sleep(1500);
        int from = pcmu(phone).size();
        phone.sendDtmf("127.0.0.1", port, "1", 100);
        long end = System.currentTimeMillis() + 30_000;
        long heard = 0;
        while (heard < 2500 && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            List<RtpPeer.Packet> after = pcmu(phone);
            heard = toneMillis(audio(after.subList(from, after.size())), TONE_HZ);
        }
        assertTrue("node 2 played the message node 1 recorded: " + heard + " ms of its tone", heard >= 2500);
        awaitText("SELECT count(*) FROM message WHERE heard", "1", 20_000);
        phone.sendDtmf("127.0.0.1", port, "2", 100); // saved: the next new message is the first one played
        awaitText("SELECT folder FROM message WHERE calling_number = '0441234567'", "SAVED", 20_000);
        logon.bye();

        assertTrue("the lamp goes off once it is heard",
                registrar.await(r -> r.invitesTo("#38201").size() >= 1, 60_000));
        assertEquals("one lamp-on request for extension 201, from one node: " + lampRequests(), 1,
                registrar.invitesTo("*38201").size());
        // the lamp's node records what the PBX confirmed, once the PBX's 200 is back
        awaitText("SELECT confirmed_on::text FROM lamp WHERE lamp = 'pgstore/201' OR lamp = '201'", "false", 20_000);
    }

    /**
     * A caller through node 1 records; node 1 is killed -9 after 3 s; started again on its data it
     * files what was recorded (PostgresMailboxStorage's drafts at load), once, heard whole through
     * node 2; the PBX gets exactly one more lamp-on for it.
     */
    private void nodeOneKilledMidRecordingKeepsTheMessageOnceHeardThroughNodeTwoItsLampLitOnce() throws Exception {
        String calling = "0447000001";
        RtpPeer killedCaller = peer();
        OutgoingCall call = pbx.call("127.0.0.1", sipPorts[0], "62", calling, "201", killedCaller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue("node 1 answers the second caller: " + call.codes(), call.got(200, 5000));
        call.ack(null);
        long toneFrom = System.nanoTime();
        killedCaller.sendTone("127.0.0.1", call.callpostRtpPort(), TONE_HZ, 60_000);
        skipGreeting(killedCaller, call.callpostRtpPort());
        awaitSpooled(nodes[0], 3.0, 40_000);
        nodes[0].kill(); // SIGKILL mid-recording
        long sentMillis = (System.nanoTime() - toneFrom) / 1_000_000;
        long spooledMillis = spooledMillis(nodes[0]);
        assertEquals("nothing of the killed recording in the database at the kill", "0", messagesFrom(calling));

        nodes[0].start();
        awaitLogCount(nodes[0], "Message store on PostgreSQL " + url, 2, 180_000);
        awaitText("SELECT count(*) FROM message WHERE calling_number = '" + calling + "'", "1", 30_000);
        assertTrue("the lamp goes on again for the recovered message: " + lampRequests(),
                registrar.await(r -> r.invitesTo("*38201").size() >= 2, 60_000));

        long heard = listen(1, "71", "70", calling, spooledMillis - 400);
        assertTrue("node 2 played the message node 1 recorded before its kill whole: " + heard + " ms of tone; "
                + spooledMillis + " ms spooled at the kill, " + sentMillis + " ms sent",
                heard >= spooledMillis - 400 && heard <= sentMillis);
        System.out.println("TwoNodesIT: killed mid-recording: " + spooledMillis + " ms spooled, " + sentMillis
                + " ms sent, " + heard + " ms heard through node 2");
        // node 1's lamps re-asserted once its lines are all registered again: not this lamp a second time
        awaitLogCount(nodes[0], "MWI: integration pgstore has all its lines registered", 2, 120_000);
        Thread.sleep(1500); // a lamp it re-asserts goes out at once (coalesced 500 ms): past that
        assertEquals("the recovered message is one row, heard and saved", "1",
                text("SELECT count(*) FROM message WHERE heard AND calling_number = '" + calling + "'"));
        assertTrue("the lamp goes off again once it is heard: " + lampRequests(),
                registrar.await(r -> r.invitesTo("#38201").size() >= 2, 60_000));
        assertEquals("one more lamp-on for extension 201 after node 1's kill, not two: " + lampRequests(), 2,
                registrar.invitesTo("*38201").size());
        assertEquals("still one row for the killed recording", "1", messagesFrom(calling));
    }

    /**
     * A caller through node 2 records; PostgreSQL stops mid-call; the caller goes on and hangs up:
     * the message waits in node 2's spool, as callpost:status says; PostgreSQL starts again: the
     * message is delivered once (PendingDeliveries), heard through node 1; one more lamp-on.
     */
    private void theDatabaseStoppedDuringACallOnNodeTwoGetsTheMessageFromTheSpoolOnceHeardThroughNodeOne()
            throws Exception {
        String calling = "0447000002";
        String before = text("SELECT count(*) FROM message m JOIN mailbox b ON b.id = m.mailbox WHERE b.number = '201'");
        RtpPeer spooledCaller = peer();
        OutgoingCall call = pbx.call("127.0.0.1", sipPorts[1], "72", calling, "201", spooledCaller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue("node 2 answers the third caller: " + call.codes(), call.got(200, 5000));
        call.ack(null);
        spooledCaller.sendTone("127.0.0.1", call.callpostRtpPort(), TONE_HZ, 60_000);
        skipGreeting(spooledCaller, call.callpostRtpPort());
        awaitSpooled(nodes[1], 2.0, 40_000);
        postgres.stopForNow(); // the database goes down during the call
        awaitSpooled(nodes[1], 3.5, 20_000); // the caller goes on speaking
        call.bye();
        String status = nodes[1].awaitShell("callpost:status", "1 message waiting in the spool", 90_000);
        long spooledMillis = spooledMillis(nodes[1]); // the whole recording, ended and waiting
        assertTrue("node 2 says the database does not answer: " + status,
                status.contains("Database CRITICAL: PostgreSQL at " + url + " does not answer"));

        postgres.startAgain();
        awaitText("SELECT count(*) FROM message WHERE calling_number = '" + calling + "'", "1", 120_000);
        awaitShellWithout(nodes[1], "callpost:status", "waiting in the spool", 60_000);
        assertEquals("exactly one new message for mailbox 201, delivered once",
                String.valueOf(Integer.parseInt(before) + 1),
                text("SELECT count(*) FROM message m JOIN mailbox b ON b.id = m.mailbox WHERE b.number = '201'"));
        assertTrue("the lamp goes on for the delivered message: " + lampRequests(),
                registrar.await(r -> r.invitesTo("*38201").size() >= 3, 60_000));

        long heard = listen(0, "61", "60", calling, spooledMillis - 400);
        assertTrue("node 1 played the message node 2 spooled: " + heard + " ms of tone, " + spooledMillis
                + " ms spooled", heard >= spooledMillis - 400);
        System.out.println("TwoNodesIT: database stopped mid-call: " + spooledMillis + " ms spooled, " + heard
                + " ms heard through node 1");
        assertTrue("the lamp goes off once it is heard: " + lampRequests(),
                registrar.await(r -> r.invitesTo("#38201").size() >= 3, 60_000));
        assertEquals("one lamp-on for the spooled message, not two: " + lampRequests(), 3,
                registrar.invitesTo("*38201").size());
        assertEquals("still one row for the spooled message", "1", messagesFrom(calling));
    }

    /**
     * The subscriber calls node {@code n} on {@code line} from extension 201, logs on and presses 1
     * (their one new message, the one from {@code calling}); returns how much of the tone they
     * heard, once at least {@code atLeast} ms and then no more for a second (or 30 s passed); then
     * presses 2 (saved), so it is not the first new message the next time.
     */
    private long listen(int n, String line, String accessCode, String calling, long atLeast) throws Exception {
        RtpPeer ear = peer();
        OutgoingCall logon = pbx.call("127.0.0.1", sipPorts[n], line, "201", accessCode, ear.sdpOffer());
        assertTrue("node " + (n + 1) + " answers the subscriber: " + logon.codes(), logon.got(200, 5000));
        logon.ack(null);
        int port = logon.callpostRtpPort();
        awaitAudio(ear, 500, 10_000); // "Please enter your PIN."
        ear.sendDtmf("127.0.0.1", port, "4321#", 100);
        Thread.sleep(1500);
        int from = pcmu(ear).size();
        ear.sendDtmf("127.0.0.1", port, "1", 100);
        Thread.sleep(1500);
        ear.sendDtmf("127.0.0.1", port, "6", 100); // any key ends who-when-how-long: on to the message
        long end = System.currentTimeMillis() + 30_000;
        long heard = 0;
        long grewAt = System.currentTimeMillis();
        while (System.currentTimeMillis() < end && (heard < atLeast || System.currentTimeMillis() - grewAt < 1000)) {
            Thread.sleep(100);
            List<RtpPeer.Packet> after = pcmu(ear);
            long now = toneMillis(audio(after.subList(from, after.size())), TONE_HZ);
            if (now > heard) {
                heard = now;
                grewAt = System.currentTimeMillis();
            }
        }
        ear.sendDtmf("127.0.0.1", port, "2", 100);
        awaitText("SELECT folder FROM message WHERE calling_number = '" + calling + "'", "SAVED", 20_000);
        logon.bye();
        return heard;
    }

    /** A caller who knows the greeting presses # a moment after the answer: on to the beep. */
    private static void skipGreeting(RtpPeer caller, int port) throws Exception {
        Thread.sleep(1000);
        caller.sendDtmf("127.0.0.1", port, "#", 100);
    }

    private RtpPeer peer() throws Exception {
        RtpPeer p = new RtpPeer();
        peers.add(p);
        return p;
    }

    private String messagesFrom(String calling) throws Exception {
        return text("SELECT count(*) FROM message WHERE calling_number = '" + calling + "'");
    }

    private static void awaitLogCount(KarafProcess k, String text, int times, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (k.log().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + times + " times '" + text + "' in " + k.home() + "'s karaf.log within "
                + millis + " ms (kept across its restart)");
    }

    private static void awaitShellWithout(KarafProcess k, String command, String text, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        String out = "";
        while (System.currentTimeMillis() < end) {
            out = k.shell(command);
            if (!out.isEmpty() && !out.contains(text)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("'" + command + "' still showed '" + text + "' after " + millis + " ms:\n" + out);
    }

    /** How long the longest recording of mailbox 201 in node {@code k}'s spool is, in ms (8 kHz, 16 bit). */
    private static long spooledMillis(KarafProcess k) throws Exception {
        Path drafts = k.data().resolve("callpost/spool/drafts/201");
        long longest = 0;
        try (var files = Files.list(drafts)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                longest = Math.max(longest, (Files.size(f) - 44) / 16);
            }
        }
        return longest;
    }

    private String lampRequests() {
        StringBuilder out = new StringBuilder();
        for (var invite : registrar.invites()) {
            out.append(invite.getRequestURI()).append(" from ").append(invite.getHeader("Contact")).append("; ");
        }
        return out.toString();
    }

    private static void awaitLog(KarafProcess k, String text, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (k.log().contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' in " + k.home() + "'s karaf.log within " + millis + " ms");
    }

    /** Waits until node {@code k} has spooled a recording of mailbox 201 at least {@code seconds} long. */
    private static void awaitSpooled(KarafProcess k, double seconds, long millis) throws Exception {
        Path drafts = k.data().resolve("callpost/spool/drafts/201");
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (Files.isDirectory(drafts)) {
                try (var files = Files.list(drafts)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                        if (Files.size(f) >= 44 + (long) (seconds * 16000)) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no spooled recording of " + seconds + " s on " + k.home() + " within " + millis + " ms");
    }

    // ---- the phone's audio ----

    private static List<RtpPeer.Packet> pcmu(RtpPeer rtp) {
        return rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
    }

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
            byte[] payload = p.payload();
            for (int i = 0; i < payload.length && at < pcm.length; i++) {
                int u = ~payload[i] & 0xFF;
                int t = ((u & 0x0F) << 3) + 0x84;
                t <<= (u & 0x70) >> 4;
                pcm[at++] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
            }
        }
        return pcm;
    }

    /** How much of the audio, in 20 ms frames, is (nearly all) a steady tone of {@code hz} (Goertzel). */
    private static long toneMillis(short[] pcm, int hz) {
        long frames = 0;
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        for (int from = 0; from + 160 <= pcm.length; from += 160) {
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (int i = from; i < from + 160; i++) {
                double s0 = pcm[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
                energy += (double) pcm[i] * pcm[i];
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            double rms2 = energy / 160;
            if (rms2 > 100 * 100 && power / (160 * 160.0 * rms2 / 2) > 0.7) {
                frames++;
            }
        }
        return frames * 20;
    }

    // ---- PostgreSQL ----

    private String text(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
                PreparedStatement s = c.prepareStatement(query); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private void awaitText(String query, String expected, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        String last = null;
        while (System.currentTimeMillis() < end) {
            last = text(query);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(query + " gave " + last + ", not " + expected + ", within " + millis + " ms");
    }
}
