package org.callpost.store.file.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.format.StoreFiles;
import org.callpost.store.file.internal.format.WavFile;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The file store on a real file system in a temp folder. */
public class FileMessageStoreTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<FileMessageStore> opened = new ArrayList<>();

    @After
    public void stop() {
        opened.forEach(FileMessageStore::deactivate);
    }

    private static Settings settings(int maxMessages) {
        return new Settings(Duration.ofMillis(1000), maxMessages, Duration.ofMinutes(60), new PinRules(4, 10), 1000);
    }

    private FileMessageStore open(Path root, int maxMessages) throws IOException {
        FileMessageStore store = new FileMessageStore(root, settings(maxMessages));
        opened.add(store);
        return store;
    }

    private Path root() {
        return temp.getRoot().toPath().resolve("store");
    }

    private static Envelope envelope(String caller) {
        return new Envelope(caller, "Alice Caller", "201", ForwardReason.NO_ANSWER, "800",
                Instant.parse("2026-11-24T05:00:00Z"), false);
    }

    /** A WAV of {@code millis} of a tone; {@code crashed}: RIFF and data sizes left zero, as after a crash. */
    static void writeWav(Path file, long millis, boolean crashed) throws IOException {
        int dataBytes = (int) (millis * 16);
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        WavFile.writeHeader(out, crashed ? 0 : dataBytes);
        if (crashed) {
            out.putInt(4, 0);
        }
        for (int i = 0; i < dataBytes / 2; i++) {
            out.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        Files.write(file, out.array());
    }

    private static Message record(FileMessageStore store, String mailbox, String caller, long millis)
            throws Exception {
        MessageDraft draft = store.beginMessage(mailbox, envelope(caller));
        writeWav(draft.recordingFile(), millis, false);
        CommitResult result = draft.commit();
        assertEquals(CommitResult.Outcome.SAVED, result.outcome());
        return result.message().orElseThrow();
    }

    @Test
    public void messageOperationsAreTimedForTheMetrics() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", "Anna"), null);
        Message m = record(store, "201", "0441234567", 3000);
        store.messages("201", Folder.NEW);
        store.message("201", m.id());
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new StoreMeters(store).bindTo(registry);
        for (String op : List.of("begin_message", "commit_message", "list_messages", "read_message")) {
            io.micrometer.core.instrument.FunctionTimer t = registry.get("callpost.store.operation").tag("operation", op).functionTimer();
            assertEquals(op, 1.0, t.count(), 0);
            assertTrue(op, t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        }
        assertEquals(1.0, registry.get("callpost.mailboxes").gauge().value(), 0);
    }

    @Test
    public void eachPbxHasItsOwnExtensionsMailboxesKeptAcrossARestart() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("1201", "201", "Anna at the head office").withIntegration("head-office"), null);
        store.createMailbox(Mailbox.of("2201", "201", "Ben at the branch").withIntegration("branch"), null);
        store.createMailbox(Mailbox.of("300", "300", "Any PBX's 300"), null);

        assertEquals("1201", store.mailboxOfExtension("head-office", "201").orElseThrow().number());
        assertEquals("2201", store.mailboxOfExtension("branch", "201").orElseThrow().number());
        assertTrue("no mailbox of a third PBX's 201", store.mailboxOfExtension("other", "201").isEmpty());
        assertEquals("300", store.mailboxOfExtension("branch", "300").orElseThrow().number());
        for (Mailbox clash : List.of(Mailbox.of("2202", "201", "").withIntegration("branch"),
                Mailbox.of("202", "201", ""), Mailbox.of("2300", "300", "").withIntegration("branch"))) {
            try {
                store.createMailbox(clash, null);
                fail("the extension is taken on its integration: " + clash);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("Extension "));
            }
        }
        try {
            store.createMailbox(Mailbox.of("2203", "203", "").withIntegration("branch office"), null);
            fail("an integration is a configuration name");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("'branch office'"));
        }

        store.deactivate();
        opened.clear();
        FileMessageStore again = open(root(), 100);
        assertEquals("branch", again.mailbox("2201").orElseThrow().integration());
        assertEquals("", again.mailbox("300").orElseThrow().integration());
        assertEquals("2201", again.mailboxOfExtension("branch", "201").orElseThrow().number());
    }

    @Test
    public void aStoreWrittenBeforeMailboxesHadAnIntegrationReadsAsMailboxesOfAnyPbx() throws Exception {
        Path box = root().resolve("201");
        Files.createDirectories(box);
        // mailbox.properties as Callpost wrote it before the integration property
        Files.writeString(box.resolve("mailbox.properties"), "number=201\nextension=201\nname=Anna\n"
                + "trustExtension=false\nactiveGreeting=SYSTEM\nnotification.messageWaiting=true\n"
                + "notification.lampExtension=\nnotification.calloutNumber=\nlimits.maxMessages=0\n"
                + "limits.maxTotalSeconds=0\n");
        FileMessageStore store = open(root(), 100);
        Mailbox read = store.mailbox("201").orElseThrow();
        assertEquals("", read.integration());
        assertEquals("201", store.mailboxOfExtension("vm", "201").orElseThrow().number());
        store.updateMailbox(read.withIntegration("vm"));
        assertTrue(Files.readString(box.resolve("mailbox.properties")).contains("integration=vm"));
        assertTrue(store.mailboxOfExtension("other", "201").isEmpty());
    }

    @Test
    public void mailboxesAreCreatedFoundUpdatedAndRemoved() throws Exception {
        FileMessageStore store = open(root(), 100);
        Mailbox created = store.createMailbox(Mailbox.of("201", "201", "Anna Smith"), "1234");
        assertTrue(created.pinSet());
        store.createMailbox(Mailbox.of("202", "", ""), null);

        assertEquals("Anna Smith", store.mailbox("201").orElseThrow().name());
        assertEquals("201", store.mailboxOfExtension("vm", "201").orElseThrow().number());
        assertTrue(store.mailboxOfExtension("vm", "202").isEmpty());
        assertEquals(List.of("201", "202"), store.mailboxes().stream().map(Mailbox::number).toList());
        assertFalse(store.mailbox("202").orElseThrow().pinSet());
        for (String layout : List.of("mailbox.properties", "greetings", "new", "saved", "deleted", "drafts")) {
            assertTrue(layout, Files.exists(root().resolve("201").resolve(layout)));
        }

        try {
            store.createMailbox(Mailbox.of("203", "201", ""), null);
            fail("an extension has one mailbox");
        } catch (IllegalArgumentException expected) {
            // refused
        }
        try {
            store.createMailbox(Mailbox.of("20a", "", ""), null);
            fail("mailbox numbers are digits");
        } catch (IllegalArgumentException expected) {
            // refused
        }
        try {
            store.createMailbox(Mailbox.of("201", "", ""), null);
            fail("mailbox numbers are unique");
        } catch (IllegalArgumentException expected) {
            // refused
        }

        Mailbox changed = store.updateMailbox(store.mailbox("202").orElseThrow().withExtension("202")
                .withName(" Zoë Müller = Sales: #1 \\ 東京")
                .withTrustExtension(true).withLimits(new MailboxLimits(5, 120)).withActiveGreeting(Greeting.PERSONAL)
                .withNotification(new org.callpost.api.store.Notification(true, "", "00791234567")));
        assertEquals("202", changed.extension());
        assertEquals("00791234567", changed.notification().calloutNumber());

        FileMessageStore again = open(root(), 100);
        Mailbox reloaded = again.mailbox("202").orElseThrow();
        assertEquals(changed, reloaded);
        assertEquals(5, again.counts("202").maxMessages());
        assertEquals(Duration.ofSeconds(120), again.counts("202").maxTotal());
        assertEquals(100, again.counts("201").maxMessages());

        again.removeMailbox("202");
        assertTrue(again.mailbox("202").isEmpty());
        assertFalse(Files.exists(root().resolve("202")));
        try (var removed = Files.list(root().resolve("removed"))) {
            assertEquals("kept aside for the administrator", 1, removed.count());
        }
        try {
            again.counts("202");
            fail("removed");
        } catch (NoSuchMailboxException expected) {
            // gone
        }
        assertTrue(open(root(), 100).mailbox("202").isEmpty());
    }

    @Test
    public void pinIsKeptOnlyAsSaltedHashAndWrongPinIsRefused() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), "4711");
        store.createMailbox(Mailbox.of("202", "202", ""), "4711");

        Properties one = StoreFiles.read(root().resolve("201/mailbox.properties"));
        Properties two = StoreFiles.read(root().resolve("202/mailbox.properties"));
        assertEquals("PBKDF2WithHmacSHA256", one.getProperty("pin.algorithm"));
        assertEquals("1000", one.getProperty("pin.iterations"));
        assertNotEquals("4711", one.getProperty("pin.hash"));
        assertNotEquals("the salt differs per mailbox", one.getProperty("pin.salt"), two.getProperty("pin.salt"));
        assertNotEquals(one.getProperty("pin.hash"), two.getProperty("pin.hash"));
        String text = Files.readString(root().resolve("201/mailbox.properties"), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("=4711"));

        assertTrue(store.checkPin("201", "4711"));
        assertFalse(store.checkPin("201", "4712"));
        assertFalse(store.checkPin("201", ""));
        assertFalse(store.checkPin("201", null));

        for (String bad : List.of("12", "12345678901", "12a4")) {
            try {
                store.changePin("201", bad);
                fail("PIN " + bad + " breaks the rules");
            } catch (IllegalArgumentException expected) {
                assertFalse("the message never holds the PIN", expected.getMessage().contains(bad));
            }
        }
        store.changePin("201", "98765");
        assertFalse(store.checkPin("201", "4711"));
        assertTrue(store.checkPin("201", "98765"));
        assertTrue(open(root(), 100).checkPin("201", "98765"));

        store.createMailbox(Mailbox.of("203", "", ""), null);
        assertFalse("no PIN set: PIN logon refused", store.checkPin("203", ""));
    }

    @Test
    public void draftCommittedBecomesNewMessageWithEnvelopeAndDuration() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), "1234");
        BlockingQueue<MailboxCounts> heard = new LinkedBlockingQueue<>();
        store.addListener((mailbox, counts) -> heard.add(counts));
        assertEquals("a new listener learns every mailbox", 0, heard.poll(5, TimeUnit.SECONDS).unheardCount());

        Envelope envelope = envelope("0441234567");
        MessageDraft draft = store.beginMessage("201", envelope);
        assertTrue(Files.isDirectory(draft.recordingFile().getParent()));
        assertEquals(Duration.ofMinutes(60), draft.maxDuration());
        writeWav(draft.recordingFile(), 3000, false);
        draft.markUrgent(true);
        CommitResult result = draft.commit();

        assertEquals(CommitResult.Outcome.SAVED, result.outcome());
        Message message = result.message().orElseThrow();
        assertEquals(Duration.ofMillis(3000), message.duration());
        assertEquals(envelope.withUrgent(true), message.envelope());
        assertEquals(Folder.NEW, message.folder());
        assertFalse(message.heard());
        assertTrue(Files.exists(message.audio()));
        assertEquals(root().resolve("201/new/" + message.id() + ".wav"), message.audio());
        String text = Files.readString(root().resolve("201/new/" + message.id() + ".properties"),
                StandardCharsets.ISO_8859_1);
        assertTrue("readable by an administrator: " + text, text.contains("\nreceived=2026-11-24T05:00:00Z\n")
                && text.contains("\ndurationMillis=3000\n") && text.contains("\nreason=NO_ANSWER\n"));
        try (var drafts = Files.list(root().resolve("201/drafts"))) {
            assertEquals(0, drafts.count());
        }
        assertEquals(List.of(message), store.messages("201", Folder.NEW));
        assertEquals(1, heard.poll(5, TimeUnit.SECONDS).unheardCount());
        try {
            draft.commit();
            fail("committed once");
        } catch (IllegalStateException expected) {
            // once
        }

        Message played = store.markHeard("201", message.id());
        assertTrue(played.heard());
        MailboxCounts counts = heard.poll(5, TimeUnit.SECONDS);
        assertEquals(1, counts.newCount());
        assertEquals(0, counts.unheardCount());

        Message saved = store.move("201", message.id(), Folder.SAVED);
        assertEquals(Folder.SAVED, saved.folder());
        assertTrue(Files.exists(saved.audio()));
        assertEquals(1, store.counts("201").savedCount());

        FileMessageStore again = open(root(), 100);
        Message reloaded = again.message("201", message.id()).orElseThrow();
        assertEquals(saved, reloaded);

        again.delete("201", message.id());
        assertEquals(1, again.counts("201").deletedCount());
        assertEquals(Folder.SAVED, again.undelete("201", message.id()).folder());
        again.delete("201", message.id());
        assertEquals(1, again.purgeDeleted("201"));
        assertTrue(again.message("201", message.id()).isEmpty());
        try (var deleted = Files.list(root().resolve("201/deleted"))) {
            assertEquals(0, deleted.count());
        }
    }

    @Test
    public void messageShorterThanMinimumIsDiscarded() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        MessageDraft draft = store.beginMessage("201", envelope("100"));
        writeWav(draft.recordingFile(), 600, false);
        CommitResult result = draft.commit();
        assertEquals(CommitResult.Outcome.TOO_SHORT, result.outcome());
        assertEquals(Duration.ofMillis(600), result.duration());
        assertTrue(result.message().isEmpty());
        assertEquals(0, store.counts("201").newCount());

        MessageDraft never = store.beginMessage("201", envelope("100"));
        assertEquals("no audio file at all: hung up before recording", CommitResult.Outcome.TOO_SHORT,
                never.commit().outcome());
        MessageDraft discarded = store.beginMessage("201", envelope("100"));
        writeWav(discarded.recordingFile(), 5000, false);
        discarded.discard();
        try (var drafts = Files.list(root().resolve("201/drafts"))) {
            assertEquals(0, drafts.count());
        }
        try (var fresh = Files.list(root().resolve("201/new"))) {
            assertEquals(0, fresh.count());
        }
    }

    @Test
    public void fullMailboxIsReportedBeforeRecording() throws Exception {
        FileMessageStore store = open(root(), 2);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        record(store, "201", "100", 1500);
        record(store, "201", "101", 1500);
        try {
            store.beginMessage("201", envelope("102"));
            fail("two messages fill the mailbox");
        } catch (MailboxFullException full) {
            assertEquals(2, full.counts().newCount());
            assertTrue(full.counts().full());
        }
        try (var drafts = Files.list(root().resolve("201/drafts"))) {
            assertEquals("nothing begun", 0, drafts.count());
        }
        // deleted messages do not count
        store.delete("201", store.messages("201", Folder.NEW).get(0).id());
        store.beginMessage("201", envelope("103")).discard();

        // the length limit: what is left caps the next message; nothing left is full
        store.createMailbox(Mailbox.of("202", "202", "").withLimits(new MailboxLimits(0, 5)), null);
        MessageDraft draft = store.beginMessage("202", envelope("104"));
        assertEquals(Duration.ofSeconds(5), draft.maxDuration());
        writeWav(draft.recordingFile(), 3000, false);
        draft.commit();
        assertEquals(Duration.ofSeconds(2), store.beginMessage("202", envelope("105")).maxDuration());
        record(store, "202", "106", 2000);
        try {
            store.beginMessage("202", envelope("107"));
            fail("five seconds fill the mailbox");
        } catch (MailboxFullException full) {
            assertEquals(Duration.ofSeconds(5), full.counts().total());
        }
    }

    @Test
    public void recordingLeftByACrashBecomesAMessageAtStart() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        MessageDraft draft = store.beginMessage("201", envelope("0441234567"));
        writeWav(draft.recordingFile(), 4000, true); // the media engine wrote audio, sizes never updated
        MessageDraft tooShort = store.beginMessage("201", envelope("555"));
        writeWav(tooShort.recordingFile(), 200, true);
        GreetingDraft greeting = store.beginGreeting("201", Greeting.PERSONAL);
        writeWav(greeting.recordingFile(), 3000, true);
        // no commit: Callpost is killed here

        FileMessageStore restarted = open(root(), 100);
        List<Message> recovered = restarted.messages("201", Folder.NEW);
        assertEquals(1, recovered.size());
        Message message = recovered.get(0);
        assertEquals(draft.id(), message.id());
        assertEquals(Duration.ofMillis(4000), message.duration());
        assertEquals(envelope("0441234567"), message.envelope());
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(message.audio())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF size repaired", 36 + 64000, header.getInt(4));
        assertEquals("data size repaired", 64000, header.getInt(40));
        try (var drafts = Files.list(root().resolve("201/drafts"))) {
            assertEquals("the short one and the greeting draft are removed", 0, drafts.count());
        }
        assertTrue(restarted.greeting("201", Greeting.PERSONAL).isEmpty());
        assertEquals(1, open(root(), 100).counts("201").newCount());
    }

    @Test
    public void messageSplitByACrashDuringCommitOrMoveIsReunited() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        Message moved = record(store, "201", "100", 2000);
        // a crash between the two renames of a move: envelope in saved, audio still in new
        Files.move(root().resolve("201/new/" + moved.id() + ".properties"),
                root().resolve("201/saved/" + moved.id() + ".properties"));
        // a crash between the two renames of a commit: audio in new, envelope (no duration) in drafts
        MessageDraft draft = store.beginMessage("201", envelope("101"));
        writeWav(draft.recordingFile(), 2500, true);
        Files.move(draft.recordingFile(), root().resolve("201/new/" + draft.id() + ".wav"));
        // a temp file left by an interrupted write
        Files.writeString(root().resolve("201/new/x.properties.tmp"), "half");

        FileMessageStore restarted = open(root(), 100);
        MailboxCounts counts = restarted.counts("201");
        assertEquals(2, counts.newCount() + counts.savedCount());
        Message committed = restarted.message("201", draft.id()).orElseThrow();
        assertEquals(Duration.ofMillis(2500), committed.duration());
        assertEquals("101", committed.envelope().callingNumber());
        Message reunited = restarted.message("201", moved.id()).orElseThrow();
        assertTrue(Files.exists(reunited.audio()));
        assertTrue(Files.exists(reunited.audio().resolveSibling(moved.id() + ".properties")));
        assertFalse(Files.exists(root().resolve("201/new/x.properties.tmp")));
    }

    @Test
    public void concurrentCommitsFromManyThreadsAreAllKept() throws Exception {
        FileMessageStore store = open(root(), 1000);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        store.createMailbox(Mailbox.of("202", "202", ""), null);
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String mailbox = t % 2 == 0 ? "201" : "202";
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Message m = record(store, mailbox, thread + "-" + i, 1000 + i * 16);
                    ids.add(m.id());
                    if (i % 3 == 0) {
                        store.markHeard(mailbox, m.id());
                    }
                    store.counts(mailbox);
                }
                return ids;
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> result : results) {
            ids.addAll(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals("ids are unique", threads * each, ids.size());
        assertEquals(threads * each / 2, store.counts("201").newCount());
        assertEquals(threads * each / 2, store.counts("202").newCount());
        FileMessageStore again = open(root(), 1000);
        assertEquals(threads * each / 2, again.counts("201").newCount());
        assertEquals(store.counts("202"), again.counts("202"));
    }

    @Test
    public void greetingsAreRecordedThroughADraftAndReplaceTheOldOne() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        assertTrue(store.greeting("201", Greeting.PERSONAL).isEmpty());
        assertTrue(store.greeting("201", Greeting.SYSTEM).isEmpty());

        GreetingDraft draft = store.beginGreeting("201", Greeting.PERSONAL);
        writeWav(draft.recordingFile(), 2000, false);
        assertTrue(draft.commit());
        Path personal = store.greeting("201", Greeting.PERSONAL).orElseThrow();
        assertEquals(root().resolve("201/greetings/personal.wav"), personal);
        long first = Files.size(personal);

        GreetingDraft shorter = store.beginGreeting("201", Greeting.PERSONAL);
        writeWav(shorter.recordingFile(), 300, false);
        assertFalse("too short: the old greeting stays", shorter.commit());
        assertEquals(first, Files.size(personal));

        GreetingDraft again = store.beginGreeting("201", Greeting.PERSONAL);
        writeWav(again.recordingFile(), 3000, false);
        assertTrue(again.commit());
        assertEquals(44 + 48000, Files.size(personal));

        store.updateMailbox(store.mailbox("201").orElseThrow().withActiveGreeting(Greeting.PERSONAL));
        store.deleteGreeting("201", Greeting.PERSONAL);
        assertTrue(store.greeting("201", Greeting.PERSONAL).isEmpty());
        assertEquals(Greeting.SYSTEM, store.mailbox("201").orElseThrow().activeGreeting());
    }

    @Test
    public void forwardCopiesTheMessageAfterAnIntroduction() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        store.createMailbox(Mailbox.of("202", "202", ""), null);
        Message original = record(store, "201", "100", 2000);
        Path intro = temp.newFile("intro.wav").toPath();
        writeWav(intro, 1500, false);
        Envelope envelope = new Envelope("201", "", "202", ForwardReason.NONE, "", Instant.now(), false);
        Message copy = store.forward("201", original.id(), "202", envelope, intro);
        assertEquals(Duration.ofMillis(3500), copy.duration());
        assertEquals(Folder.NEW, copy.folder());
        assertEquals(1, store.counts("201").newCount());
        assertEquals(1, store.counts("202").unheardCount());
    }

    @Test
    public void listenerIsToldWhenMailboxIsRemoved() throws Exception {
        FileMessageStore store = open(root(), 100);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        BlockingQueue<String> removed = new LinkedBlockingQueue<>();
        store.addListener(new MailboxListener() {
            @Override
            public void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
                // not this test
            }

            @Override
            public void mailboxRemoved(Mailbox mailbox) {
                removed.add(mailbox.extension());
            }
        });
        store.removeMailbox("201");
        assertEquals("201", removed.poll(5, TimeUnit.SECONDS));
    }
}
