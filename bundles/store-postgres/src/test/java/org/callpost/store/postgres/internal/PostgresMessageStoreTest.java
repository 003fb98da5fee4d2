package org.callpost.store.postgres.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.Notification;
import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.Settings;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.testsupport.PostgresServer;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The message store over PostgreSQL, against a real server (test-support's {@link PostgresServer}:
 * its own cluster on loopback, one new database per test). A "restart" is a new store on the same
 * database; a new node is one with an empty spool folder.
 */
public class PostgresMessageStoreTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The schema scripts this bundle has, and the newest version. */
    private static final int SCRIPTS = SchemaMigrations.SCRIPTS.size();
    private static final int NEWEST = SchemaMigrations.version(SchemaMigrations.SCRIPTS.get(SCRIPTS - 1));
    private static PostgresServer server;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<PostgresMessageStore> opened = new ArrayList<>();
    private String url;
    private HikariDataSource sql;

    @BeforeClass
    public static void startServer() throws IOException {
        server = PostgresServer.start(Path.of("target", "postgres"));
    }

    @AfterClass
    public static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Before
    public void database() throws Exception {
        url = server.createDatabase("store_" + DATABASES.incrementAndGet());
        if (!server.isOwn()) {
            try (Connection c = connect(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }
        }
        sql = StoreDatabase.open(connection(temp.newFolder("unused").toPath()));
    }

    @After
    public void stop() {
        opened.forEach(PostgresMessageStore::deactivate);
        if (sql != null) {
            sql.close();
        }
    }

    private static Connection connect(String url) throws SQLException {
        return java.sql.DriverManager.getConnection(url, server.user(), server.password());
    }

    private ConnectionSettings connection(Path spool) {
        return new ConnectionSettings(url, server.user(), server.password(), 4, spool);
    }

    private static Settings settings() {
        return new Settings(Duration.ofMillis(1000), 100, Duration.ofMinutes(60), new PinRules(4, 10), 1000);
    }

    /** A store on this test's database with its spool in {@code spool} (a node). */
    private PostgresMessageStore open(Path spool) throws IOException {
        ConnectionSettings connection = connection(spool);
        PostgresMessageStore store = new PostgresMessageStore(StoreDatabase.open(connection), connection, settings());
        opened.add(store);
        return store;
    }

    private void stop(PostgresMessageStore store) {
        store.deactivate();
        opened.remove(store);
    }

    private Path node(String name) throws IOException {
        return temp.newFolder(name).toPath();
    }

    private static Envelope envelope(String caller) {
        return new Envelope(caller, "Alice Caller", "201", ForwardReason.NO_ANSWER, "800",
                Instant.parse("2026-11-24T05:00:00Z"), false);
    }

    /** A WAV of {@code millis} of a tone. */
    private static byte[] wav(long millis, int pitch) {
        int dataBytes = (int) (millis * 16);
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        WavFile.writeHeader(out, dataBytes);
        for (int i = 0; i < dataBytes / 2; i++) {
            out.putShort((short) (8000 * Math.sin(2 * Math.PI * pitch * i / 8000.0)));
        }
        return out.array();
    }

    private static Message record(PostgresMessageStore store, String mailbox, String caller, byte[] audio)
            throws Exception {
        MessageDraft draft = store.beginMessage(mailbox, envelope(caller));
        Files.write(draft.recordingFile(), audio);
        CommitResult result = draft.commit();
        assertEquals(CommitResult.Outcome.SAVED, result.outcome());
        return result.message().orElseThrow();
    }

    private byte[] audioRow(String mailbox, String id) throws SQLException {
        try (Connection c = sql.getConnection(); PreparedStatement s = c.prepareStatement("SELECT a.audio FROM message_audio a "
                + "JOIN mailbox b ON b.id = a.mailbox WHERE b.number = ? AND b.removed IS NULL AND a.id = ?")) {
            s.setString(1, mailbox);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = sql.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    public void theSchemaIsMigratedOnceAndRecorded() throws Exception {
        assertEquals(SCRIPTS, SchemaMigrations.migrate(sql));
        assertEquals("a second start changes nothing", 0, SchemaMigrations.migrate(sql));
        open(node("a"));
        assertEquals(SCRIPTS, count("SELECT count(*) FROM callpost_schema"));
        assertEquals(NEWEST, count("SELECT max(version) FROM callpost_schema"));
        assertEquals("V3: the mailbox's language, nullable", 1, count("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'mailbox' AND column_name = 'language' AND is_nullable = 'YES'"));
        for (String table : List.of("mailbox", "mailbox_pin", "greeting", "message", "message_audio")) {
            assertEquals(table, 1, count("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'"));
        }
    }

    @Test
    public void aDatabaseOfANewerCallpostIsRefused() throws Exception {
        SchemaMigrations.migrate(sql);
        try (Connection c = sql.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO callpost_schema (version, script) VALUES (99, 'V99__future.sql')");
        }
        try {
            open(node("a"));
            fail("a schema newer than this bundle is not touched");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("version 99, newer than this Callpost's " + NEWEST));
        }
    }

    @Test
    public void aMessageLeftIsKeptInTheDatabaseAndReadBackBitExactAfterARestartOnAnotherNode() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("201", "201", "Anna Smith"), "1234");
        byte[] audio = wav(2500, 440);
        Message left = record(store, "201", "5551234", audio);
        assertEquals(Duration.ofMillis(2500), left.duration());
        assertArrayEquals("the row holds the recording as made", audio, audioRow("201", left.id()));
        assertEquals(List.of(left.id()), store.messages("201", Folder.NEW).stream().map(Message::id).toList());
        assertEquals(0, count("SELECT count(*) FROM message WHERE heard"));
        stop(store);

        PostgresMessageStore again = open(node("b")); // an empty spool: the audio comes from the database
        Message read = again.message("201", left.id()).orElseThrow();
        assertEquals(Folder.NEW, read.folder());
        assertEquals(envelope("5551234"), read.envelope());
        assertEquals(Duration.ofMillis(2500), read.duration());
        assertArrayEquals(audio, Files.readAllBytes(read.audio()));
        assertTrue("the PIN hash is kept", again.checkPin("201", "1234"));
        assertFalse(again.checkPin("201", "4321"));
        assertEquals(1, again.counts("201").newCount());
    }

    @Test
    public void messagesAreMovedHeardAndPurgedAndARestartSeesIt() throws Exception {
        Path node = node("a");
        PostgresMessageStore store = open(node);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        Message first = record(store, "201", "1", wav(1500, 300));
        Message second = record(store, "201", "2", wav(1500, 600));
        Message third = record(store, "201", "3", wav(1500, 900));
        store.markHeard("201", first.id());
        store.move("201", first.id(), Folder.SAVED);
        store.delete("201", second.id());
        store.delete("201", third.id());
        store.undelete("201", third.id());
        assertEquals(1, store.purgeDeleted("201"));
        assertFalse("the purged message's copy is gone", Files.exists(second.audio()));
        assertEquals(0, count("SELECT count(*) FROM message_audio WHERE id = '" + second.id() + "'"));
        stop(store);

        PostgresMessageStore again = open(node);
        assertEquals(List.of(first.id(), third.id()),
                again.messages("201", Folder.SAVED).stream().map(Message::id).sorted().toList());
        assertTrue(again.message("201", first.id()).orElseThrow().heard());
        assertFalse(again.message("201", third.id()).orElseThrow().heard());
        assertTrue(again.messages("201", Folder.NEW).isEmpty());
        assertTrue(again.message("201", second.id()).isEmpty());
    }

    @Test
    public void mailboxSettingsAndPinChangesAreKept() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("202", "", ""), null);
        Mailbox changed = store.updateMailbox(store.mailbox("202").orElseThrow().withExtension("202")
                .withName(" Zoë Müller = Sales: #1 \\ 東京").withIntegration("branch").withTrustExtension(true)
                .withLimits(new MailboxLimits(5, 120)).withActiveGreeting(Greeting.PERSONAL)
                .withNotification(new Notification(false, "2202", "00791234567")).withLanguage("de"));
        store.changePin("202", "98765");
        stop(store);

        PostgresMessageStore again = open(node("b"));
        assertEquals(changed.withPinSet(true), again.mailbox("202").orElseThrow());
        assertTrue(again.checkPin("202", "98765"));
        assertEquals("202", again.mailboxOfExtension("branch", "202").orElseThrow().number());
        assertEquals("the PIN is kept as a hash only", 0, count("SELECT count(*) FROM mailbox_pin WHERE "
                + "position(convert_to('98765', 'UTF8') in hash) > 0 OR position(convert_to('98765', 'UTF8') in salt) > 0"));
        assertEquals("with the iterations it was made with", 1000, count("SELECT iterations FROM mailbox_pin"));
    }

    @Test
    public void aRecordingInterruptedByAStopIsFiledFromTheSpoolAtStart() throws Exception {
        Path node = node("a");
        PostgresMessageStore store = open(node);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        MessageDraft draft = store.beginMessage("201", envelope("5550000"));
        draft.markUrgent(true);
        byte[] audio = wav(3000, 500);
        Files.write(draft.recordingFile(), audio);
        assertEquals("nothing is in the database until the recording ends", 0, count("SELECT count(*) FROM message"));
        stop(store); // Callpost stops mid-call: the draft is never committed

        PostgresMessageStore again = open(node);
        Message recovered = again.message("201", draft.id()).orElseThrow();
        assertEquals(Folder.NEW, recovered.folder());
        assertTrue(recovered.urgent());
        assertEquals("5550000", recovered.envelope().callingNumber());
        assertArrayEquals(audio, audioRow("201", draft.id()));
        assertFalse("the spool is emptied", Files.exists(draft.recordingFile()));
    }

    @Test
    public void aStopBetweenTheCommitAndFilingLeavesTheMessageOnceAndTheSpoolEmptied() throws Exception {
        Path node = node("a");
        PostgresMessageStore store = open(node);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        byte[] audio = wav(2000, 440);
        Message kept = record(store, "201", "5550000", audio);
        stop(store);
        // what a stop right after the transaction leaves: the recording and its envelope still spooled
        Path drafts = node.resolve("drafts").resolve("201");
        Files.createDirectories(drafts);
        Files.write(drafts.resolve(kept.id() + ".wav"), audio);
        Files.writeString(drafts.resolve(kept.id() + ".envelope"), "callingNumber=5550000\n");

        PostgresMessageStore again = open(node);
        assertEquals(List.of(kept.id()), again.messages("201", Folder.NEW).stream().map(Message::id).toList());
        assertEquals(1, count("SELECT count(*) FROM message"));
        try (var left = Files.list(drafts)) {
            assertEquals("the spool is emptied", 0, left.count());
        }
    }

    @Test
    public void twoNodesStartingTogetherMigrateOnce() throws Exception {
        try (HikariDataSource other = StoreDatabase.open(connection(node("b")))) {
            java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var first = both.submit(() -> {
                    go.await();
                    return SchemaMigrations.migrate(sql);
                });
                var second = both.submit(() -> {
                    go.await();
                    return SchemaMigrations.migrate(other);
                });
                go.countDown();
                assertEquals("one applies the scripts, the other waits for the lock and finds them applied", SCRIPTS,
                        first.get() + second.get());
            } finally {
                both.shutdownNow();
            }
        }
        assertEquals(SCRIPTS, count("SELECT count(*) FROM callpost_schema"));
    }

    @Test
    public void aMessageShorterThanTheMinimumNeverReachesTheDatabase() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        MessageDraft draft = store.beginMessage("201", envelope("1"));
        Files.write(draft.recordingFile(), wav(400, 440));
        assertEquals(CommitResult.Outcome.TOO_SHORT, draft.commit().outcome());
        assertEquals(0, count("SELECT count(*) FROM message"));
        assertFalse(Files.exists(draft.recordingFile()));
    }

    @Test
    public void greetingsAreKeptReplacedAndDeleted() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        GreetingDraft first = store.beginGreeting("201", Greeting.PERSONAL);
        Files.write(first.recordingFile(), wav(2000, 440));
        assertTrue(first.commit());
        GreetingDraft second = store.beginGreeting("201", Greeting.PERSONAL);
        byte[] audio = wav(2000, 880);
        Files.write(second.recordingFile(), audio);
        assertTrue(second.commit());
        GreetingDraft name = store.beginGreeting("201", Greeting.NAME);
        Files.write(name.recordingFile(), wav(1200, 200));
        assertTrue(name.commit());
        store.deleteGreeting("201", Greeting.NAME);
        assertArrayEquals(audio, Files.readAllBytes(store.greeting("201", Greeting.PERSONAL).orElseThrow()));
        stop(store);

        PostgresMessageStore again = open(node("b"));
        assertArrayEquals("the newer greeting, from the database", audio,
                Files.readAllBytes(again.greeting("201", Greeting.PERSONAL).orElseThrow()));
        assertTrue(again.greeting("201", Greeting.NAME).isEmpty());
        assertTrue(again.greeting("201", Greeting.BUSY).isEmpty());
        assertEquals(1, count("SELECT count(*) FROM greeting"));
    }

    @Test
    public void aForwardedMessageIsACopyAfterTheIntroduction() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        store.createMailbox(Mailbox.of("202", "202", ""), null);
        byte[] original = wav(1500, 440);
        Message message = record(store, "201", "1", original);
        Path introduction = temp.newFile("intro.wav").toPath();
        byte[] intro = wav(500, 700);
        Files.write(introduction, intro);
        Message copy = store.forward("201", message.id(), "202", envelope("201"), introduction);
        assertEquals(Duration.ofMillis(2000), copy.duration());
        byte[] kept = audioRow("202", copy.id());
        assertEquals(44 + (intro.length - 44) + (original.length - 44), kept.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(original, 44, original.length),
                java.util.Arrays.copyOfRange(kept, intro.length, kept.length));
        assertEquals("the original stays", 1, store.messages("201", Folder.NEW).size());
    }

    @Test
    public void aRemovedMailboxIsKeptAsideAndItsNumberCanBeUsedAgain() throws Exception {
        PostgresMessageStore store = open(node("a"));
        store.createMailbox(Mailbox.of("201", "201", "Anna"), "1234");
        record(store, "201", "1", wav(1500, 440));
        store.removeMailbox("201");
        assertEquals("kept for the administrator", 1, count("SELECT count(*) FROM mailbox WHERE removed IS NOT NULL"));
        assertEquals(1, count("SELECT count(*) FROM message"));
        store.createMailbox(Mailbox.of("201", "201", "Ben"), null);
        assertTrue(store.messages("201", Folder.NEW).isEmpty());
        stop(store);

        PostgresMessageStore again = open(node("b"));
        assertEquals("Ben", again.mailbox("201").orElseThrow().name());
        assertTrue(again.messages("201", Folder.NEW).isEmpty());
        assertFalse(again.mailbox("201").orElseThrow().pinSet());
    }

    @Test
    public void theStoreRefusesToStartWhenTheDatabaseCannotBeReached() throws Exception {
        ConnectionSettings wrong = new ConnectionSettings("jdbc:postgresql://127.0.0.1:1/callpost", "callpost",
                "s3cret-password", 2, node("a"));
        try {
            StoreDatabase.open(wrong).close();
            fail("nothing listens on port 1");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith(
                    "PostgreSQL at jdbc:postgresql://127.0.0.1:1/callpost as callpost cannot be reached"));
            assertFalse("the password is never said", expected.getMessage().contains("s3cret"));
        }
    }
}
