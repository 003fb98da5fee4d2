package org.callpost.amis.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.callpost.api.amis.AmisQueued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages waiting for other systems, on disk so that a restart keeps them: one folder per
 * node, in it one folder per message with its envelope ({@code entry.properties}) and a copy of
 * its audio ({@code audio.wav}; the sender may delete the original meanwhile). An entry is
 * removed only once delivered or refused.
 */
final class AmisQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AmisQueue.class);
    private static final String ENTRY = "entry.properties";
    static final String AUDIO = "audio.wav";

    private final Path root;

    AmisQueue(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    /** Queues a copy of {@code audio}; the id sorts by the time it was queued. */
    synchronized AmisQueued add(String node, String remoteMailbox, String localMailbox, String messageId, Duration length,
            Path audio, Instant now) throws IOException {
        String id = String.format("%013d-%s", now.toEpochMilli(), UUID.randomUUID().toString().substring(0, 8));
        Path tmp = root.resolve(node).resolve("." + id);
        Files.createDirectories(tmp);
        Files.copy(audio, tmp.resolve(AUDIO), StandardCopyOption.REPLACE_EXISTING);
        AmisQueued q = new AmisQueued(id, node, remoteMailbox, localMailbox, messageId, length, now, 0, "");
        write(tmp, q);
        Files.move(tmp, root.resolve(node).resolve(id), StandardCopyOption.ATOMIC_MOVE);
        return q;
    }

    /** A node's messages, oldest first. */
    synchronized List<AmisQueued> of(String node) {
        Path dir = root.resolve(node);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<AmisQueued> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.sorted(Comparator.comparing(Path::toString))::iterator) {
                if (p.getFileName().toString().startsWith(".") || !Files.exists(p.resolve(ENTRY))) {
                    continue;
                }
                try {
                    out.add(read(node, p));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("AMIS queue entry {} unreadable, left where it is: {}", p, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The copy of the message's audio. */
    Path audio(AmisQueued q) {
        return root.resolve(q.node()).resolve(q.id()).resolve(AUDIO);
    }

    /** Counts an attempt and what it did. */
    synchronized AmisQueued attempted(AmisQueued q, String outcome) throws IOException {
        AmisQueued now = new AmisQueued(q.id(), q.node(), q.remoteMailbox(), q.localMailbox(), q.messageId(), q.length(),
                q.queued(), q.attempts() + 1, outcome);
        write(root.resolve(q.node()).resolve(q.id()), now);
        return now;
    }

    /** Delivered or refused: gone from the queue. */
    synchronized void remove(AmisQueued q) throws IOException {
        Path dir = root.resolve(q.node()).resolve(q.id());
        Files.deleteIfExists(dir.resolve(AUDIO));
        Files.deleteIfExists(dir.resolve(ENTRY));
        Files.deleteIfExists(dir.resolve(ENTRY + ".tmp"));
        Files.deleteIfExists(dir);
    }

    private static void write(Path dir, AmisQueued q) throws IOException {
        Properties p = new Properties();
        p.setProperty("remote.mailbox", q.remoteMailbox());
        p.setProperty("local.mailbox", q.localMailbox());
        p.setProperty("message.id", q.messageId());
        p.setProperty("length.millis", String.valueOf(q.length().toMillis()));
        p.setProperty("queued", q.queued().toString());
        p.setProperty("attempts", String.valueOf(q.attempts()));
        p.setProperty("last.outcome", q.lastOutcome());
        Path tmp = dir.resolve(ENTRY + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "AMIS message waiting to be sent");
        }
        Files.move(tmp, dir.resolve(ENTRY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static AmisQueued read(String node, Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(ENTRY), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new AmisQueued(dir.getFileName().toString(), node, p.getProperty("remote.mailbox"),
                p.getProperty("local.mailbox"), p.getProperty("message.id"),
                Duration.ofMillis(Long.parseLong(p.getProperty("length.millis", "0"))),
                Instant.parse(p.getProperty("queued")), Integer.parseInt(p.getProperty("attempts", "0")),
                p.getProperty("last.outcome", ""));
    }
}
