package org.callpost.email.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A real SMTP server (GreenMail) on loopback. */
public class SmtpMailerTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private GreenMail server;
    private int port;

    @Before
    public void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        server.start();
    }

    @After
    public void stop() {
        server.stop();
    }

    @Test
    public void aProbeLogsOnAndSendsNothingAndAStoppedServerIsNamed() throws Exception {
        SmtpMailer mailer = new SmtpMailer();
        assertEquals(Optional.empty(), mailer.probe(Settings.defaults("127.0.0.1", port)));
        assertEquals("no email", 0, server.getReceivedMessages().length);
        server.stop();
        Optional<String> failure = mailer.probe(Settings.defaults("127.0.0.1", port));
        assertTrue(failure.toString(), failure.orElseThrow().startsWith("cannot connect to 127.0.0.1:" + port));
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        server.start();
    }

    @Test
    public void anEmailWithItsWavArrivesByteForByte() throws Exception {
        Path wav = dir.getRoot().toPath().resolve("m.wav");
        byte[] audio = new byte[44 + 16000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31);
        }
        Files.write(wav, audio);
        Mailer.Result r = new SmtpMailer().send(Settings.defaults("127.0.0.1", port),
                new SmtpMailer.Letter("anna@example.com", "New voice message from 0441234567 (0:01)",
                        "From: 0441234567 Hans Müller\nLength: 0:01\n", Optional.of(wav), "msg-20261204-100507.wav"));
        assertEquals(r.answer(), Mailer.Kind.SENT, r.kind());
        assertTrue(r.answer(), r.answer().startsWith("250"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        MimeMessage m = server.getReceivedMessages()[0];
        assertEquals("New voice message from 0441234567 (0:01)", m.getSubject());
        assertEquals("voicemail@callpost.test", m.getFrom()[0].toString());
        Multipart mp = (Multipart) m.getContent();
        assertEquals(2, mp.getCount());
        assertEquals("From: 0441234567 Hans Müller\nLength: 0:01\n", mp.getBodyPart(0).getContent().toString().replace("\r\n", "\n"));
        Part a = mp.getBodyPart(1);
        assertTrue(a.getContentType(), a.getContentType().startsWith("audio/wav"));
        assertEquals("msg-20261204-100507.wav", a.getFileName());
        assertEquals(Part.ATTACHMENT, a.getDisposition());
        try (InputStream in = a.getInputStream()) {
            assertArrayEquals(audio, in.readAllBytes());
        }
    }

    @Test
    public void withoutAttachmentThePlainTextOnly() throws Exception {
        Mailer.Result r = new SmtpMailer().send(Settings.defaults("127.0.0.1", port),
                new SmtpMailer.Letter("anna@example.com", "s", "body text", Optional.empty(), "x.wav"));
        assertEquals(r.answer(), Mailer.Kind.SENT, r.kind());
        assertTrue(server.waitForIncomingEmail(5000, 1));
        MimeMessage m = server.getReceivedMessages()[0];
        assertTrue(m.getContentType(), m.getContentType().startsWith("text/plain"));
        assertEquals("body text", m.getContent().toString().trim());
    }

    @Test
    public void noServerIsRetriedNotGivenUp() {
        server.stop();
        Mailer.Result r = new SmtpMailer().send(Settings.defaults("127.0.0.1", port),
                new SmtpMailer.Letter("anna@example.com", "s", "b", Optional.empty(), "x.wav"));
        assertEquals(Mailer.Kind.RETRY, r.kind());
        assertTrue(r.answer(), r.answer().contains("cannot connect to 127.0.0.1:" + port));
    }

    @Test
    public void permanentAnswersGiveUpTemporaryOnesRetry() {
        assertEquals(Mailer.Kind.REFUSED, SmtpMailer.byCode(550, "550 no such user").kind());
        assertEquals(Mailer.Kind.REFUSED, SmtpMailer.byCode(554, "554 rejected").kind());
        assertEquals(Mailer.Kind.RETRY, SmtpMailer.byCode(451, "451 later").kind());
        assertEquals(Mailer.Kind.RETRY, SmtpMailer.byCode(421, "421 closing").kind());
        assertEquals(Mailer.Kind.RETRY, SmtpMailer.byCode(-1, "no code").kind());
    }
}
