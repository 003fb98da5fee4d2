package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The distribution as a separate process, killed with SIGKILL while a caller is leaving a message
 * and started again on the same data: the message is there with what was recorded, and its lamp
 * is lit; a clean restart sends the lamp again (re-assertion at start-up).
 */
public class RestartIT {
    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer extension;

    @Before
    public void distribution() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "restart");
        Files.createDirectories(target);
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("restart", SipRegistrar.freePort(), "s3cret");
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        int sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-restart.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", "61-63"},
                {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        karaf.setting("etc/org.callpost.mwi.cfg", "integration.poll.seconds", "1");
        pbx = new PbxCaller("restart", "tcp");
        caller = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        karaf.close();
        pbx.close();
        registrar.close();
        caller.close();
        extension.close();
    }

    private long lampOnInvites() {
        return registrar.invitesTo("*38201").size();
    }

    @Test
    public void aMessageBeingRecordedWhenKarafIsKilledSurvivesTheRestartAndItsLampIsLit() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "restart", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        // Karaf's shell takes options before the arguments
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created", 30_000);
        // no number: the first free one from first.extension (200), as the note's database initialization has it
        String auto = karaf.shell("callpost:mailbox-add --name \"Front desk\"");
        assertTrue(auto, auto.contains("Mailbox 200 created"));

        OutgoingCall call = pbx.call("127.0.0.1", portOf(), "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        // the caller speaks (a 1 kHz tone) through the greeting and on into the recording
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 60_000);
        Path draft = awaitDraft(3.0, 40_000);
        karaf.kill();
        double onDisk = Wav.read(draft).seconds();
        assertTrue("nothing committed before the kill", messages("new").isEmpty());
        assertEquals(0, lampOnInvites());

        karaf.start();
        karaf.awaitShell("callpost:mailbox-list", "201", 120_000);
        List<Path> recovered = awaitMessages("new", 1, 30_000);
        Wav wav = Wav.read(recovered.get(0));
        assertTrue("recovered " + wav.seconds() + " s of the " + onDisk + " s on disk at the kill",
                wav.seconds() >= onDisk - 0.1 && wav.seconds() >= 2.5);
        assertEquals(1000, RtpPeer.dominantFrequency(wav.samples, 440, 1000, 2000));
        assertTrue(karaf.log().contains("Recovered message"));
        assertTrue("the recovered message lights 201's lamp", registrar.await(r -> lampOnInvites() >= 1, 30_000));

        // a clean restart: the lamp is sent again once the lines are registered
        long before = lampOnInvites();
        karaf.stop();
        karaf.start();
        assertTrue("lamp re-asserted after the restart", registrar.await(r -> lampOnInvites() > before, 120_000));
        assertEquals("never cleared", 0, registrar.invitesTo("#38201").size());
        assertEquals(1, messages("new").size());
    }

    private int portOf() throws Exception {
        String cfg = Files.readString(karaf.home().resolve("etc/org.callpost.integration-restart.cfg"));
        return Integer.parseInt(cfg.replaceAll("(?s).*sip\\.local\\.port = (\\d+).*", "$1"));
    }

    /** Audio files in a folder of mailbox 201 ("new", "saved", "drafts"). */
    private List<Path> messages(String folder) throws Exception {
        return StoreFiles.wavs(karaf.data().resolve("callpost/store"), "201", folder);
    }

    private List<Path> awaitMessages(String folder, int count, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        List<Path> found = messages(folder);
        while (found.size() < count && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            found = messages(folder);
        }
        assertEquals(found.toString(), count, found.size());
        return found;
    }

    /** Waits for the recording in progress to hold {@code seconds} of audio on disk. */
    private Path awaitDraft(double seconds, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Optional<Path> draft = messages("drafts").stream().findFirst();
            if (draft.isPresent() && StoreFiles.size(draft.get()) >= 44 + (long) (seconds * 16000)) {
                return draft.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording of " + seconds + " s in the drafts within " + millis + " ms: "
                + messages("drafts"));
    }
}
