package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Health with the distribution as a separate process and test-support's SipRegistrar as the PBX:
 * /callpost/health is 200 with the integration OK while the PBX answers; with the store's disk
 * minimum raised above the disk's free space at run time, a caller to a mailbox is told the system
 * cannot take a message, Callpost hangs up, nothing is stored and health is 503 with the store
 * CRITICAL; once the PBX stops answering, health turns 503 with the integration CRITICAL within the
 * keep-alive interval plus the registration timeout.
 */
public class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keep-alive OPTIONS every second, unanswered after a second: an outage is seen in about 2 s. */
    private static final int KEEP_ALIVE_SECONDS = 1;
    private static final int REGISTRATION_TIMEOUT_MILLIS = 1000;
    private static final String STORE = "etc/org.callpost.store.file.cfg";

    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private int sipPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Answer(int status, JsonNode json, String body) {
        /** The result of one check, or null. */
        JsonNode result(String check) {
            for (JsonNode r : json.get("results")) {
                if (r.get("check").asText().equals(check)) {
                    return r;
                }
            }
            return null;
        }

        String statusOf(String check) {
            JsonNode r = result(check);
            return r == null ? "" : r.get("status").asText();
        }
    }

    /** The distribution with one integration over {@code transport} to the registrar. */
    private void distribution(String transport) throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "health");
        Files.createDirectories(target);
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("health", SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-health.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", transport}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", "61-63"},
                {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"keep.alive.interval.seconds", String.valueOf(KEEP_ALIVE_SECONDS)},
                {"registration.timeout.millis", String.valueOf(REGISTRATION_TIMEOUT_MILLIS)},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        pbx = new PbxCaller("health-" + transport, transport.toLowerCase());
        caller = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        if (karaf == null) {
            return;
        }
        karaf.close();
        pbx.close();
        if (registrar != null) {
            registrar.close();
            registrar = null;
        }
        caller.close();
    }

    @Test
    public void healthFollowsThePbxAndTheDiskAndAFullDiskIsToldToTheCaller() throws Exception {
        distribution("TCP");
        karaf.start();
        karaf.awaitShell("callpost:status", "health", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created", 30_000);

        // 1. the PBX answers: 200, the integration and the store OK, no secret in the answer
        Answer healthy = awaitHealth(a -> a.status() == 200 && a.statusOf("integration health").equals("OK")
                && a.statusOf("store").equals("OK"), 60_000);
        System.out.println("HealthIT sample /callpost/health: " + healthy.body());
        assertEquals("OK", healthy.json().get("status").asText());
        assertTrue(healthy.body(), healthy.result("integration health").get("detail").asText()
                .startsWith("all 3 lines registered with 127.0.0.1:" + registrar.port()));
        assertTrue(healthy.body(), healthy.result("store").get("detail").asText().contains("MB free"));
        assertEquals("email is off (smtp.host is empty)", healthy.result("smtp").get("detail").asText());
        assertFalse("no secret", healthy.body().contains("s3cret"));
        String shell = karaf.awaitShell("callpost:health", "Health: OK", 30_000);
        System.out.println("HealthIT sample callpost:health:\n" + shell);
        assertTrue(shell, shell.contains("integration health"));

        // 2. the disk minimum raised above the disk's free space at run time: the caller is told, nothing is stored
        long freeMegabytes = Files.getFileStore(karaf.data()).getUsableSpace() / (1024 * 1024);
        karaf.setting(STORE, "disk.free.minimum.megabytes", String.valueOf(Math.min(10_000_000, freeMegabytes * 2 + 1)));
        Answer full = awaitHealth(a -> a.statusOf("store").equals("CRITICAL"), 30_000);
        System.out.println("HealthIT sample with the disk below the minimum: " + full.body());
        assertEquals(full.body(), 503, full.status());
        assertEquals("CRITICAL", full.json().get("status").asText());
        assertTrue(full.body(), full.result("store").get("detail").asText().contains("below the minimum"));

        OutgoingCall call = pbx.call("127.0.0.1", sipPort, "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 30_000);
        assertTrue("Callpost ends the call after telling the caller", call.await(OutgoingCall::byeReceived, 60_000));
        int heardMillis = (int) caller.received().stream().filter(p -> p.payloadType() == 0).count() * 20;
        double toldSeconds = prompt("system-cannot-take-message") + prompt("goodbye");
        System.out.println("HealthIT: heard " + heardMillis + " ms in all; system-cannot-take-message + goodbye are "
                + Math.round(toldSeconds * 1000) + " ms");
        assertTrue("the greeting, then the prompt and goodbye: heard " + heardMillis + " ms",
                heardMillis >= toldSeconds * 1000);
        assertEquals("nothing stored", List.of(), files("201"));
        String log = karaf.log();
        assertTrue("the caller is told, and why, in the log", log.contains("no message for mailbox 201: The store cannot take a message now"));
        assertTrue("the administrator is warned", log.contains("below the minimum") && log.contains("disk.free.minimum.megabytes"));

        karaf.setting(STORE, "disk.free.minimum.megabytes", "0");
        awaitHealth(a -> a.status() == 200 && a.statusOf("store").equals("OK"), 30_000);
        assertTrue("back: logged", awaitLog("again (minimum 0 MB): messages are taken", 10_000));

        // 3. the PBX stops answering: 503 with the integration CRITICAL within keep-alive + registration timeout
        long stopped = System.nanoTime(); // before: stopping the registrar's stack takes a while itself
        registrar.close();
        registrar = null;
        Answer down = awaitHealth(a -> a.status() == 503 && a.statusOf("integration health").equals("CRITICAL"), 30_000);
        long seenMillis = (System.nanoTime() - stopped) / 1_000_000;
        System.out.println("HealthIT: 503 " + seenMillis + " ms after the PBX stopped: " + down.body());
        assertTrue(down.body(), down.result("integration health").get("detail").asText().startsWith("no line registered"));
        assertTrue("seen within the keep-alive interval plus the registration timeout (and a second's slack): "
                + seenMillis + " ms", seenMillis <= KEEP_ALIVE_SECONDS * 1000 + REGISTRATION_TIMEOUT_MILLIS + 3000);
        String critical = karaf.awaitShell("callpost:health", "Health: CRITICAL", 30_000);
        System.out.println("HealthIT sample callpost:health with the PBX down:\n" + critical);
    }

    /**
     * Over UDP a stopped PBX closes no connection: it just falls silent, and only the keep-alive
     * OPTIONS going unanswered for the registration timeout tells.
     */
    @Test
    public void aPbxFallenSilentOverUdpTurnsHealth503WithinTheKeepAliveAndTheTimeout() throws Exception {
        distribution("UDP");
        karaf.start();
        karaf.awaitShell("callpost:status", "health", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        awaitHealth(a -> a.status() == 200 && a.statusOf("integration health").equals("OK"), 60_000);

        long stopped = System.nanoTime(); // before: stopping the registrar's stack takes a while itself
        registrar.close();
        registrar = null;
        Answer down = awaitHealth(a -> a.status() == 503 && a.statusOf("integration health").equals("CRITICAL"), 30_000);
        long seenMillis = (System.nanoTime() - stopped) / 1_000_000;
        System.out.println("HealthIT (UDP): 503 " + seenMillis + " ms after the PBX fell silent: " + down.body());
        String detail = down.result("integration health").get("detail").asText();
        assertTrue(detail, detail.startsWith("no line registered"));
        assertTrue(detail, detail.contains("stopped answering (no answer to OPTIONS within " + REGISTRATION_TIMEOUT_MILLIS + " ms)")
                || detail.contains("no answer from"));
        assertTrue("seen within the keep-alive interval plus the registration timeout (and 3 s of slack): "
                + seenMillis + " ms", seenMillis <= KEEP_ALIVE_SECONDS * 1000 + REGISTRATION_TIMEOUT_MILLIS + 3000);
    }

    private Answer health() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + karaf.httpPort() + "/callpost/health")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.statusCode() == 200 || r.statusCode() == 503 ? tryJson(r.body()) : null;
        return new Answer(r.statusCode(), json, r.body());
    }

    private static JsonNode tryJson(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.has("results") ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Answer awaitHealth(Predicate<Answer> test, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        Answer last = null;
        while (System.currentTimeMillis() < end) {
            try {
                last = health();
                if (last.json() != null && test.test(last)) {
                    return last;
                }
            } catch (java.io.IOException notUpYet) {
                // the HTTP server starts with the distribution
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health did not answer as expected within " + millis + " ms; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }

    private boolean awaitLog(String text, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (karaf.log().contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** A prompt's length in seconds, from the English prompts' source. */
    private static double prompt(String id) throws Exception {
        return Wav.read(Path.of("..", "bundles", "prompts-en", "src", "main", "resources", "prompts", "en", id + ".wav"))
                .seconds();
    }

    /** Every file in a mailbox's folders (new, saved, deleted, drafts, greetings). */
    private List<Path> files(String mailbox) throws Exception {
        Path box = karaf.data().resolve("callpost/store").resolve(mailbox);
        if (!Files.exists(box)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(box)) {
            // the mailbox's own files are at its top; messages, drafts and greetings in its folders
            return all.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(box)).toList();
        }
    }
}
