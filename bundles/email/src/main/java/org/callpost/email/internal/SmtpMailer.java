package org.callpost.email.internal;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends one email through Jakarta Mail (Angus Mail's SMTP transport, used directly: no provider
 * lookup), and reads the server's answer: its 250 to the message is {@link Mailer.Kind#SENT}, a
 * 5xx refusal of the sender, a recipient or the message {@link Mailer.Kind#REFUSED}, anything
 * else (4xx, no connection, a time-out, a failed logon) {@link Mailer.Kind#RETRY}.
 * <p>
 * The text and the audio are given as {@link DataSource}s with their own types; the multipart
 * needs Angus Mail's content handler, found through {@link MailClassLoader} as the thread's
 * context class loader while an email is composed and sent.
 */
final class SmtpMailer {
    private final ClassLoader mailLoader = new MailClassLoader();

    /** An email ready to go. */
    record Letter(String to, String subject, String body, Optional<Path> wav, String fileName) {
    }

    Mailer.Result send(Settings s, Letter letter) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(mailLoader);
        try {
            return sendNow(s, letter);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Connects and logs on as an email would (EHLO, STARTTLS and AUTH as set), sends nothing and
     * quits: empty when the server took the logon, else what went wrong (never the password).
     */
    Optional<String> probe(Settings s) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(mailLoader);
        SMTPTransport t = transport(session(s), s);
        try {
            t.connect(s.host(), s.port(), s.user().isEmpty() ? null : s.user(), s.user().isEmpty() ? null : s.password());
            return Optional.empty();
        } catch (AuthenticationFailedException e) {
            return Optional.of("the SMTP server refused the logon of " + s.user() + " (check smtp.user and smtp.password): "
                    + oneLine(e.getMessage()));
        } catch (MessagingException e) {
            return Optional.of(describe(e, s));
        } finally {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // the logon is what counts
            }
            thread.setContextClassLoader(before);
        }
    }

    private static Session session(Settings s) {
        Properties p = new Properties();
        String proto = s.security() == Settings.Security.SMTPS ? "smtps" : "smtp";
        String timeout = String.valueOf(s.timeoutSeconds() * 1000L);
        p.setProperty("mail." + proto + ".host", s.host());
        p.setProperty("mail." + proto + ".port", String.valueOf(s.port()));
        p.setProperty("mail." + proto + ".connectiontimeout", timeout);
        p.setProperty("mail." + proto + ".timeout", timeout);
        p.setProperty("mail." + proto + ".writetimeout", timeout);
        p.setProperty("mail." + proto + ".auth", String.valueOf(!s.user().isEmpty()));
        p.setProperty("mail." + proto + ".from", s.sender());
        if (s.security() == Settings.Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (s.security() != Settings.Security.NONE) {
            p.setProperty("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(p);
    }

    private static SMTPTransport transport(Session session, Settings s) {
        String proto = s.security() == Settings.Security.SMTPS ? "smtps" : "smtp";
        URLName url = new URLName(proto, s.host(), s.port(), null, null, null);
        return s.security() == Settings.Security.SMTPS ? new SMTPSSLTransport(session, url)
                : new SMTPTransport(session, url);
    }

    private Mailer.Result sendNow(Settings s, Letter letter) {
        Session session = session(s);
        MimeMessage m;
        try {
            m = compose(session, s, letter);
        } catch (MessagingException | IOException e) {
            return Mailer.Result.refused("the email could not be put together: " + e.getMessage());
        }
        SMTPTransport t = transport(session, s);
        try {
            t.connect(s.host(), s.port(), s.user().isEmpty() ? null : s.user(), s.user().isEmpty() ? null : s.password());
            t.sendMessage(m, m.getAllRecipients());
            int code = t.getLastReturnCode();
            String answer = oneLine(t.getLastServerResponse());
            return code == 250 ? Mailer.Result.sent(answer) : Mailer.Result.retry("unexpected answer " + answer);
        } catch (SMTPSendFailedException | SMTPAddressFailedException | SMTPSenderFailedException e) {
            return byCode(codeOf(e), oneLine(e.getMessage()));
        } catch (AuthenticationFailedException e) {
            // a wrong smtp.user or smtp.password: the settings' fault, not this email's; it waits for the fix
            return Mailer.Result.retry("the SMTP server refused the logon of " + s.user() + " (check smtp.user and "
                    + "smtp.password): " + oneLine(e.getMessage()));
        } catch (MessagingException e) {
            return Mailer.Result.retry(describe(e, s));
        } finally {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // the answer is what counts
            }
        }
    }

    private static int codeOf(MessagingException e) {
        if (e instanceof SMTPSendFailedException f) {
            return f.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException f) {
            return f.getReturnCode();
        }
        return ((SMTPSenderFailedException) e).getReturnCode();
    }

    static Mailer.Result byCode(int code, String answer) {
        if (code >= 500 && code < 600) {
            return Mailer.Result.refused(answer);
        }
        return Mailer.Result.retry(answer);
    }

    private static String describe(MessagingException e, Settings s) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String where = s.host() + ":" + s.port();
        if (c instanceof ConnectException) {
            return "cannot connect to " + where + ": " + c.getMessage();
        }
        if (c instanceof UnknownHostException) {
            return "unknown host " + s.host() + " (smtp.host)";
        }
        if (c instanceof SocketTimeoutException) {
            return "no answer from " + where + " within " + s.timeoutSeconds() + " s";
        }
        return oneLine(e.getMessage()) + (c != e ? " (" + oneLine(c.toString()) + ")" : "");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    static MimeMessage compose(Session session, Settings s, Letter letter) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(s.sender(), true));
        m.setRecipient(RecipientType.TO, new InternetAddress(letter.to(), true));
        m.setSubject(letter.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Mailer", "Callpost");
        MimeBodyPart text = new MimeBodyPart();
        text.setDataHandler(new DataHandler(new Bytes("text/plain; charset=UTF-8", "body",
                letter.body().getBytes(StandardCharsets.UTF_8))));
        text.setHeader("Content-Type", "text/plain; charset=UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        if (letter.wav().isEmpty()) {
            m.setDataHandler(text.getDataHandler());
            m.setHeader("Content-Type", "text/plain; charset=UTF-8");
            m.setHeader("Content-Transfer-Encoding", "quoted-printable");
            m.saveChanges();
            return m;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        MimeBodyPart audio = new MimeBodyPart();
        audio.setDataHandler(new DataHandler(new Bytes("audio/wav", letter.fileName(), Files.readAllBytes(letter.wav().get()))));
        audio.setFileName(letter.fileName());
        audio.setDisposition(MimeBodyPart.ATTACHMENT);
        audio.setHeader("Content-Type", "audio/wav; name=\"" + letter.fileName() + "\"");
        audio.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(audio);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    /** A part's content as bytes with their type: written as is, no content handler involved. */
    private record Bytes(String type, String name, byte[] data) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(data);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
