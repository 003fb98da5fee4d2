package org.callpost.store.file.internal.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;

/**
 * Reads and writes a message's {@code <id>.properties}: its envelope, whether it was heard and,
 * once recorded, its length. A draft's file has no {@code durationMillis}; what cannot be read
 * is left blank rather than lose the message. Stateless.
 */
public final class EnvelopeFile {

    /** What the file holds; {@code duration} is null while the message is being recorded. */
    public record Contents(Envelope envelope, boolean heard, Duration duration) {
    }

    private EnvelopeFile() {
    }

    /** Reads the file; {@code wav} (the message's audio) dates a message whose time cannot be read. */
    public static Contents read(Path file, Path wav) throws IOException {
        Properties p = StoreFiles.read(file);
        Duration duration;
        try {
            duration = Duration.ofMillis(Long.parseLong(p.getProperty("durationMillis", "").trim()));
        } catch (NumberFormatException e) {
            duration = null;
        }
        return new Contents(envelope(p, wav), MailboxFile.bool(p, "heard", false), duration);
    }

    /** Writes the file whole; {@code duration} null for a message being recorded. */
    public static void write(Path file, String id, String mailbox, Envelope envelope, boolean heard,
            Duration duration) throws IOException {
        StoreFiles.writeAtomically(file, text(id, mailbox, envelope, heard, duration));
    }

    /** The envelope of audio found without one: an unknown caller, received when the audio was last written. */
    public static Envelope unknown(Path wav) throws IOException {
        return new Envelope("", "", "", ForwardReason.NONE, "", Files.getLastModifiedTime(wav).toInstant(), false);
    }

    static byte[] text(String id, String mailbox, Envelope e, boolean heard, Duration duration) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("mailbox", mailbox);
        v.put("callingNumber", e.callingNumber());
        v.put("callingName", e.callingName());
        v.put("calledNumber", e.calledNumber());
        v.put("reason", e.reason().name());
        v.put("dnis", e.dnis());
        v.put("received", e.received().toString());
        v.put("urgent", Boolean.toString(e.urgent()));
        v.put("heard", Boolean.toString(heard));
        if (duration != null) {
            v.put("durationMillis", Long.toString(duration.toMillis()));
        }
        return StoreFiles.format("Callpost message " + id + " in mailbox " + mailbox + (duration == null
                ? " (being recorded)" : ""), v);
    }

    private static Envelope envelope(Properties p, Path wav) throws IOException {
        Instant received;
        try {
            received = Instant.parse(p.getProperty("received", "").trim());
        } catch (RuntimeException e) {
            received = Files.getLastModifiedTime(wav).toInstant();
        }
        ForwardReason reason;
        try {
            reason = ForwardReason.valueOf(p.getProperty("reason", "NONE").trim());
        } catch (IllegalArgumentException e) {
            reason = ForwardReason.NONE;
        }
        return new Envelope(p.getProperty("callingNumber", ""), p.getProperty("callingName", ""),
                p.getProperty("calledNumber", ""), reason, p.getProperty("dnis", ""), received,
                MailboxFile.bool(p, "urgent", false));
    }
}
