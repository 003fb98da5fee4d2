package org.callpost.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.PostgresServer;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution moved to PostgreSQL as an administrator does it: the configuration
 * {@code org.callpost.store.postgres} in etc/, then {@code feature:install callpost-postgres} on a
 * running Callpost. A mailbox made in the shell and a message left by a call are rows in a real
 * PostgreSQL (test-support's own cluster); the message is listed and played through the REST API;
 * the file store's folder gets nothing; after a restart it is all still there. A file store is
 * copied in with callpost:store-migrate; a message left while the database is down waits in the
 * spool and is delivered once; a node killed mid-recording keeps the message.
 */
public class PostgresStoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresServer postgres;
    private String url;
    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer extension;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Before
    public void distribution() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "postgres-store");
        Files.createDirectories(target);
        postgres = PostgresServer.start(target.resolve("postgres"));
        url = postgres.createDatabase("callpost_it");
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("pgstore", SipRegistrar.freePort(), "s3cret");
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-pgstore.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(SipRegistrar.freePort())}, {"pbx.password", "s3cret"},
                {"line.extensions", "61-63"}, {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        String store = "etc/org.callpost.store.postgres.cfg";
        karaf.setting(store, "url", url);
        karaf.setting(store, "user", postgres.user());
        karaf.setting(store, "password", "db-pa55word"); // trusted on loopback; typed, then sealed
        karaf.setting(store, "pool.size", "4");
        pbx = new PbxCaller("pgstore", "tcp");
        caller = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
        pbx.close();
        registrar.close();
        caller.close();
        extension.close();
        postgres.close();
    }

    @Test
    public void aMessageLeftByACallIsARowInPostgresqlListedThroughTheWebAndKeptAcrossARestart() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "pgstore", 120_000);
        karaf.awaitShell("feature:install callpost-postgres; feature:list -i | grep callpost-postgres",
                "callpost-postgres", 120_000);
        awaitStoreStarts(1, 60_000);
        awaitLog("the file store stepped aside", 30_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created",
                30_000);
        assertEquals("the mailbox is a row", "Anna Meier", text("SELECT name FROM mailbox WHERE number = '201'"));
        assertEquals("its PIN a hash", "1", text("SELECT count(*) FROM mailbox_pin"));
        String cfg = Files.readString(karaf.home().resolve("etc/org.callpost.store.postgres.cfg"));
        assertFalse("the password is sealed in etc/", cfg.contains("db-pa55word"));
        assertTrue(cfg, cfg.contains("{sealed}"));
        assertFalse("never logged", karaf.log().contains("db-pa55word"));

        OutgoingCall call = pbx.call("127.0.0.1", sipPort(), "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 60_000);
        awaitSpooled(3.0, 40_000);
        assertEquals("nothing in the database while recording", "0", text("SELECT count(*) FROM message"));
        call.bye();
        awaitText("SELECT count(*) FROM message WHERE calling_number = '0441234567' AND folder = 'NEW'", "1", 30_000);
        byte[] row = bytes("SELECT audio FROM message_audio");
        assertTrue("at least 2.5 s of audio: " + row.length, row.length >= 44 + 40_000);
        assertFalse("the file store's folder has no mailbox 201", Files.exists(karaf.data().resolve("callpost/store/201")));

        assertArrayEquals("the web plays the audio the database keeps", row, listedAndPlayed());

        karaf.stop();
        karaf.start();
        awaitStoreStarts(2, 120_000);
        assertArrayEquals("after a restart", row, listedAndPlayed());
    }

    @Test
    public void aDatabaseDownWhenTheStoreStartsIsTriedAgainAndTheFileStoreStaysAsideUntilTheConfigurationGoes() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "pgstore", 120_000);
        postgres.stopForNow();
        karaf.awaitShell("feature:install callpost-postgres; feature:list -i | grep callpost-postgres",
                "callpost-postgres", 120_000);
        awaitLog("the file store stepped aside", 60_000);
        awaitLog("Message store on PostgreSQL cannot start, so there is no message store: PostgreSQL at " + url, 60_000);
        String refused = karaf.shell("callpost:mailbox-add --extension 201 --name Anna 201");
        assertFalse("no store while the database is down: " + refused, refused.contains("Mailbox 201 created"));
        assertFalse("and not the file store", Files.exists(karaf.data().resolve("callpost/store/201")));

        postgres.startAgain();
        awaitStoreStarts(1, 2 * RETRY_SECONDS * 1000 + 30_000);
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name Anna 201", "Mailbox 201 created", 60_000);
        assertEquals("Anna", text("SELECT name FROM mailbox WHERE number = '201'"));

        // the administrator moves back: the configuration removed, the file store is the store again
        Files.delete(karaf.home().resolve("etc/org.callpost.store.postgres.cfg"));
        awaitLog("the file store is the message store again", 60_000);
        awaitLog("Message store on PostgreSQL stopped", 60_000);
        karaf.awaitShell("callpost:mailbox-add --extension 202 --name Ben 202", "Mailbox 202 created", 60_000);
        assertTrue("in the file store", Files.exists(karaf.data().resolve("callpost/store/202/mailbox.properties")));
        assertEquals("not in PostgreSQL", "0", text("SELECT count(*) FROM mailbox WHERE number = '202'"));
    }

    @Test
    public void aFileStoreIsMigratedAndAMessageLeftWhileTheDatabaseIsDownWaitsInTheSpoolAndIsDeliveredOnce()
            throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "pgstore", 120_000);
        // a mailbox of the file store, before the move to PostgreSQL
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created",
                60_000);
        karaf.awaitShell("feature:install callpost-postgres; feature:list -i | grep callpost-postgres",
                "callpost-postgres", 120_000);
        awaitStoreStarts(1, 60_000);
        String migrated = karaf.awaitShell("callpost:store-migrate", "copied: ", 60_000);
        assertTrue(migrated, migrated.contains("copied: 1 mailboxes, 0 greetings, 0 messages; already there: 0 mailboxes, "
                + "0 greetings, 0 messages"));
        assertFalse("no PIN is printed", migrated.contains("4321"));
        String again = karaf.shell("callpost:store-migrate");
        assertTrue("run twice: " + again, again.contains("copied: 0 mailboxes, 0 greetings, 0 messages; already there: "
                + "1 mailboxes, 0 greetings, 0 messages"));
        assertEquals("one row", "1", text("SELECT count(*) FROM mailbox WHERE number = '201'"));
        karaf.shell("bundle:restart org.callpost.store.postgres");
        awaitStoreStarts(2, 120_000);
        karaf.awaitShell("callpost:mailbox-list", "Anna Meier", 60_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));

        OutgoingCall call = pbx.call("127.0.0.1", sipPort(), "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 60_000);
        awaitSpooled(3.0, 40_000);
        postgres.stopForNow(); // the database goes down during the call
        call.bye();
        String health = karaf.awaitShell("callpost:health", "1 message waiting in the spool", 90_000);
        assertTrue(health, health.contains("CRITICAL"));
        assertTrue(health, health.contains("PostgreSQL at " + url + " does not answer"));
        String status = karaf.shell("callpost:status");
        assertTrue(status, status.contains("Database CRITICAL: PostgreSQL at " + url + " does not answer"));
        assertTrue(status, status.contains("1 message waiting in the spool"));

        postgres.startAgain();
        awaitText("SELECT count(*) FROM message WHERE calling_number = '0441234567'", "1", 120_000);
        karaf.awaitShell("callpost:health", "PostgreSQL at " + url + " answers", 60_000);
        assertFalse("no database line once it is well", karaf.shell("callpost:status").contains("Database "));
        byte[] row = bytes("SELECT audio FROM message_audio");
        assertTrue("at least 2.5 s of audio: " + row.length, row.length >= 44 + 40_000);
        assertArrayEquals("delivered once, listed once, with the PIN the file store had", row, listedAndPlayed());
        assertEquals("still one row", "1", text("SELECT count(*) FROM message"));
    }

    @Test
    public void aNodeKilledMidRecordingKeepsTheMessage() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "pgstore", 120_000);
        karaf.awaitShell("feature:install callpost-postgres; feature:list -i | grep callpost-postgres",
                "callpost-postgres", 120_000);
        awaitStoreStarts(1, 60_000);
        awaitLog("the file store stepped aside", 30_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created",
                30_000);
        awaitText("SELECT count(*) FROM mailbox WHERE number = '201'", "1", 10_000);
        OutgoingCall call = pbx.call("127.0.0.1", sipPort(), "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 60_000);
        awaitSpooled(3.0, 40_000);
        karaf.kill(); // SIGKILL mid-recording
        assertEquals("nothing in the database at the kill", "0", text("SELECT count(*) FROM message"));

        karaf.start();
        awaitStoreStarts(2, 120_000);
        awaitText("SELECT count(*) FROM message WHERE calling_number = '0441234567'", "1", 30_000);
        byte[] row = bytes("SELECT audio FROM message_audio");
        assertTrue("the 3 s spooled before the kill: " + row.length, row.length >= 44 + 3 * 16_000);
        assertArrayEquals(row, listedAndPlayed());
    }

    /** How often the store tries a database that does not answer (PostgresStoreStarter.RETRY_SECONDS). */
    private static final long RETRY_SECONDS = 30;

    private void awaitLog(String text, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (karaf.log().contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' in karaf.log within " + millis + " ms");
    }

    /** Logs on as 201, lists its one new message and returns its audio as the web serves it. */
    private byte[] listedAndPlayed() throws Exception {
        awaitWeb(60_000);
        HttpResponse<byte[]> logon = send("POST", "/session", "{\"mailbox\":\"201\",\"pin\":\"4321\"}", null);
        for (long end = System.currentTimeMillis() + 30_000; logon.statusCode() == 503 && System.currentTimeMillis() < end;) {
            Thread.sleep(500); // the voicemail application binds the store a moment after the web is up
            logon = send("POST", "/session", "{\"mailbox\":\"201\",\"pin\":\"4321\"}", null);
        }
        assertEquals(new String(logon.body()), 200, logon.statusCode());
        String set = logon.headers().firstValue("set-cookie").orElseThrow();
        String cookie = set.substring(0, set.indexOf(';'));
        JsonNode messages = JSON.readTree(send("GET", "/messages", null, cookie).body()).get("messages");
        assertEquals(messages.toString(), 1, messages.size());
        assertEquals("0441234567", messages.get(0).get("callingNumber").asText());
        assertEquals("NEW", messages.get(0).get("folder").asText());
        HttpResponse<byte[]> audio = send("GET", "/messages/" + messages.get(0).get("id").asText() + "/audio", null, cookie);
        assertEquals(200, audio.statusCode());
        return audio.body();
    }

    private HttpResponse<byte[]> send(String method, String path, String json, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort() + "/callpost/api" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void awaitWeb(long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try {
                if (send("GET", "/session", null, null).statusCode() == 401) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the REST API did not answer within " + millis + " ms");
    }

    /** Waits for the {@code times}th start of the store on this database in karaf.log (kept across restarts). */
    private void awaitStoreStarts(int times, long millis) throws Exception {
        String line = "Message store on PostgreSQL " + url + " as " + postgres.user();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (karaf.log().split(java.util.regex.Pattern.quote(line), -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + times + " starts of '" + line + "' in karaf.log within " + millis + " ms");
    }

    // ---- PostgreSQL ----

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, postgres.user(), postgres.password());
    }

    private String text(String query) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private byte[] bytes(String query) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query); ResultSet r = s.executeQuery()) {
            assertTrue(query, r.next());
            return r.getBytes(1);
        }
    }

    private void awaitText(String query, String expected, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        String last = null;
        while (System.currentTimeMillis() < end) {
            last = text(query);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(query + " gave " + last + ", not " + expected + ", within " + millis + " ms");
    }

    // ---- the node's spool ----

    private int sipPort() throws Exception {
        String cfg = Files.readString(karaf.home().resolve("etc/org.callpost.integration-pgstore.cfg"));
        return Integer.parseInt(cfg.replaceAll("(?s).*sip\\.local\\.port = (\\d+).*", "$1"));
    }

    private void awaitSpooled(double seconds, long millis) throws Exception {
        Path drafts = karaf.data().resolve("callpost/spool/drafts/201");
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (Files.isDirectory(drafts)) {
                try (Stream<Path> files = Files.list(drafts)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                        if (Files.size(f) >= 44 + (long) (seconds * 16000)) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no spooled recording of " + seconds + " s within " + millis + " ms");
    }
}
