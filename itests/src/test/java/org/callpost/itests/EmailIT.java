package org.callpost.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Voicemail to email with the distribution as a separate process and a real SMTP server
 * (GreenMail) on loopback in this JVM: a message left by a call arrives with its audio attached
 * byte for byte and its envelope in the body; with the SMTP server stopped, a message left
 * meanwhile waits QUEUED (callpost:emails shows why) and arrives once, and only once, when the
 * server is back on the same port; "delete after sending" moves it to the deleted folder and
 * the lamp goes out (#38 + extension, the MiVoice 400 profile).
 */
public class EmailIT {
    /** The SMTP logon's password: sealed in etc/org.callpost.email.cfg, never in the log. */
    private static final String PASSWORD = "m4il-s3cret";
    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer extension;
    private GreenMail smtp;
    private int smtpPort;
    private int sipPort;
    private final String email = "etc/org.callpost.email.cfg";

    @Before
    public void distribution() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "email");
        Files.createDirectories(target);
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("email", SipRegistrar.freePort(), "s3cret");
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        for (String code : List.of("*38201", "#38201", "*38202", "#38202")) {
            registrar.extension(code, SipRegistrar.Answer.ANSWER);
        }
        sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-email.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", "61-63"},
                {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        karaf.setting("etc/org.callpost.mwi.cfg", "integration.poll.seconds", "1");
        smtpPort = CallpostDistribution.freePort();
        smtp = startSmtp();
        karaf.setting(email, "smtp.host", "127.0.0.1");
        karaf.setting(email, "smtp.port", String.valueOf(smtpPort));
        karaf.setting(email, "sender", "voicemail@callpost.test");
        karaf.setting(email, "smtp.user", "callpost");
        karaf.setting(email, "smtp.password", PASSWORD);
        karaf.setting(email, "retry.seconds", "2");
        karaf.setting(email, "max.attempts", "50");
        karaf.setting(email, "smtp.timeout.seconds", "5");
        pbx = new PbxCaller("email", "tcp");
        caller = new RtpPeer();
    }

    private GreenMail startSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("callpost", PASSWORD));
        g.start();
        return g;
    }

    @After
    public void tearDown() throws Exception {
        karaf.close();
        pbx.close();
        registrar.close();
        caller.close();
        extension.close();
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    public void newMessagesAreMailedWithTheirAudioAndAnOutageLosesNone() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "email", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created", 30_000);
        karaf.awaitShell("callpost:mailbox-add --extension 202 --name \"Beat Keller\" --pin 4321 202", "Mailbox 202 created", 30_000);
        karaf.awaitShell("callpost:mailbox-email 201 anna.meier@example.com",
                "Mailbox 201: new messages are mailed to anna.meier@example.com with their audio", 60_000);
        karaf.shell("callpost:mailbox-email 201 anna.meier"); // refused (on the shell's error stream, which bin/client -b drops)
        String kept = karaf.shell("callpost:mailbox-email 201");
        assertTrue(kept, kept.contains("mailed to anna.meier@example.com with their audio"));
        assertTrue(karaf.log().contains("Email: mailbox 201's new messages are mailed to anna.meier@example.com"));
        karaf.awaitShell("callpost:mailbox-email --delete-after-sending 202 beat.keller@example.com",
                "then moved to the deleted folder", 30_000);

        // 1. a message left by a call arrives by email, its WAV byte for byte the stored audio
        leaveMessage("201", "0441234567");
        assertTrue("the email arrived", smtp.waitForIncomingEmail(60_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("anna.meier@example.com", mail.getAllRecipients()[0].toString());
        assertEquals("voicemail@callpost.test", mail.getFrom()[0].toString());
        assertTrue(mail.getSubject(), mail.getSubject().startsWith("New voice message from 0441234567 ("));
        Path stored = awaitMessages("201", "new", 1, 10_000).get(0);
        Multipart parts = (Multipart) mail.getContent();
        String body = parts.getBodyPart(0).getContent().toString();
        assertTrue(body, body.contains("From: 0441234567"));
        assertTrue(body, body.contains("mailbox 201 Anna Meier"));
        Matcher length = Pattern.compile("Length: (\\d+):(\\d\\d)").matcher(body);
        assertTrue(body, length.find());
        double seconds = Integer.parseInt(length.group(1)) * 60 + Integer.parseInt(length.group(2));
        double onDisk = Wav.read(stored).seconds();
        assertTrue("the body's length " + seconds + " s, the audio's " + onDisk + " s", Math.abs(seconds - onDisk) <= 1.0);
        assertTrue(mail.getSubject(), mail.getSubject().endsWith("(" + length.group(1) + ":" + length.group(2) + ")"));
        Part wav = parts.getBodyPart(1);
        assertTrue(wav.getContentType(), wav.getContentType().startsWith("audio/wav"));
        assertTrue(wav.getFileName(), wav.getFileName().matches("msg-\\d{8}-\\d{6}\\.wav"));
        try (InputStream in = wav.getInputStream()) {
            assertArrayEquals("the attachment is the stored audio", Files.readAllBytes(stored), in.readAllBytes());
        }
        String emails = karaf.awaitShell("callpost:emails", "SENT", 10_000);
        assertTrue(emails, emails.contains("250"));
        // sent with the SMTP logon; the password typed in clear is sealed where Config Admin keeps it
        assertTrue(karaf.log().contains("Email: smtp.password sealed in its configuration"));
        String cfg = Files.readString(karaf.home().resolve(email));
        assertTrue(cfg, cfg.matches("(?s).*smtp\\.password\\s*=\\s*\\{sealed}.*"));
        assertTrue(cfg, !cfg.contains(PASSWORD));
        assertTrue("never logged", !karaf.log().contains(PASSWORD));

        // 2. the SMTP server stops: a message left meanwhile (mailbox 202, deleted after sending) waits QUEUED
        smtp.stop();
        smtp = null;
        long lampOffBefore = registrar.invitesTo("#38202").size();
        leaveMessage("202", "0449876543");
        assertTrue("the new message lights 202's lamp", registrar.await(r -> r.invitesTo("*38202").size() >= 1, 30_000));
        String queued = karaf.awaitShell("callpost:emails", "QUEUED", 30_000);
        String row = queued.lines().filter(l -> l.contains("beat.keller@example.com")).findFirst().orElse(queued);
        assertTrue(queued, row.contains("QUEUED"));
        assertTrue(queued, row.contains("cannot connect to 127.0.0.1:" + smtpPort));
        assertEquals("still in the new folder", 1, messages("202", "new").size());

        // back on the same port: it arrives, once
        smtp = startSmtp();
        assertTrue("the queued email arrived after the outage", smtp.waitForIncomingEmail(60_000, 1));
        MimeMessage late = smtp.getReceivedMessages()[0];
        assertEquals("beat.keller@example.com", late.getAllRecipients()[0].toString());
        assertTrue(late.getSubject(), late.getSubject().startsWith("New voice message from 0449876543 ("));
        Path deleted = awaitMessages("202", "deleted", 1, 20_000).get(0);
        try (InputStream in = ((Multipart) late.getContent()).getBodyPart(1).getInputStream()) {
            assertArrayEquals(Files.readAllBytes(deleted), in.readAllBytes());
        }
        assertEquals("moved out of the new folder after sending", 0, messages("202", "new").size());
        assertTrue("the lamp goes out (#38202)",
                registrar.await(r -> r.invitesTo("#38202").size() > lampOffBefore, 30_000));
        Thread.sleep(8_000); // four retry periods: nothing more may come
        assertEquals("exactly once", 1, smtp.getReceivedMessages().length);
        String after = karaf.shell("callpost:emails");
        assertTrue(after, after.lines().filter(l -> l.contains("beat.keller@example.com")).allMatch(l -> l.contains("SENT")));
        assertTrue("a state change in the log", karaf.log().contains("SENT, the server answered 250"));
        assertTrue("the failure in the log", karaf.log().contains("QUEUED again, next attempt in"));
        assertTrue("never logged", !karaf.log().contains(PASSWORD));
    }

    /** A call forwarded on no answer from the mailbox's extension: the caller speaks for a few seconds, then hangs up. */
    private void leaveMessage(String mailbox, String from) throws Exception {
        int before = messages(mailbox, "new").size();
        OutgoingCall call = pbx.call("127.0.0.1", sipPort, "61", from, mailbox, caller.sdpOffer(),
                "Diversion: <sip:" + mailbox + "@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 30_000);
        awaitDraft(mailbox, 3.0, 40_000);
        call.bye();
        awaitMessages(mailbox, "new", before + 1, 20_000);
        caller.awaitSent(100);
    }

    /** Audio files in a folder of a mailbox ("new", "saved", "deleted", "drafts"). */
    private List<Path> messages(String mailbox, String folder) throws Exception {
        return StoreFiles.wavs(karaf.data().resolve("callpost/store"), mailbox, folder);
    }

    private List<Path> awaitMessages(String mailbox, String folder, int count, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        List<Path> found = messages(mailbox, folder);
        while (found.size() < count && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            found = messages(mailbox, folder);
        }
        assertEquals(found.toString(), count, found.size());
        return found;
    }

    private void awaitDraft(String mailbox, double seconds, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Optional<Path> draft = messages(mailbox, "drafts").stream().findFirst();
            if (draft.isPresent() && StoreFiles.size(draft.get()) >= 44 + (long) (seconds * 16000)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording of " + seconds + " s within " + millis + " ms: " + messages(mailbox, "drafts"));
    }
}
