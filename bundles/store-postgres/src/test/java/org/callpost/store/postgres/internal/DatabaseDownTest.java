package org.callpost.store.postgres.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.PinRules;
import org.callpost.api.store.StoreUnavailableException;
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
 * PostgreSQL stopped while callers leave messages, against a real server of the test's own
 * ({@link PostgresServer#stopForNow}, {@link PostgresServer#startAgain}): the messages wait in the
 * spool, the health check says so, and each is kept once when the database is back.
 */
public class DatabaseDownTest {
    private static PostgresServer server;
    private static int databases;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<PostgresMessageStore> opened = new ArrayList<>();
    private ConnectionSettings connection;

    @BeforeClass
    public static void startServer() throws IOException {
        server = PostgresServer.start(Path.of("target", "postgres-down"));
    }

    @AfterClass
    public static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Before
    public void database() throws Exception {
        assumeTrue("only a server of the test's own is stopped", server.isOwn());
        connection = new ConnectionSettings(server.createDatabase("down_" + ++databases), server.user(),
                server.password(), 4, temp.newFolder("node").toPath());
    }

    @After
    public void stop() {
        opened.forEach(PostgresMessageStore::deactivate);
    }

    private PostgresMessageStore open() throws IOException {
        PostgresMessageStore store = new PostgresMessageStore(StoreDatabase.open(connection), connection,
                new Settings(Duration.ofMillis(1000), 100, Duration.ofMinutes(60), new PinRules(4, 10), 1000));
        opened.add(store);
        return store;
    }

    private static Envelope envelope(String caller) {
        return new Envelope(caller, "Alice Caller", "201", ForwardReason.NO_ANSWER, "800",
                Instant.parse("2026-11-24T05:00:00Z"), false);
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

    private static MessageDraft recorded(PostgresMessageStore store, String caller, byte[] audio) throws Exception {
        MessageDraft draft = store.beginMessage("201", envelope(caller));
        Files.write(draft.recordingFile(), audio);
        return draft;
    }

    private long rows(String query, String id) throws SQLException {
        try (HikariDataSource db = StoreDatabase.open(connection); Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }

    private byte[] audioRow(String id) throws Exception {
        try (HikariDataSource db = StoreDatabase.open(connection); Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT audio FROM message_audio WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    /** Waits for the store's own thread to deliver what waits; fails after a minute. */
    private static void untilDelivered(PostgresMessageStore store) throws InterruptedException {
        for (int i = 0; i < 600 && (store.deliveries().count() > 0 || store.deliveries().databaseDown()); i++) {
            Thread.sleep(100);
        }
        assertEquals("every waiting message is delivered", 0, store.deliveries().count());
    }

    @Test
    public void messagesLeftWhileTheDatabaseIsDownWaitInTheSpoolAndAreKeptOnceWhenItIsBack() throws Exception {
        PostgresMessageStore store = open();
        DatabaseHealth health = new DatabaseHealth(connection.where());
        health.opened(store);
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        Message earlier = recorded(store, "5550001", wav(2000, 440)).commit().message().orElseThrow();
        assertEquals(HealthStatus.OK, health.check().get(0).status());

        byte[] first = wav(3000, 500);
        byte[] second = wav(2500, 600);
        MessageDraft one = recorded(store, "5550002", first);
        MessageDraft two;
        server.stopForNow();
        try {
            CommitResult kept = one.commit();
            assertEquals("the caller is told the message is saved", CommitResult.Outcome.SAVED, kept.outcome());
            assertEquals(3000, kept.duration().toMillis());
            two = recorded(store, "5550003", second);
            assertEquals(CommitResult.Outcome.SAVED, two.commit().outcome());
            one.discard(); // a flow that discards after a commit throws nothing away

            assertTrue("both wait in the spool", Files.exists(one.recordingFile()) && Files.exists(two.recordingFile()));
            HealthResult down = health.check().get(0);
            assertEquals(HealthStatus.CRITICAL, down.status());
            assertTrue(down.detail(), down.detail().startsWith("PostgreSQL at " + connection.where() + " does not answer: "));
            assertTrue(down.detail(), down.detail().endsWith("; 2 messages waiting in the spool"));
            assertEquals("the lamp's counts are not changed while the database is down (never a false off)", 1,
                    store.counts("201").newCount());
            assertEquals("the messages kept before are still listed", List.of(earlier.id()),
                    store.messages("201", Folder.NEW).stream().map(Message::id).toList());
            try {
                store.markHeard("201", earlier.id());
                fail("a change is refused while the database does not answer");
            } catch (StoreUnavailableException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("PostgreSQL does not answer ("));
            }
            assertFalse("nothing changed", store.message("201", earlier.id()).orElseThrow().heard());
        } finally {
            server.startAgain();
        }

        untilDelivered(store);
        assertEquals(HealthStatus.OK, health.check().get(0).status());
        assertEquals(List.of(earlier.id(), one.id(), two.id()),
                store.messages("201", Folder.NEW).stream().map(Message::id).toList());
        assertEquals(3, store.counts("201").newCount());
        assertEquals("delivered once", 1, rows("SELECT count(*) FROM message WHERE id = ?", one.id()));
        assertEquals(1, rows("SELECT count(*) FROM message WHERE id = ?", two.id()));
        assertArrayEquals(first, audioRow(one.id()));
        assertArrayEquals(second, audioRow(two.id()));
        assertFalse("the spool's drafts are gone", Files.exists(one.recordingFile()));

        store.deactivate();
        opened.remove(store);
        PostgresMessageStore again = open(); // a restart finds each once, nothing left to file
        assertEquals(3, again.messages("201", Folder.NEW).size());
        assertEquals(1, rows("SELECT count(*) FROM message WHERE id = ?", one.id()));
    }

    @Test
    public void aStopWhileMessagesWaitLeavesThemToTheNextStart() throws Exception {
        PostgresMessageStore store = open();
        store.createMailbox(Mailbox.of("201", "201", ""), null);
        byte[] audio = wav(2000, 700);
        MessageDraft draft = recorded(store, "5550004", audio);
        server.stopForNow();
        try {
            assertEquals(CommitResult.Outcome.SAVED, draft.commit().outcome());
            store.deactivate(); // Callpost stops before the database is back
            opened.remove(store);
        } finally {
            server.startAgain();
        }
        PostgresMessageStore again = open();
        Message kept = again.message("201", draft.id()).orElseThrow();
        assertEquals("5550004", kept.envelope().callingNumber());
        assertArrayEquals(audio, audioRow(draft.id()));
        assertEquals(1, rows("SELECT count(*) FROM message WHERE id = ?", draft.id()));
    }

    @Test
    public void aDeliveryTriedAgainAfterAnUnknownOutcomeAddsNothing() throws Exception {
        try (HikariDataSource db = StoreDatabase.open(connection)) {
            SchemaMigrations.migrate(db);
            PostgresMailboxStorage storage = new PostgresMailboxStorage(db, connection.spool());
            storage.load();
            storage.create(Mailbox.of("201", "201", ""), null);
            Path recording = storage.beginDraft("201", "m1", envelope("5550005"));
            Files.write(recording, wav(2000, 300));
            Duration length = storage.finish(recording);
            storage.sealDraft("201", "m1", envelope("5550005"), length);
            storage.sealDraft("201", "m1", envelope("5550005"), length); // the first answer was lost
            assertEquals(1, rows("SELECT count(*) FROM message WHERE id = ?", "m1"));
            assertEquals(1, rows("SELECT count(*) FROM message_audio WHERE id = ?", "m1"));
        }
    }

    @Test
    public void theHealthCheckSaysWhenTheStoreCannotOpen() {
        DatabaseHealth health = new DatabaseHealth("jdbc:postgresql://127.0.0.1:1/callpost");
        health.notOpened("Connection refused");
        HealthResult result = health.check().get(0);
        assertEquals(HealthStatus.CRITICAL, result.status());
        assertEquals("PostgreSQL at jdbc:postgresql://127.0.0.1:1/callpost does not answer: Connection refused; there "
                + "is no message store until it does (tried every 30 s)", result.detail());
    }

}
