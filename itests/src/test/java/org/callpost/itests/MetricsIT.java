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
import java.util.Optional;

import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The Prometheus endpoint of the distribution run as a separate process: scraped before and after
 * a call that leaves a message, the calls-ended and messages-saved counters move by exactly one,
 * the integration's one line counts as registered, the call shows as up while it lasts, and the
 * JVM's own figures are there; no password or PIN is in it, and only GET reads it. A bundle
 * stopped takes exactly its figures along; with the metrics bundle stopped the address answers 503.
 */
public class MetricsIT {
    private static final String PIN = "86420";
    private static final String PASSWORD = "s3cret-pbx";
    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer extension;
    private int sipPort;
    private Path target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Before
    public void distribution() throws Exception {
        target = Path.of(System.getProperty("project.build.directory", "target"), "metrics");
        Files.createDirectories(target);
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("metrics", SipRegistrar.freePort(), PASSWORD);
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-metrics.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", PASSWORD}, {"line.extensions", "61"},
                {"hunt.group.access.code", "60"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        karaf.setting("etc/org.callpost.mwi.cfg", "integration.poll.seconds", "1");
        pbx = new PbxCaller("metrics", "tcp");
        caller = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        karaf.close();
        pbx.close();
        registrar.close();
        caller.close();
        extension.close();
    }

    @Test
    public void theCountsMoveByOneForACallThatLeavesAMessage() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "metrics", 120_000);
        assertTrue("line registered", registrar.await(r -> r.hasRegistered(List.of("61")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin " + PIN + " 201",
                "Mailbox 201 created", 30_000);
        String before = awaitScrape(s -> value(s, "callpost_lines_registered", "integration=\"metrics\"") == 1.0, 60_000);

        assertEquals(1.0, value(before, "callpost_lines_registered", "integration=\"metrics\""), 0);
        assertEquals(0.0, value(before, "callpost_calls_up", "integration=\"metrics\""), 0);
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_gc_memory_allocated_bytes_total", "system_cpu_count", "process_uptime_seconds")) {
            assertTrue(jvm + " in\n" + before, value(before, jvm) >= 0);
        }

        // a caller forwarded on no answer from 201 speaks for a few seconds, then hangs up
        int messages = messages("201", "new").size();
        OutgoingCall call = pbx.call("127.0.0.1", sipPort, "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 30_000);
        awaitScrape(s -> value(s, "callpost_calls_up", "integration=\"metrics\"") == 1.0, 10_000);
        awaitDraft("201", 3.0, 40_000);
        call.bye();
        awaitMessages("201", "new", messages + 1, 20_000);
        caller.awaitSent(100);
        // the lamp is lit by a call of its own on the one line: wait for it, so the scrape after is settled
        assertTrue("the lamp call (*38201)", registrar.await(r -> r.invitesTo("*38201").size() >= 1, 30_000));
        String after = awaitScrape(s -> value(s, "callpost_messages_saved_total") > value(before, "callpost_messages_saved_total")
                && value(s, "callpost_calls_up", "integration=\"metrics\"") == 0.0, 30_000);
        Files.writeString(target.resolve("scrape-before.txt"), before);
        Files.writeString(target.resolve("scrape-after.txt"), after);

        assertEquals("the caller's hang-up", 1.0, moved(before, after, "callpost_calls_ended_total",
                "integration=\"metrics\"", "outcome=\"pbx_hung_up\""), 0);
        assertEquals(1.0, moved(before, after, "callpost_messages_saved_total"), 0);
        assertEquals(0.0, moved(before, after, "callpost_messages_discarded_total", "reason=\"too_short\""), 0);
        assertEquals(1.0, value(after, "callpost_lines_registered", "integration=\"metrics\""), 0);
        assertEquals(0.0, value(after, "callpost_calls_up", "integration=\"metrics\""), 0);
        // the other bundles' figures: the lamp lit, the message committed, the caller's audio received
        assertTrue(after, moved(before, after, "callpost_lamp_requests_total", "result=\"sent\"") >= 1);
        assertEquals(1.0, value(after, "callpost_lamps_lit"), 0);
        assertEquals(1.0, moved(before, after, "callpost_store_operation_seconds_count", "operation=\"commit_message\""), 0);
        assertTrue(value(after, "callpost_store_operation_seconds_sum", "operation=\"commit_message\"") > 0);
        assertEquals(1.0, value(after, "callpost_mailboxes"), 0);
        assertTrue("a second of tone at least", value(after, "callpost_rtp_packets_received_total", "integration=\"metrics\"") >= 50);
        assertFalse(Double.isNaN(value(after, "callpost_emails_total", "result=\"sent\"")));

        // no secret in it, and read only
        assertFalse(after.contains(PASSWORD));
        assertFalse(after.contains("\"" + PIN + "\""));
        assertFalse("no caller's number in a label", after.contains("0441234567"));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(metricsUri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());

        // a bundle that goes takes exactly its figures along (the whiteboard); the others stay
        karaf.shell("bundle:stop org.callpost.email");
        String withoutEmail = awaitScrape(s -> Double.isNaN(value(s, "callpost_emails_total", "result=\"sent\"")), 30_000);
        assertEquals(1.0, value(withoutEmail, "callpost_messages_saved_total"), 0);
        assertEquals(1.0, value(withoutEmail, "callpost_lines_registered", "integration=\"metrics\""), 0);
        karaf.shell("bundle:start org.callpost.email");
        awaitScrape(s -> value(s, "callpost_emails_total", "result=\"sent\"") == 0.0, 30_000);

        // without the metrics bundle the address says so
        karaf.shell("bundle:stop org.callpost.metrics");
        HttpResponse<String> gone = awaitAnswer(503, 30_000);
        assertTrue(gone.body(), gone.body().contains("install the Karaf feature callpost-metrics"));
    }

    private HttpResponse<String> awaitAnswer(int status, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        HttpResponse<String> r = null;
        while (System.currentTimeMillis() < end) {
            r = http.send(HttpRequest.newBuilder(metricsUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == status) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + status + " within " + millis + " ms; last: " + (r == null ? "none" : r.statusCode() + " " + r.body()));
    }

    private URI metricsUri() {
        return URI.create("http://127.0.0.1:" + karaf.httpPort() + "/callpost/metrics");
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metricsUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    /** Scrapes until the test holds (the endpoint comes up with the web bundle). */
    private String awaitScrape(java.util.function.Predicate<String> test, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        String last = "";
        while (System.currentTimeMillis() < end) {
            try {
                last = scrape();
                if (test.test(last)) {
                    return last;
                }
            } catch (java.io.IOException | AssertionError e) {
                last = e.toString(); // not listening yet, or 404/503 while the bundles start
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the scrape did not show it within " + millis + " ms:\n" + last);
    }

    /** The value of the one sample named so with every label given; NaN when there is none. */
    static double value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    private static double moved(String before, String after, String name, String... labels) {
        double b = value(before, name, labels);
        double a = value(after, name, labels);
        assertFalse(name + " in the scrape before", Double.isNaN(b));
        assertFalse(name + " in the scrape after", Double.isNaN(a));
        return a - b;
    }

    private List<Path> messages(String mailbox, String folder) throws Exception {
        return StoreFiles.wavs(karaf.data().resolve("callpost/store"), mailbox, folder);
    }

    private void awaitMessages(String mailbox, String folder, int count, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        List<Path> found = messages(mailbox, folder);
        while (found.size() < count && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            found = messages(mailbox, folder);
        }
        assertEquals(found.toString(), count, found.size());
    }

    private void awaitDraft(String mailbox, double seconds, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Optional<Path> draft = messages(mailbox, "drafts").stream().findFirst();
            if (draft.isPresent() && StoreFiles.size(draft.get()) >= 44 + (long) (seconds * 16000)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording of " + seconds + " s within " + millis + " ms: " + messages(mailbox, "drafts"));
    }
}
