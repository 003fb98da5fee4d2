package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailStatus.State;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The durable queue with a scripted SMTP server (answers given in order) and a clock the test moves. */
public class EmailQueueTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Deque<Mailer.Result> answers = new ArrayDeque<>();
    private final List<String> tried = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private Path queueDir;
    private final Settings settings = Settings.defaults("127.0.0.1", 2525); // retry 60 s, 10 attempts

    @Before
    public void folder() {
        queueDir = dir.getRoot().toPath().resolve("queue");
    }

    private EmailQueue queue() throws Exception {
        EmailQueue q = new EmailQueue(queueDir, e -> {
            tried.add(e.id());
            return answers.isEmpty() ? Mailer.Result.retry("no answer scripted") : answers.poll();
        }, clock, 3);
        q.load();
        return q;
    }

    private EmailStatus only(EmailQueue q) {
        assertEquals(1, q.statuses().size());
        return q.statuses().get(0);
    }

    @Test
    public void anEmailQueuedIsOnDiskAndSurvivesARestart() throws Exception {
        EmailQueue q = queue();
        assertTrue(q.enqueue("201", "m1", "anna@example.com", true, false).isPresent());
        try (Stream<Path> files = Files.list(queueDir)) {
            assertEquals("one file per email, no temporary file left", List.of("201-m1.email"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        EmailStatus again = only(queue());
        assertEquals(State.QUEUED, again.state());
        assertEquals("anna@example.com", again.address());
        assertEquals("m1", again.messageId());
        assertEquals(clock.instant(), again.queued());
        assertFalse("queued once only", queue().enqueue("201", "m1", "anna@example.com", true, false).isPresent());
    }

    @Test
    public void sentOnlyOnTheServersAcceptanceAndOnce() throws Exception {
        EmailQueue q = queue();
        q.enqueue("201", "m1", "anna@example.com", true, false);
        answers.add(Mailer.Result.sent("250 OK"));
        assertEquals(1, q.sendDue(settings, e -> sent.add(e.id())));
        assertEquals(List.of("201-m1"), sent);
        assertEquals(State.SENT, only(q).state());
        assertEquals("250 OK", only(q).lastResult());
        EmailQueue reloaded = queue();
        assertEquals(State.SENT, only(reloaded).state());
        clock.advance(Duration.ofHours(2));
        assertEquals("never sent again", 0, reloaded.sendDue(settings, e -> sent.add(e.id())));
        assertFalse(reloaded.enqueue("201", "m1", "anna@example.com", true, false).isPresent());
    }

    @Test
    public void aTemporaryFailureIsRetriedWithTheDelayDoublingAndPersisted() throws Exception {
        EmailQueue q = queue();
        q.enqueue("201", "m1", "anna@example.com", true, false);
        answers.add(Mailer.Result.retry("cannot connect to 127.0.0.1:2525: Connection refused"));
        q.sendDue(settings, e -> sent.add(e.id()));
        EmailStatus s = only(q);
        assertEquals(State.QUEUED, s.state());
        assertEquals(1, s.attempts());
        assertEquals(clock.instant().plusSeconds(60), s.next().orElseThrow());
        assertTrue(s.lastResult(), s.lastResult().contains("Connection refused"));

        clock.advance(Duration.ofSeconds(59));
        assertEquals("not yet due", 0, queue().sendDue(settings, e -> sent.add(e.id())));
        clock.advance(Duration.ofSeconds(1));
        EmailQueue after = queue(); // the retry survives a restart
        answers.add(Mailer.Result.retry("421 4.3.2 Service not available"));
        assertEquals(1, after.sendDue(settings, e -> sent.add(e.id())));
        assertEquals(clock.instant().plusSeconds(120), only(after).next().orElseThrow());
        assertEquals(2, only(after).attempts());
        clock.advance(Duration.ofSeconds(120));
        answers.add(Mailer.Result.sent("250 2.0.0 Ok: queued"));
        after.sendDue(settings, e -> sent.add(e.id()));
        assertEquals(State.SENT, only(after).state());
        assertEquals(3, only(after).attempts());
        assertEquals(List.of("201-m1"), sent);
    }

    @Test
    public void attemptsAreCountedByResultAndTheWaitingOnesShown() throws Exception {
        EmailQueue q = queue();
        q.enqueue("201", "m1", "anna@example.com", true, false);
        q.enqueue("202", "m2", "beat@example.com", true, false);
        assertEquals(2, q.queued());
        answers.add(Mailer.Result.retry("cannot connect"));
        answers.add(Mailer.Result.sent("250 OK"));
        q.sendDue(settings, e -> sent.add(e.id()));
        assertEquals(1, q.queued());
        assertEquals(1, q.counts().count(EmailCounts.Result.RETRIED));
        assertEquals(1, q.counts().count(EmailCounts.Result.SENT));
        assertEquals(0, q.counts().count(EmailCounts.Result.GAVE_UP));
    }

    @Test
    public void backOffDoublesUpToAnHour() {
        assertEquals(60, settings.backoffSeconds(1));
        assertEquals(120, settings.backoffSeconds(2));
        assertEquals(240, settings.backoffSeconds(3));
        assertEquals(1920, settings.backoffSeconds(6));
        assertEquals(3600, settings.backoffSeconds(7));
        assertEquals(3600, settings.backoffSeconds(30));
    }

    @Test
    public void givenUpAfterMaxAttemptsWithTheLastAnswer() throws Exception {
        Settings three = new Settings("127.0.0.1", 2525, Settings.Security.NONE, "", "", "v@callpost.test",
                Templates.DEFAULT_SUBJECT, Templates.DEFAULT_BODY, 1, 3, 30);
        EmailQueue q = queue();
        q.enqueue("201", "m1", "anna@example.com", true, false);
        for (int i = 1; i <= 3; i++) {
            answers.add(Mailer.Result.retry("451 try " + i));
            assertEquals(1, q.sendDue(three, e -> sent.add(e.id())));
            clock.advance(Duration.ofHours(1));
        }
        EmailStatus s = only(q);
        assertEquals(State.GAVE_UP, s.state());
        assertEquals(3, s.attempts());
        assertEquals("451 try 3", s.lastResult());
        assertTrue(s.next().isEmpty());
        assertEquals(0, queue().sendDue(three, e -> sent.add(e.id())));
        assertTrue(sent.isEmpty());
        assertEquals(State.GAVE_UP, only(queue()).state());
    }

    @Test
    public void aPermanentRefusalGivesUpAtOnceATemporaryOneRetries() throws Exception {
        EmailQueue q = queue();
        q.enqueue("201", "m1", "nobody@example.com", true, false);
        q.enqueue("202", "m2", "busy@example.com", true, false);
        answers.add(SmtpMailer.byCode(550, "550 5.1.1 <nobody@example.com>: Recipient address rejected"));
        answers.add(SmtpMailer.byCode(452, "452 4.2.2 Mailbox full"));
        assertEquals(2, q.sendDue(settings, e -> sent.add(e.id())));
        List<EmailStatus> all = q.statuses();
        assertEquals(State.GAVE_UP, all.get(0).state());
        assertEquals(1, all.get(0).attempts());
        assertEquals(State.QUEUED, all.get(1).state());
        assertEquals("452 4.2.2 Mailbox full", all.get(1).lastResult());
    }

    @Test
    public void anEmailCutOffWhileSendingIsQueuedAgainAtTheNextStart() throws Exception {
        EmailQueue q = queue();
        q.enqueue("201", "m1", "anna@example.com", true, false);
        // the file as a crash in the middle of an attempt leaves it
        Path f = queueDir.resolve("201-m1.email");
        Files.writeString(f, Files.readString(f).replace("state=QUEUED", "state=SENDING").replace("attempts=0", "attempts=1"));
        EmailStatus s = only(queue());
        assertEquals(State.QUEUED, s.state());
        assertEquals(1, s.attempts());
    }

    @Test
    public void onlyTheLastFinishedEmailsAreKept() throws Exception {
        EmailQueue q = queue();
        for (int i = 1; i <= 5; i++) {
            q.enqueue("201", "m" + i, "anna@example.com", true, false);
            clock.advance(Duration.ofSeconds(1));
            answers.add(Mailer.Result.sent("250 OK"));
        }
        q.sendDue(settings, e -> sent.add(e.id()));
        assertEquals(List.of("201-m3", "201-m4", "201-m5"), q.statuses().stream().map(EmailStatus::id).toList());
        try (Stream<Path> files = Files.list(queueDir)) {
            assertEquals(3, files.count());
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
