package org.callpost.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API of the distribution run as a separate process, over HTTP as a browser uses it: a
 * message left by a call is listed, played with Range and marked heard through the web (the lamp
 * goes off at the PBX), deleted and undeleted; the administrator sees the lines and the call up; the
 * rules (CSRF, the kinds of session, malformed JSON, wrong PIN, Karaf's default password) hold.
 */
public class WebApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer extension;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** An answer: status, headers, body. */
    private record Answer(int status, HttpResponse<byte[]> response) {
        JsonNode json() throws Exception {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(response.body(), StandardCharsets.UTF_8);
        }
    }

    @Before
    public void distribution() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "webapi");
        Files.createDirectories(target);
        karaf = KarafProcess.copyOfDistribution(target);
        registrar = new SipRegistrar("webapi", SipRegistrar.freePort(), "s3cret");
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        int sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-webapi.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", "61-63"},
                {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        karaf.setting("etc/org.callpost.mwi.cfg", "integration.poll.seconds", "1");
        // an administrator with a password of their own; karaf keeps the default (the shell below uses it)
        karaf.setting("etc/users.properties", "admin", "s3cret,_g_:admingroup");
        karaf.setting("etc/users.properties", "viewer", "v1ewer,viewer");
        secureConnector();
        pbx = new PbxCaller("webapi", "tcp");
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
    public void aMessageLeftByACallIsListedPlayedMarkedHeardDeletedAndUndeletedThroughTheWeb() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "webapi", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension 201 --name \"Anna Meier\" --pin 4321 201", "Mailbox 201 created", 30_000);
        // new messages are announced by a callout (after callout.delay.seconds, 60): hearing it on the web ends it
        karaf.awaitShell("callpost:mailbox-callout 201 0791234567", "announced by calling 0791234567", 30_000);
        awaitWeb(60_000);

        // ---- the administrator ----
        Answer defaultPassword = post("/admin/session", "{\"user\":\"karaf\",\"password\":\"karaf\"}", null, null);
        assertEquals(defaultPassword.toString(), 403, defaultPassword.status());
        assertTrue(defaultPassword.json().get("error").asText().contains("default password"));
        assertEquals(401, post("/admin/session", "{\"user\":\"admin\",\"password\":\"wrong\"}", null, null).status());
        assertEquals("a user without role admin", 403,
                post("/admin/session", "{\"user\":\"viewer\",\"password\":\"v1ewer\"}", null, null).status());
        Answer adminLogon = post("/admin/session", "{\"user\":\"admin\",\"password\":\"s3cret\"}", null, null);
        assertEquals(adminLogon.toString(), 200, adminLogon.status());
        assertEquals("admin", adminLogon.json().get("kind").asText());
        assertFalse("no password in the answer", adminLogon.toString().contains("s3cret"));
        String adminCookie = cookie(adminLogon);
        Answer integrations = get("/admin/integrations", adminCookie, null);
        assertEquals(integrations.toString(), 200, integrations.status());
        JsonNode webapi = integrations.json().get("integrations").get(0);
        assertEquals("webapi", webapi.get("name").asText());
        assertEquals(3, webapi.get("lines").size());
        for (JsonNode line : webapi.get("lines")) {
            assertEquals(line.toString(), "REGISTERED", line.get("state").asText());
        }
        assertEquals(403, get("/messages", adminCookie, null).status());

        // ---- a caller leaves a message; the administrator sees the call while it is up ----
        OutgoingCall call = pbx.call("127.0.0.1", sipPort(), "61", "0441234567", "201", caller.sdpOffer(),
                "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), 1000, 60_000);
        awaitDraft(3.0, 40_000);
        Answer calls = get("/admin/calls", adminCookie, null);
        assertEquals(calls.toString(), 1, calls.json().get("calls").size());
        JsonNode up = calls.json().get("calls").get(0);
        assertEquals("0441234567", up.get("callingNumber").asText());
        assertEquals("201", up.get("mailbox").asText());
        assertEquals("webapi", up.get("integration").asText());
        assertEquals("PCMU", up.get("codec").asText());
        assertTrue(up.toString(), up.get("packetsReceived").asLong() > 50);
        call.bye();
        assertTrue("the message is committed", awaitFile("new", 30_000));
        assertTrue("a callout waits for the new message", awaitCallout(adminCookie, "WAITING", 10_000));

        // ---- the subscriber ----
        Answer wrongPin = post("/session", "{\"mailbox\":\"201\",\"pin\":\"9999\"}", null, null);
        assertEquals(wrongPin.toString(), 401, wrongPin.status());
        assertEquals("Wrong mailbox number or PIN", wrongPin.json().get("error").asText());
        assertEquals("no such mailbox: the same answer", wrongPin.json().get("error").asText(),
                post("/session", "{\"mailbox\":\"299\",\"pin\":\"4321\"}", null, null).json().get("error").asText());
        Answer logon = post("/session", "{\"mailbox\":\"201\",\"pin\":\"4321\"}", null, null);
        assertEquals(logon.toString(), 200, logon.status());
        assertEquals("subscriber", logon.json().get("kind").asText());
        assertEquals("Anna Meier", logon.json().get("name").asText());
        assertFalse("no PIN in the answer", logon.toString().contains("4321"));
        String setCookie = logon.header("set-cookie");
        assertTrue(setCookie, setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/callpost"));
        String cookie = cookie(logon);
        String csrf = logon.json().get("csrfToken").asText();
        assertEquals(csrf, get("/session", cookie, null).json().get("csrfToken").asText());

        JsonNode messages = get("/messages", cookie, null).json().get("messages");
        assertEquals(messages.toString(), 1, messages.size());
        JsonNode message = messages.get(0);
        assertEquals("0441234567", message.get("callingNumber").asText());
        assertEquals("NEW", message.get("folder").asText());
        assertFalse(message.get("heard").asBoolean());
        assertTrue(message.toString(), message.get("durationSeconds").asDouble() >= 2.5);
        String id = message.get("id").asText();

        // the audio, whole and in ranges; listening does not mark it heard
        Answer whole = get("/messages/" + id + "/audio", cookie, null);
        assertEquals(200, whole.status());
        assertEquals("audio/wav", whole.header("content-type"));
        assertEquals("bytes", whole.header("accept-ranges"));
        byte[] wav = whole.response().body();
        assertArrayEquals("the stored file", Files.readAllBytes(onlyFile("new")), wav);
        Answer head = get("/messages/" + id + "/audio", cookie, "bytes=0-43");
        assertEquals(206, head.status());
        assertEquals("bytes 0-43/" + wav.length, head.header("content-range"));
        assertArrayEquals(Arrays.copyOfRange(wav, 0, 44), head.response().body());
        Answer tail = get("/messages/" + id + "/audio", cookie, "bytes=-100");
        assertEquals(206, tail.status());
        assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 100, wav.length), tail.response().body());
        Answer beyond = get("/messages/" + id + "/audio", cookie, "bytes=" + wav.length + "-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + wav.length, beyond.header("content-range"));
        assertFalse(get("/messages/" + id, cookie, null).json().get("heard").asBoolean());

        // the rules
        Answer noToken = post("/messages/" + id + "/heard", "", cookie, null);
        assertEquals(noToken.toString(), 403, noToken.status());
        assertEquals(403, noToken.json().get("status").asInt());
        assertEquals(403, post("/messages/" + id + "/heard", "", cookie, "wrong").status());
        assertEquals(403, get("/admin/integrations", cookie, null).status());
        assertEquals(401, get("/messages", null, null).status());
        Answer malformed = send("PUT", "/callout", "{\"number\": ", cookie, csrf, null);
        assertEquals(malformed.toString(), 400, malformed.status());
        assertTrue(malformed.toString(), malformed.json().get("error").asText().contains("not valid JSON"));
        Answer missing = send("PUT", "/callout", "{}", cookie, csrf, null);
        assertEquals(400, missing.status());
        assertTrue(missing.toString(), missing.json().get("error").asText().contains("number"));
        Answer wrongMethod = send("PUT", "/messages", "{}", cookie, csrf, null);
        assertEquals(405, wrongMethod.status());
        assertEquals("GET", wrongMethod.header("allow"));
        assertEquals(404, get("/messages/nosuch", cookie, null).status());

        // heard: the lamp goes off at the PBX
        assertTrue("the new message lit the lamp", registrar.await(r -> r.invitesTo("*38201").size() >= 1, 30_000));
        Answer heard = post("/messages/" + id + "/heard", "", cookie, csrf);
        assertEquals(heard.toString(), 200, heard.status());
        assertTrue(heard.json().get("heard").asBoolean());
        assertTrue("lamp off INVITE #38201", registrar.await(r -> r.invitesTo("#38201").size() >= 1, 30_000));
        assertTrue("heard on the web: the callout stops, as on the phone", awaitCallout(adminCookie, "CANCELLED", 10_000));
        assertEquals("nobody was called", 0, registrar.invitesTo("0791234567").size());
        assertEquals(0, get("/mailbox", cookie, null).json().get("counts").get("unheard").asInt());

        // delete and undelete
        Answer deleted = send("DELETE", "/messages/" + id, "", cookie, csrf, null);
        assertEquals(deleted.toString(), 200, deleted.status());
        assertEquals("DELETED", deleted.json().get("folder").asText());
        assertEquals(1, get("/messages?folder=DELETED", cookie, null).json().get("messages").size());
        assertEquals(0, get("/messages", cookie, null).json().get("messages").size());
        Answer undeleted = post("/messages/" + id + "/undelete", "", cookie, csrf);
        assertEquals("SAVED", undeleted.json().get("folder").asText());
        assertEquals("SAVED", get("/messages", cookie, null).json().get("messages").get(0).get("folder").asText());

        // a greeting uploaded as CD-quality stereo is stored as 8 kHz mono
        Answer upload = upload("/greetings/PERSONAL", wav44k(2.0), "audio/wav", cookie, csrf);
        assertEquals(upload.toString(), 200, upload.status());
        JsonNode personal = upload.json().get("greetings").get(0);
        assertEquals("PERSONAL", personal.get("greeting").asText());
        assertTrue(personal.get("recorded").asBoolean());
        assertEquals(2.0, personal.get("seconds").asDouble(), 0.05);
        byte[] stored = get("/greetings/PERSONAL/audio", cookie, null).response().body();
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(stored).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals("mono", 1, header.getShort(22));
        assertEquals(8000, header.getInt(24));
        assertEquals(16, header.getShort(34));
        assertEquals(415, upload("/greetings/PERSONAL", wav44k(1.0), "text/plain", cookie, csrf).status());
        Answer notWav = upload("/greetings/NAME", "ID3 not a wav at all".getBytes(StandardCharsets.UTF_8), "audio/wav",
                cookie, csrf);
        assertEquals(notWav.toString(), 400, notWav.status());
        assertTrue(notWav.toString(), notWav.json().get("error").asText().contains("MP3"));
        assertEquals(404, send("DELETE", "/greetings/BUSY", "", cookie, csrf, null).status());
        Answer active = send("PUT", "/greetings/active", "{\"greeting\":\"PERSONAL\"}", cookie, csrf, null);
        assertEquals(active.toString(), "PERSONAL", active.json().get("active").asText());

        // PIN change: the current PIN is checked and counted, the new one follows the rules
        assertEquals(403, send("PUT", "/pin", "{\"currentPin\":\"0000\",\"newPin\":\"5678\"}", cookie, csrf, null).status());
        Answer shortPin = send("PUT", "/pin", "{\"currentPin\":\"4321\",\"newPin\":\"1\"}", cookie, csrf, null);
        assertEquals(shortPin.toString(), 400, shortPin.status());
        assertTrue(shortPin.toString(), shortPin.json().get("error").asText().contains("digits"));

        // voicemail to email (no SMTP server: the setting only): a bad address is refused in the email bundle's words
        assertEquals("", get("/email", cookie, null).json().get("address").asText());
        Answer badAddress = send("PUT", "/email", "{\"address\":\"anna.meier\",\"attachAudio\":true,\"deleteAfterSending\":false}",
                cookie, csrf, null);
        assertEquals(badAddress.toString(), 400, badAddress.status());
        assertFalse(badAddress.toString(), badAddress.json().get("error").asText().isBlank());
        assertEquals("nothing kept", "", get("/email", cookie, null).json().get("address").asText());
        Answer goodAddress = send("PUT", "/email",
                "{\"address\":\"anna.meier@example.com\",\"attachAudio\":false,\"deleteAfterSending\":true}", cookie, csrf, null);
        assertEquals(goodAddress.toString(), 200, goodAddress.status());
        JsonNode email = get("/email", cookie, null).json();
        assertEquals(email.toString(), "anna.meier@example.com", email.get("address").asText());
        assertFalse(email.toString(), email.get("attachAudio").asBoolean());
        assertTrue(email.toString(), email.get("deleteAfterSending").asBoolean());
        String shellEmail = karaf.shell("callpost:mailbox-email 201");
        assertTrue(shellEmail, shellEmail.contains("mailed to anna.meier@example.com without their audio, then moved to the deleted folder"));
        assertEquals(403, get("/email", adminCookie, null).status());

        // the administrator sees the wrong PINs, the lamp, and manages mailboxes
        JsonNode lockouts = get("/admin/lockouts", adminCookie, null).json().get("lockouts");
        assertEquals(lockouts.toString(), "201", lockouts.get(0).get("mailbox").asText());
        assertEquals("the logon started the count again", 1, lockouts.get(0).get("failures").asInt());
        assertTrue(lockouts.toString(), lockouts.get(0).get("lastFrom").asText().startsWith("web "));
        String adminCsrf = adminLogon.json().get("csrfToken").asText();
        assertEquals(204, send("DELETE", "/admin/lockouts/201", "", adminCookie, adminCsrf, null).status());
        assertEquals(404, send("DELETE", "/admin/lockouts/201", "", adminCookie, adminCsrf, null).status());
        JsonNode lamps = get("/admin/lamps", adminCookie, null).json().get("lamps");
        assertTrue(lamps.toString(), lamps.toString().contains("\"extension\":\"201\""));
        Answer created = send("POST", "/admin/mailboxes", "{\"extension\":\"202\",\"name\":\"Bert\",\"pin\":\"2468\"}",
                adminCookie, adminCsrf, null);
        assertEquals(created.toString(), 201, created.status());
        assertTrue(created.json().get("pinSet").asBoolean());
        String bert = created.json().get("number").asText();
        assertEquals(409, send("POST", "/admin/mailboxes", "{\"number\":\"" + bert + "\",\"extension\":\"\",\"name\":\"x\"}",
                adminCookie, adminCsrf, null).status());
        JsonNode mailboxes = get("/admin/mailboxes", adminCookie, null).json().get("mailboxes");
        assertEquals(2, mailboxes.size());
        for (JsonNode m : mailboxes) {
            assertEquals(m.toString(), m.get("number").asText().equals("201") ? "anna.meier@example.com" : "",
                    m.get("email").asText());
        }
        Answer emails = get("/admin/emails", adminCookie, null);
        assertEquals(emails.toString(), 200, emails.status());
        assertTrue(emails.toString(), emails.json().get("emails").isArray());
        assertEquals(403, get("/admin/emails", cookie, null).status());
        Answer renamed = send("PUT", "/admin/mailboxes/" + bert, "{\"name\":\"Bert Braun\",\"messageWaiting\":false}",
                adminCookie, adminCsrf, null);
        assertEquals(renamed.toString(), "Bert Braun", renamed.json().get("name").asText());
        assertFalse(renamed.json().get("messageWaiting").asBoolean());
        Answer spanish = send("PUT", "/admin/mailboxes/" + bert, "{\"language\":\"es\"}", adminCookie, adminCsrf, null);
        assertEquals(spanish.toString(), 400, spanish.status());
        String refusal = new String(spanish.response().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(refusal, refusal.contains("The field language 'es' is not an installed language (installed: de, en, fr)"));
        Answer german = send("PUT", "/admin/mailboxes/" + bert, "{\"language\":\"DE\"}", adminCookie, adminCsrf, null);
        assertEquals(german.toString(), "de", german.json().get("language").asText());
        assertEquals("the other settings kept", "Bert Braun", german.json().get("name").asText());
        assertEquals(204, send("DELETE", "/admin/mailboxes/" + bert, "", adminCookie, adminCsrf, null).status());
        assertEquals(404, send("DELETE", "/admin/mailboxes/" + bert, "", adminCookie, adminCsrf, null).status());
        // the wrong PINs were logged as warnings by the messaging bundle: the dashboard's last errors show them
        JsonNode errors = get("/admin/errors", adminCookie, null).json().get("errors");
        assertTrue(errors.toString(), errors.size() >= 2);
        JsonNode newest = errors.get(0);
        assertEquals(newest.toString(), "WARN", newest.get("level").asText());
        assertEquals("org.callpost.messaging", newest.get("bundle").asText());
        assertTrue(newest.toString(), newest.get("message").asText().contains("Wrong PIN for mailbox 201"));
        assertFalse(errors.toString(), errors.toString().contains("4321"));
        assertEquals(200, get("/admin/callouts", adminCookie, null).status());
        // "" stops the emails
        Answer unsubscribed = send("PUT", "/email", "{\"address\":\"\"}", cookie, csrf, null);
        assertEquals(unsubscribed.toString(), "", unsubscribed.json().get("address").asText());
        assertTrue(karaf.shell("callpost:mailbox-email 201").contains("new messages are not mailed"));

        // the OpenAPI description and the pages' addresses
        Answer openapi = get("/openapi.yaml", null, null);
        assertEquals(200, openapi.status());
        assertTrue(new String(openapi.response().body(), StandardCharsets.UTF_8).startsWith("openapi: 3.0"));
        HttpResponse<Void> root = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("location").orElse("").endsWith("/callpost/index.html"));

        // ---- HTTPS, as the README sets it up: Pax Web's secure connector with a PKCS12 keystore ----
        HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(keystore()))
                .build();
        String secure = "https://127.0.0.1:" + securePort + "/callpost/api";
        HttpResponse<String> noSession = https.send(HttpRequest.newBuilder(URI.create(secure + "/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(noSession.body(), 401, noSession.statusCode());
        HttpResponse<String> secureLogon = https.send(HttpRequest.newBuilder(URI.create(secure + "/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mailbox\":\"201\",\"pin\":\"4321\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(secureLogon.body(), 200, secureLogon.statusCode());
        String secureCookie = secureLogon.headers().firstValue("set-cookie").orElse("");
        assertTrue("the cookie is Secure over HTTPS: " + secureCookie, secureCookie.contains("Secure"));
        assertFalse("and not over HTTP: " + setCookie, setCookie.contains("Secure"));

        // log off
        assertEquals(204, send("DELETE", "/session", "", cookie, csrf, null).status());
        assertEquals(401, get("/session", cookie, null).status());
        String log = karaf.log();
        // anywhere: Karaf names the shell's thread after the command line, so callpost:mailbox-add --pin showed it
        assertFalse("no PIN or password in the log", java.util.regex.Pattern.compile("(?<![0-9])4321(?![0-9])").matcher(log).find()
                || log.contains("s3cret"));
    }

    // ---- HTTP ----

    private int securePort;

    /** Waits for mailbox 201's callout to be in {@code state} on the dashboard's API. */
    private boolean awaitCallout(String adminCookie, String state, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            for (JsonNode c : get("/admin/callouts", adminCookie, null).json().get("callouts")) {
                if (c.get("mailbox").asText().equals("201") && c.get("state").asText().equals(state)) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return false;
    }

    private Path keystore() {
        return karaf.home().resolve("etc/callpost-web.p12");
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, and the README's settings. */
    private void secureConnector() throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "callpost", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore().toString(),
                "-storetype", "PKCS12", "-storepass", "k3ystore", "-keypass", "k3ystore").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, keytool.waitFor());
        securePort = CallpostDistribution.freePort();
        String cfg = "etc/org.ops4j.pax.web.cfg";
        karaf.setting(cfg, "org.osgi.service.http.secure.enabled", "true");
        karaf.setting(cfg, "org.osgi.service.http.port.secure", String.valueOf(securePort));
        karaf.setting(cfg, "org.ops4j.pax.web.ssl.keystore", "${karaf.etc}/callpost-web.p12");
        karaf.setting(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12");
        karaf.setting(cfg, "org.ops4j.pax.web.ssl.keystore.password", "k3ystore");
        karaf.setting(cfg, "org.ops4j.pax.web.ssl.key.password", "k3ystore");
    }

    /** Trusts the certificate in the keystore, and nothing else. */
    private static javax.net.ssl.SSLContext trusting(Path keystore) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, "k3ystore".toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private String base() {
        return "http://127.0.0.1:" + karaf.httpPort() + "/callpost";
    }

    private Answer get(String path, String cookie, String range) throws Exception {
        return send("GET", path, null, cookie, null, range);
    }

    private Answer post(String path, String json, String cookie, String csrf) throws Exception {
        return send("POST", path, json, cookie, csrf, null);
    }

    private Answer send(String method, String path, String json, String cookie, String csrf, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/api" + path)).timeout(Duration.ofSeconds(30));
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (range != null) {
            b.header("Range", range);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r);
    }

    private Answer upload(String path, byte[] body, String type, String cookie, String csrf) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api" + path)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r);
    }

    /** A 44.1 kHz 16-bit stereo WAV of a 1 kHz tone. */
    private static byte[] wav44k(double seconds) {
        int frames = (int) (44100 * seconds);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + frames * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 4).putInt(0x45564157).putInt(0x20746d66).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(44100).putInt(44100 * 4).putShort((short) 4).putShort((short) 16)
                .putInt(0x61746164).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short v = (short) (12000 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
            b.putShort(v).putShort(v);
        }
        return b.array();
    }

    private static String cookie(Answer logon) {
        String set = logon.header("set-cookie");
        assertNotNull("a session cookie", set);
        return set.substring(0, set.indexOf(';'));
    }

    /** Waits until the REST API answers (the web bundle starts after the others). */
    private void awaitWeb(long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try {
                if (get("/session", null, null).status() == 401) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the REST API did not answer within " + millis + " ms");
    }

    // ---- the store on disk ----

    private int sipPort() throws Exception {
        String cfg = Files.readString(karaf.home().resolve("etc/org.callpost.integration-webapi.cfg"));
        return Integer.parseInt(cfg.replaceAll("(?s).*sip\\.local\\.port = (\\d+).*", "$1"));
    }

    private List<Path> files(String folder) throws Exception {
        return StoreFiles.wavs(karaf.data().resolve("callpost/store"), "201", folder);
    }

    private Path onlyFile(String folder) throws Exception {
        List<Path> found = files(folder);
        assertEquals(found.toString(), 1, found.size());
        return found.get(0);
    }

    private boolean awaitFile(String folder, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!files(folder).isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private void awaitDraft(double seconds, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Optional<Path> draft = files("drafts").stream().findFirst();
            if (draft.isPresent() && StoreFiles.size(draft.get()) >= 44 + (long) (seconds * 16000)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording of " + seconds + " s within " + millis + " ms");
    }
}
