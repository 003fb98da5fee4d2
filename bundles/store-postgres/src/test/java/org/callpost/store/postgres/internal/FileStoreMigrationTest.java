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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.PinRules;
import org.callpost.api.store.StoreMigration.Copied;
import org.callpost.store.file.internal.Settings;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.Greetings;
import org.callpost.store.file.internal.operations.MailboxEvents;
import org.callpost.store.file.internal.operations.Mailboxes;
import org.callpost.store.file.internal.operations.MessageIds;
import org.callpost.store.file.internal.operations.Messages;
import org.callpost.store.file.internal.storage.FileMailboxStorage;
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
 * callpost:store-migrate's copy, against a real PostgreSQL ({@link PostgresServer}) and a file store
 * made by the file store's own operations and storage: run twice, it copies once and counts what
 * is there; folders, heard state, greetings and audio arrive whole, and the PIN still checks.
 */
public class FileStoreMigrationTest {
    private static final Settings SETTINGS = new Settings(Duration.ofMillis(1000), 100, Duration.ofMinutes(60),
            new PinRules(4, 10), 1000);
    private static PostgresServer server;
    private static int databases;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ConnectionSettings connection;
    private HikariDataSource db;
    private PostgresMessageStore store;

    @BeforeClass
    public static void startServer() throws IOException {
        server = PostgresServer.start(Path.of("target", "postgres-migrate"));
    }

