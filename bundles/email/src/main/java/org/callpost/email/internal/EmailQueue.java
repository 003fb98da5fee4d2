package org.callpost.email.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable send queue: one small file per email in a directory, written to a temporary file
 * and renamed into place, so a restart or an SMTP outage loses no email. Emails are tried when
 * due; a failure that may pass (a 4xx answer, no connection) is retried after retry.seconds,
 * doubling up to an hour, until max.attempts; a 5xx refusal gives up at once. The last
 * {@code keep} sent and given-up emails are kept to be shown; older ones are removed.
 * <p>
 * Not thread-safe: one sender thread uses it; {@link #statuses()} may be called from any thread.
 */
final class EmailQueue {
    private static final Logger LOG = LoggerFactory.getLogger(EmailQueue.class);
    private static final String SUFFIX = ".email";

    private final Path dir;
    private final Mailer mailer;
    private final Clock clock;
    private final int keep;
    private final Map<String, QueuedEmail> emails = new LinkedHashMap<>();

    EmailQueue(Path dir, Mailer mailer, Clock clock, int keep) {
        this.dir = dir;
        this.mailer = mailer;
        this.clock = clock;
        this.keep = keep;
    }

    /**
     * Reads the queue from its directory. An email found SENDING was cut off by a stop or crash
     * before the server's answer: it is queued again (it may then arrive twice; never not at all).
     */
    synchronized void load() throws IOException {
        Files.createDirectories(dir);
        emails.clear();
        List<QueuedEmail> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    found.add(read(f));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Email: the queue file {} cannot be read and is left alone: {}", f, e.toString());
                }
            }
        }
        found.sort(Comparator.comparing(QueuedEmail::queued).thenComparing(QueuedEmail::id));
        for (QueuedEmail e : found) {
            if (e.state() == State.SENDING) {
                e = e.with(State.QUEUED, e.attempts(), clock.instant(), e.lastResult().isEmpty()
                        ? "interrupted while sending" : e.lastResult());
                write(e);
                LOG.info("Email {} for mailbox {} to {}: QUEUED again, its sending was interrupted by a stop", e.id(),
                        e.mailbox(), e.address());
            }
            emails.put(e.id(), e);
        }
        long waiting = emails.values().stream().filter(e -> e.state() == State.QUEUED).count();
        LOG.info("Email: queue in {}: {} email(s) waiting", dir, waiting);
    }

    private final EmailCounts counts = new EmailCounts();

    /** Attempts by result, for the figures. */
    EmailCounts counts() {
        return counts;
    }

    /** Emails waiting for their first or next attempt. */
    synchronized long queued() {
        return emails.values().stream().filter(e -> e.state() == State.QUEUED).count();
    }

    synchronized boolean contains(String id) {
        return emails.containsKey(id);
    }

    /** Queues the email of a message; does nothing when it is queued (or was sent) already. */
    synchronized Optional<QueuedEmail> enqueue(String mailbox, String messageId, String address, boolean attach,
            boolean delete) {
        String id = QueuedEmail.idOf(mailbox, messageId);
        if (emails.containsKey(id) || Files.exists(file(id))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        QueuedEmail e = new QueuedEmail(id, mailbox, messageId, address, attach, delete, State.QUEUED, 0, now, "", now);
        write(e);
        emails.put(id, e);
        LOG.info("Email {} for mailbox {} message {} to {}: QUEUED{}{}", id, mailbox, messageId, address,
                attach ? ", audio attached" : ", no attachment", delete ? ", deleted after sending" : "");
        return Optional.of(e);
    }

    /** When the next queued email is due, if any is queued. */
    synchronized Optional<Instant> nextDue() {
        return emails.values().stream().filter(e -> e.state() == State.QUEUED).map(QueuedEmail::next)
                .min(Comparator.naturalOrder());
    }

    /**
     * Tries every email that is due, one after the other.
     *
     * @param onSent told of each email the server accepted
     * @return how many were tried
     */
    int sendDue(Settings settings, Consumer<QueuedEmail> onSent) {
        int tried = 0;
        for (QueuedEmail e : due()) {
            tried++;
            QueuedEmail sent = attempt(e, settings);
            if (sent.state() == State.SENT) {
                try {
                    onSent.accept(sent);
                } catch (RuntimeException ex) {
                    LOG.warn("Email {}: after sending: {}", sent.id(), ex.toString());
                }
            }
        }
        return tried;
    }

    private synchronized List<QueuedEmail> due() {
        Instant now = clock.instant();
        return emails.values().stream().filter(e -> e.state() == State.QUEUED && !e.next().isAfter(now)).toList();
    }

    /** One attempt: SENDING, then SENT, QUEUED again with its back-off, or GAVE_UP. */
    QueuedEmail attempt(QueuedEmail e, Settings settings) {
        int attempt = e.attempts() + 1;
        QueuedEmail sending = e.with(State.SENDING, attempt, e.next(), e.lastResult());
        update(sending);
        LOG.info("Email {} for mailbox {} to {}: SENDING (attempt {} of {}) through {}:{}", e.id(), e.mailbox(),
                e.address(), attempt, settings.maxAttempts(), settings.host(), settings.port());
        Mailer.Result r;
        try {
            r = mailer.send(sending);
        } catch (RuntimeException ex) {
            r = Mailer.Result.retry(ex.toString());
        }
        QueuedEmail after;
        switch (r.kind()) {
            case SENT -> {
                counts.add(EmailCounts.Result.SENT);
                after = sending.with(State.SENT, attempt, null, r.answer());
                LOG.info("Email {} for mailbox {} to {}: SENT, the server answered {}", e.id(), e.mailbox(), e.address(),
                        r.answer());
            }
            case REFUSED -> {
                counts.add(EmailCounts.Result.GAVE_UP);
                after = sending.with(State.GAVE_UP, attempt, null, r.answer());
                LOG.warn("Email {} for mailbox {} to {}: GAVE_UP, refused for good: {}", e.id(), e.mailbox(),
                        e.address(), r.answer());
            }
            default -> {
                if (attempt >= settings.maxAttempts()) {
                    counts.add(EmailCounts.Result.GAVE_UP);
                    after = sending.with(State.GAVE_UP, attempt, null, r.answer());
                    LOG.warn("Email {} for mailbox {} to {}: GAVE_UP after {} attempts, the last answer: {}", e.id(),
                            e.mailbox(), e.address(), attempt, r.answer());
                } else {
                    counts.add(EmailCounts.Result.RETRIED);
                    long delay = settings.backoffSeconds(attempt);
                    after = sending.with(State.QUEUED, attempt, clock.instant().plusSeconds(delay), r.answer());
                    LOG.info("Email {} for mailbox {} to {}: QUEUED again, next attempt in {} s: {}", e.id(),
                            e.mailbox(), e.address(), delay, r.answer());
                }
            }
        }
        update(after);
        prune();
        return after;
    }

    private synchronized void update(QueuedEmail e) {
        write(e);
        emails.put(e.id(), e);
    }

    /** Keeps the last {@code keep} finished (sent or given up) emails; removes older ones. */
    private synchronized void prune() {
        List<QueuedEmail> done = emails.values().stream()
                .filter(e -> e.state() == State.SENT || e.state() == State.GAVE_UP)
                .sorted(Comparator.comparing(QueuedEmail::queued).thenComparing(QueuedEmail::id)).toList();
        for (int i = 0; i < done.size() - keep; i++) {
            QueuedEmail old = done.get(i);
            try {
                Files.deleteIfExists(file(old.id()));
                emails.remove(old.id());
            } catch (IOException ex) {
                LOG.warn("Email: {} cannot be removed: {}", file(old.id()), ex.toString());
            }
        }
    }

    /** Queued, sending, given up and the last sent, oldest first. */
    synchronized List<EmailStatus> statuses() {
        return emails.values().stream().map(QueuedEmail::status).toList();
    }

    private Path file(String id) {
        return dir.resolve(id + SUFFIX);
    }

    private void write(QueuedEmail e) {
        Properties p = new Properties();
        p.setProperty("id", e.id());
        p.setProperty("mailbox", e.mailbox());
        p.setProperty("message", e.messageId());
        p.setProperty("address", e.address());
        p.setProperty("attach.audio", String.valueOf(e.attachAudio()));
        p.setProperty("delete.after.sending", String.valueOf(e.deleteAfterSending()));
        p.setProperty("state", e.state().name());
        p.setProperty("attempts", String.valueOf(e.attempts()));
        if (e.next() != null) {
            p.setProperty("next", e.next().toString());
        }
        p.setProperty("last.result", e.lastResult());
        p.setProperty("queued", e.queued().toString());
        try {
            AtomicFiles.write(file(e.id()), p, "Callpost email " + e.id());
        } catch (IOException ex) {
            throw new UncheckedIOException("the queue file of email " + e.id() + " cannot be written", ex);
        }
    }

    private static QueuedEmail read(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String next = p.getProperty("next");
        return new QueuedEmail(p.getProperty("id"), p.getProperty("mailbox"), p.getProperty("message"),
                p.getProperty("address"), Boolean.parseBoolean(p.getProperty("attach.audio")),
                Boolean.parseBoolean(p.getProperty("delete.after.sending")), State.valueOf(p.getProperty("state")),
                Integer.parseInt(p.getProperty("attempts", "0")), next == null ? null : Instant.parse(next),
                p.getProperty("last.result", ""), Instant.parse(p.getProperty("queued")));
    }
}
