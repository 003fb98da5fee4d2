package org.callpost.store.postgres.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
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

/**
 * Two nodes on one real PostgreSQL (test-support's {@link PostgresServer}), each its own store with
 * its own spool, as two call servers have them: what one changes the other's listeners hear, and
 * what it lists it can play; a node whose listening connection broke reads again what it missed.
 */
public class SeveralNodesTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<PostgresMessageStore> opened = new ArrayList<>();
    private String url;
    private int started;

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
        url = server.createDatabase("nodes_" + DATABASES.incrementAndGet());
    }

    @After
    public void stop() {
        opened.forEach(PostgresMessageStore::deactivate);
    }

    private PostgresMessageStore node(String name) throws IOException {
        ConnectionSettings connection = new ConnectionSettings(url, server.user(), server.password(), 4,
                temp.newFolder(name + "-" + ++started).toPath()); // a restart under the name: a spool of its own here
        PostgresMessageStore store = new PostgresMessageStore(StoreDatabase.open(connection, name), connection,
                new Settings(Duration.ofMillis(1000), 100, Duration.ofMinutes(60), new PinRules(4, 10), 1000), name);
        opened.add(store);
        return store;
    }

    /** What a node's listeners were told, in order. */
    private static final class Heard implements MailboxListener {
        final List<MailboxCounts> changes = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();

        @Override
        public void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
            changes.add(counts);
        }

        @Override
        public void mailboxRemoved(Mailbox mailbox) {
            removed.add(mailbox.number());
        }

        boolean last(String number, int unread) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                if (changes.get(i).mailbox().equals(number)) {
                    return changes.get(i).unheardCount() == unread;
                }
            }
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(what + " within 15 s");
            }
            Thread.sleep(20);
        }
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

    private static Message record(PostgresMessageStore store, String mailbox, byte[] audio) throws Exception {
        MessageDraft draft = store.beginMessage(mailbox, new Envelope("5551234", "Alice Caller", mailbox,
                ForwardReason.NO_ANSWER, "800", Instant.parse("2026-12-07T01:00:00Z"), false));
        Files.write(draft.recordingFile(), audio);
        CommitResult result = draft.commit();
        assertEquals(CommitResult.Outcome.SAVED, result.outcome());
        return result.message().orElseThrow();
    }

    @Test
    public void whatOneNodeChangesTheOtherNodesListenersHearAndItsMenusShow() throws Exception {
        PostgresMessageStore one = node("one");
        PostgresMessageStore two = node("two");
        Heard heardOnTwo = new Heard();
        two.addListener(heardOnTwo);
        await("node two listens", two::listening);

        one.createMailbox(Mailbox.of("201", "201", "Anna Smith"), "1234");
        await("node two has the mailbox", () -> two.mailbox("201").isPresent());
        assertTrue("with its PIN", two.checkPin("201", "1234"));
        await("and its listeners heard of it", () -> heardOnTwo.last("201", 0));

        byte[] audio = wav(2000, 440);
        Message left = record(one, "201", audio);
        await("node two's lamp would light: one unread", () -> heardOnTwo.last("201", 1));
        Message listed = two.messages("201", Folder.NEW).get(0);
        assertEquals(left.id(), listed.id());
        assertArrayEquals("node two plays the audio node one recorded, from its own spool", audio,
                Files.readAllBytes(listed.audio()));
        assertFalse("its own copy", listed.audio().equals(left.audio()));

        Heard heardOnOne = new Heard();
        one.addListener(heardOnOne);
        two.markHeard("201", left.id());
        await("node one hears it was heard", () -> heardOnOne.last("201", 0));
        assertTrue(one.message("201", left.id()).orElseThrow().heard());

        one.changePin("201", "9876");
        await("the new PIN on node two", () -> two.checkPin("201", "9876"));

        GreetingDraft greeting = one.beginGreeting("201", Greeting.PERSONAL);
        Files.write(greeting.recordingFile(), wav(1500, 700));
        assertTrue(greeting.commit());
        await("node two plays the new greeting", () -> two.greeting("201", Greeting.PERSONAL).isPresent());
        assertArrayEquals(wav(1500, 700), Files.readAllBytes(two.greeting("201", Greeting.PERSONAL).orElseThrow()));

        two.move("201", left.id(), Folder.DELETED);
        two.purgeDeleted("201");
        await("gone on node one too", () -> one.messages("201", Folder.DELETED).isEmpty()
                && one.messages("201", Folder.NEW).isEmpty());

        one.removeMailbox("201");
        await("removed on node two", () -> heardOnTwo.removed.contains("201"));
        assertTrue(two.mailbox("201").isEmpty());
    }

    @Test
    public void aNodeWhoseListeningConnectionBrokeReadsWhatItMissedOnceItListensAgain() throws Exception {
        PostgresMessageStore one = node("one");
        one.createMailbox(Mailbox.of("201", "201", "Anna Smith"), "1234");
        PostgresMessageStore two = node("two");
        Heard heardOnTwo = new Heard();
        two.addListener(heardOnTwo);
        await("node two listens", two::listening);

        // the database ends node two's connections (as a restart or a network cut does), and keeps
        // them refused while node one leaves a message
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres"; // not the database it closes
        try (Connection c = java.sql.DriverManager.getConnection(admin, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'callpost two'");
            await("node two no longer listens", () -> !two.listening());
            record(one, "201", wav(1500, 440)); // node one's pool kept its connections
            assertTrue("nothing heard meanwhile", two.messages("201", Folder.NEW).isEmpty());
            s.execute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS true");
        }
        await("node two listens again", two::listening);
        await("and has the message it was not told of", () -> two.messages("201", Folder.NEW).size() == 1);
        await("its listeners too", () -> heardOnTwo.last("201", 1));
    }

    @Test
    public void aNodeLeavesItsOwnChangesAlone() throws Exception {
        OtherNodes nodes = new OtherNodes(null, "one", null);
        assertEquals(null, nodes.otherNodesMailbox("callpost one|201|message insert"));
        assertEquals("201", nodes.otherNodesMailbox("callpost two|201|message insert"));
        assertEquals(null, nodes.otherNodesMailbox("garbage"));
    }


    @Test
    public void eachLampIsSetByTheOneNodeHoldingItsLeaseAndANodeTakingItOverKnowsWhatThePbxConfirmed()
            throws Exception {
        PostgresMessageStore one = node("one");
        PostgresMessageStore two = node("two");
        assertTrue("the first to ask sets it", one.lamps().owns("", "201"));
        assertFalse("not the other", two.lamps().owns("", "201"));
        assertTrue("asked again: renewed", one.lamps().owns("", "201"));
        assertTrue("another PBX's 201 is another lamp", two.lamps().owns("branch", "201"));
        assertEquals(java.util.Optional.empty(), two.lamps().confirmed("", "201"));
        one.lamps().confirmed("", "201", true);
        two.lamps().confirmed("", "201", false); // not its lamp: not recorded
        assertEquals(java.util.Optional.of(true), two.lamps().confirmed("", "201"));

        one.deactivate(); // a node that stops gives its lamps up at once
        opened.remove(one);
        assertTrue("taken over", two.lamps().owns("", "201"));
        assertEquals("with what the PBX confirmed", java.util.Optional.of(true), two.lamps().confirmed("", "201"));
    }

    @Test
    public void aMailboxsCalloutsAreOneJobThatOneNodeTakesAndThatOutlivesARestart() throws Exception {
        PostgresMessageStore one = node("one");
        PostgresMessageStore two = node("two");
        Duration now = Duration.ZERO;
        assertTrue("the first node to hear of the message makes the job",
                one.callouts().schedule("201", "0791234567", now, 3));
        assertFalse("the other finds it made", two.callouts().schedule("201", "0791234567", now, 3));

        // both look for a job at once: one of them takes it
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        var byOne = both.submit(() -> {
            go.await();
            return one.callouts().take(Duration.ofMinutes(15));
        });
        var byTwo = both.submit(() -> {
            go.await();
            return two.callouts().take(Duration.ofMinutes(15));
        });
        go.countDown();
        java.util.Optional<org.callpost.api.cluster.CalloutJobs.Job> first = byOne.get();
        java.util.Optional<org.callpost.api.cluster.CalloutJobs.Job> second = byTwo.get();
        both.shutdown();
        assertEquals("taken once: " + first + " " + second, 1, (first.isPresent() ? 1 : 0) + (second.isPresent() ? 1 : 0));
        org.callpost.api.cluster.CalloutJobs.Job job = first.orElseGet(second::get);
        assertEquals(new org.callpost.api.cluster.CalloutJobs.Job("201", "0791234567", 0, 3), job);
        PostgresMessageStore taker = first.isPresent() ? one : two;
        PostgresMessageStore other = taker == one ? two : one;

        taker.callouts().cancel("201"); // heard meanwhile, but it is being called: the call decides
        assertTrue("not cancelled while held", other.callouts().take(Duration.ofMinutes(15)).isEmpty());
        taker.callouts().again("201", Duration.ZERO, 1, "no answer");
        assertEquals("the next attempt is any node's", java.util.Optional.of(
                new org.callpost.api.cluster.CalloutJobs.Job("201", "0791234567", 1, 3)),
                other.callouts().take(Duration.ofMinutes(15)));

        // the node holding it stops mid-call and starts again under its name: it is due again
        other.deactivate();
        opened.remove(other);
        assertTrue(taker.callouts().take(Duration.ofMinutes(15)).isEmpty());
        PostgresMessageStore again = node(taker == one ? "two" : "one");
        assertTrue("kept across the restart", again.callouts().take(Duration.ofMinutes(15)).isPresent());
        again.callouts().end("201");
        assertTrue(taker.callouts().schedule("201", "0791234567", now, 3));
    }

    @Test
    public void wrongPinsCountedOnTwoNodesAtOnceAreAllCountedAndARecordThatEmptiesGoes() throws Exception {
        PostgresMessageStore one = node("one");
        PostgresMessageStore two = node("two");
        org.callpost.api.cluster.WrongPinRecords.Record none = org.callpost.api.cluster.WrongPinRecords.Record.NONE;
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> guessing = new ArrayList<>();
        for (PostgresMessageStore node : List.of(one, two)) {
            guessing.add(both.submit(() -> {
                go.await();
                for (int i = 0; i < 20; i++) {
                    Instant at = Instant.parse("2026-12-07T01:00:00Z").plusMillis(i);
                    assertTrue(node.wrongPins().update("201", r -> {
                        List<Instant> times = new ArrayList<>(r.times());
                        times.add(at);
                        return new org.callpost.api.cluster.WrongPinRecords.Record(times, node.node(),
                                java.util.Optional.of(at), r.lockedUntil());
                    }));
                }
                return null;
            }));
        }
        go.countDown();
        for (var g : guessing) {
            g.get();
        }
        both.shutdown();
        List<org.callpost.api.cluster.WrongPinRecords.Record> seen = new ArrayList<>();
        assertTrue(one.wrongPins().update("201", r -> {
            seen.add(r);
            return r;
        }));
        assertEquals("every guess of both nodes counted", 40, seen.get(0).times().size());
        assertEquals(List.of("201"), two.wrongPins().mailboxes());
        assertTrue(two.wrongPins().update("201", r -> none)); // accepted: forgotten
        assertEquals(List.of(), one.wrongPins().mailboxes());
    }
}