    @AfterClass
    public static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Before
    public void database() throws Exception {
        String url = server.createDatabase("migrate_" + ++databases);
        connection = new ConnectionSettings(url, server.user(), server.password(), 4, temp.newFolder("spool").toPath());
        db = StoreDatabase.open(connection);
        if (!server.isOwn()) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }
        }
        SchemaMigrations.migrate(db);
    }

    @After
    public void stop() {
        if (store != null) {
            store.deactivate();
        }
        db.close();
    }

    private static byte[] wav(long millis, int pitch) {
        int dataBytes = (int) (millis * 16);
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        WavFile.writeHeader(out, dataBytes);
        for (int i = 0; i < dataBytes / 2; i++) {
            out.putShort((short) (8000 * Math.sin(2 * Math.PI * pitch * i / 8000.0)));
        }
        return out.array();
    }

    private static Envelope envelope(String caller, boolean urgent) {
        return new Envelope(caller, "Alice Caller", "201", ForwardReason.BUSY, "800",
                Instant.parse("2026-11-24T05:00:00Z"), urgent);
    }

    /** What the file store's operations keep for a message left in {@code number}. */
    private static Message leave(Messages messages, String number, Envelope envelope, byte[] audio) throws Exception {
        MessageDraft draft = messages.begin(number, envelope);
        Files.write(draft.recordingFile(), audio);
        return draft.commit().message().orElseThrow();
    }

    private long count(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    public void aFileStoreIsCopiedOnceWithItsFoldersHeardStateGreetingsAndPins() throws Exception {
        Path files = temp.newFolder("store").toPath();
        byte[] first = wav(3000, 440);
        byte[] second = wav(2000, 550);
        byte[] greeting = wav(1500, 660);
        Message m1;
        Message m2;
        MailboxEvents events = new MailboxEvents(() -> SETTINGS);
        try {
            FileMailboxStorage storage = new FileMailboxStorage(files);
            Mailboxes mailboxes = new Mailboxes(storage, () -> SETTINGS, events);
            Messages messages = new Messages(mailboxes, storage, () -> SETTINGS, events, new MessageIds());
            Greetings greetings = new Greetings(mailboxes, storage, () -> SETTINGS, new MessageIds());
            mailboxes.load();
            mailboxes.create(Mailbox.of("201", "201", "").withActiveGreeting(Greeting.PERSONAL), "4321");
            mailboxes.create(Mailbox.of("1000", "", "").withLanguage("fr"), null);
            m1 = leave(messages, "201", envelope("5550001", true), first);
            m2 = leave(messages, "201", envelope("5550002", false), second);
            m2 = messages.markHeard("201", m2.id());
            m2 = messages.move("201", m2.id(), Folder.SAVED);
            GreetingDraft g = greetings.begin("201", Greeting.PERSONAL);
            Files.write(g.recordingFile(), greeting);
            assertTrue(g.commit());
        } finally {
            events.stop();
        }

        FileStoreMigration migration = new FileStoreMigration(db, files);
        Copied copied = migration.copyFileStore(files);
        assertEquals(new Copied(2, 1, 2, 0, 0, 0), copied);
        assertEquals("copied: 2 mailboxes, 1 greetings, 2 messages; already there: 0 mailboxes, 0 greetings, 0 messages",
                copied.toString());
        Copied again = migration.copyFileStore(files);
        assertEquals("a second run copies nothing and says what is there", new Copied(0, 0, 0, 2, 1, 2), again);
        assertEquals(2, count("SELECT count(*) FROM mailbox"));
        assertEquals(2, count("SELECT count(*) FROM message"));
        assertEquals(2, count("SELECT count(*) FROM message_audio"));
        assertEquals(1, count("SELECT count(*) FROM greeting"));
        assertEquals("the PIN hash is copied as it is: never re-hashed", 1000, count("SELECT iterations FROM mailbox_pin"));

        store = new PostgresMessageStore(StoreDatabase.open(connection), connection, SETTINGS); // the store restarted
        assertEquals(List.of("201", "1000"), store.mailboxes().stream().map(Mailbox::number).toList());
        assertTrue("the PIN still checks", store.checkPin("201", "4321"));
        assertFalse(store.checkPin("201", "1234"));
        assertFalse(store.mailbox("1000").orElseThrow().pinSet());
        assertEquals("the language is copied", "fr", store.mailbox("1000").orElseThrow().language());
        assertEquals("none stays the system's rule", "", store.mailbox("201").orElseThrow().language());
        assertEquals(Greeting.PERSONAL, store.mailbox("201").orElseThrow().activeGreeting());
        Message new1 = store.message("201", m1.id()).orElseThrow();
        assertEquals(Folder.NEW, new1.folder());
        assertFalse(new1.heard());
        assertTrue(new1.urgent());
        assertEquals("5550001", new1.envelope().callingNumber());
        assertEquals(ForwardReason.BUSY, new1.envelope().reason());
        assertEquals(3000, new1.duration().toMillis());
        assertArrayEquals(first, Files.readAllBytes(new1.audio()));
        Message saved = store.message("201", m2.id()).orElseThrow();
        assertEquals(Folder.SAVED, saved.folder());
        assertTrue("heard state kept", saved.heard());
        assertArrayEquals(second, Files.readAllBytes(saved.audio()));
        assertArrayEquals(greeting, Files.readAllBytes(store.greeting("201", Greeting.PERSONAL).orElseThrow()));
        assertEquals(1, store.counts("201").newCount());
        assertEquals(1, store.counts("201").savedCount());
    }

    @Test
    public void aMailboxAlreadyInTheDatabaseKeepsItsSettingsAndGetsTheMessagesItLacks() throws Exception {
        Path files = temp.newFolder("store").toPath();
        Message m1;
        MailboxEvents events = new MailboxEvents(() -> SETTINGS);
        try {
            FileMailboxStorage storage = new FileMailboxStorage(files);
            Mailboxes mailboxes = new Mailboxes(storage, () -> SETTINGS, events);
            Messages messages = new Messages(mailboxes, storage, () -> SETTINGS, events, new MessageIds());
            mailboxes.load();
            mailboxes.create(Mailbox.of("201", "201", ""), "4321");
            m1 = leave(messages, "201", envelope("5550001", false), wav(2000, 440));
        } finally {
            events.stop();
        }
        store = new PostgresMessageStore(StoreDatabase.open(connection), connection, SETTINGS);
        store.createMailbox(Mailbox.of("201", "201", "").withTrustExtension(true), "9876");
        store.deactivate();
        store = null;

        Copied copied = new FileStoreMigration(db, files).copyFileStore(files);
        assertEquals(new Copied(0, 0, 1, 1, 0, 0), copied);
        store = new PostgresMessageStore(StoreDatabase.open(connection), connection, SETTINGS);
        assertTrue("the database's PIN is kept", store.checkPin("201", "9876"));
        assertTrue(store.mailbox("201").orElseThrow().trustExtension());
        assertEquals(List.of(m1.id()), store.messages("201", Folder.NEW).stream().map(Message::id).toList());
    }

    @Test
    public void aFolderThatIsNoFileStoreIsRefusedNamingTheFileStoresFolder() throws Exception {
        Path configured = temp.getRoot().toPath().resolve("callpost").resolve("store");
        try {
            new FileStoreMigration(db, configured).copyFileStore(Path.of("/nonexistent/store"));
            fail("nothing to copy");
        } catch (IOException expected) {
            assertEquals("There is no file store in /nonexistent/store: name the file store's folder, e.g. "
                    + "callpost:store-migrate " + configured, expected.getMessage());
        }
        assertEquals(0, count("SELECT count(*) FROM mailbox"));
    }
}
