package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.callpost.api.store.Envelope;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Greeting;

/**
 * This node's spool folder: {@code drafts/<number>/} holds recordings in progress
 * ({@code <id>.wav} with its envelope {@code <id>.envelope}, greetings as
 * {@code greeting-<kind>-<id>.wav}) until they are committed to the database;
 * {@code audio/<number>/} holds local copies of kept audio to play, rebuilt from the database
 * when missing. Nothing here is the only copy of something kept.
 */
final class Spool {
    private static final String GREETING = "greeting-";
    private static final String ENVELOPE = ".envelope";
    private static final String WAV = ".wav";

    private final Path root;

    /** A draft a stop left in the spool. */
    record Draft(String id, boolean greeting, Path audio, Envelope envelope) {
    }

    Spool(Path root) {
        this.root = root;
    }

    private Path draftFolder(String number) {
        return root.resolve("drafts").resolve(number);
    }

    private Path copies(String number) {
        return root.resolve("audio").resolve(number);
    }

    Path draftAudio(String number, String id) {
        return draftFolder(number).resolve(id + WAV);
    }

    /** Where a greeting is recorded; its folder is made, as the media engine only makes the file. */
    Path greetingDraft(String number, Greeting greeting, String id) {
        Path dir = draftFolder(number);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The spool folder " + dir + " cannot be made", e);
        }
        return dir.resolve(GREETING + greeting.name() + "-" + id + WAV);
    }

    /** The recording a greeting draft file was: its id, which names the greeting's local copy. */
    static String recordingName(Path greetingDraft) {
        String name = greetingDraft.getFileName().toString();
        name = name.endsWith(WAV) ? name.substring(0, name.length() - WAV.length()) : name;
        return name.substring(name.lastIndexOf('-') + 1);
    }

    Path audio(String number, String id) {
        return copies(number).resolve(id + WAV);
    }

    Path greeting(String number, Greeting greeting, String recording) {
        return copies(number).resolve(GREETING + greeting.name() + "-" + recording + WAV);
    }

    /** Keeps a draft's envelope beside its recording, so a recording a stop interrupts is finished at start. */
    void writeEnvelope(String number, String id, Envelope e) throws IOException {
        Properties p = new Properties();
        p.setProperty("callingNumber", e.callingNumber());
        p.setProperty("callingName", e.callingName());
        p.setProperty("calledNumber", e.calledNumber());
        p.setProperty("reason", e.reason().name());
        p.setProperty("dnis", e.dnis());
        p.setProperty("received", e.received().toString());
        p.setProperty("urgent", Boolean.toString(e.urgent()));
        Path file = draftFolder(number).resolve(id + ENVELOPE);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Callpost message " + id + " of mailbox " + number + " being recorded");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The drafts a stop left for a mailbox; a message recording without envelope gets an unknown caller. */
    List<Draft> drafts(String number) throws IOException {
        Path dir = draftFolder(number);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(WAV)) {
                    names.add(n.substring(0, n.length() - WAV.length()));
                } else if (n.endsWith(ENVELOPE)) {
                    names.add(n.substring(0, n.length() - ENVELOPE.length()));
                } else if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                }
            }
        }
        List<Draft> found = new ArrayList<>();
        for (String id : names) {
            Path wav = dir.resolve(id + WAV);
            if (id.startsWith(GREETING)) {
                found.add(new Draft(id, true, wav, null));
                continue;
            }
            Path envelope = dir.resolve(id + ENVELOPE);
            found.add(new Draft(id, false, wav, Files.exists(envelope) ? readEnvelope(envelope, wav) : unknown(wav)));
        }
        return found;
    }

    private static Envelope readEnvelope(Path file, Path wav) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Instant received;
        try {
            received = Instant.parse(p.getProperty("received", "").trim());
        } catch (RuntimeException e) {
            received = receivedOf(wav);
        }
        ForwardReason reason;
        try {
            reason = ForwardReason.valueOf(p.getProperty("reason", "NONE").trim());
        } catch (IllegalArgumentException e) {
            reason = ForwardReason.NONE;
        }
        return new Envelope(p.getProperty("callingNumber", ""), p.getProperty("callingName", ""),
                p.getProperty("calledNumber", ""), reason, p.getProperty("dnis", ""), received,
                Boolean.parseBoolean(p.getProperty("urgent", "false").trim()));
    }

    private static Envelope unknown(Path wav) throws IOException {
        return new Envelope("", "", "", ForwardReason.NONE, "", receivedOf(wav), false);
    }

    private static Instant receivedOf(Path wav) throws IOException {
        return Files.exists(wav) ? Files.getLastModifiedTime(wav).toInstant() : Instant.now();
    }

    void deleteDraft(String number, String id) throws IOException {
        Files.deleteIfExists(draftFolder(number).resolve(id + WAV));
        Files.deleteIfExists(draftFolder(number).resolve(id + ENVELOPE));
    }

    /** Makes a committed recording the local copy of what the database now keeps. */
    void moveInto(Path recording, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        Files.move(recording, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops a removed mailbox's local copies; its drafts stay until they end. */
    void deleteCopies(String number) throws IOException {
        Path dir = copies(number);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
