package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The SIP torture messages of RFC 4475 (and the IPv6 ones of RFC 5118), sent byte for byte with
 * plain sockets to an integration's listener, once over UDP (one datagram each) and once over TCP
 * (a connection each); each must get the handling its folder's README names. Then a normal call
 * still works, nothing was logged with a stack trace, and the stack's transactions and dialogs
 * all end.
 *
 * <p>No message is rewritten: none has to reach a line to mean something. Callpost screens every
 * request (RequestScreen) before it routes it, so the application-layer cases (416, 420, 415,
 * 406, 400 for repeated headers) get their answers at any Request-URI; a valid INVITE to a user
 * that is none of the lines is answered 404 by the call layer, which shows it was parsed,
 * accepted and routed. (An INVITE rewritten to a line would be answered 200 and wait for an ACK
 * the torture message has no way to send.)
 *
 * <p>Where UDP responses go: RFC 3261 18.2.2 sends them to the Via's sent-by port at the
 * source address (received=), so the test sends each datagram from a socket bound to its top
 * Via's port (5060 when it names none, 5061 for TLS) on a loopback address of its own
 * (127.x.y.z), where those ports are free even when a SIP server runs on 127.0.0.1. Responses
 * therefore come back to the socket that sent the request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TortureIT extends CallpostDistribution {
    private static final String NAME = "torture";

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer rtp;
    private ServiceRegistration<CallHandler> application;
    private TestApplication app;
    private int sipPort;

    /** What a message must get. */
    enum Kind {
        /** a final response with one of the codes */
        ANSWER,
        /** a final response that is not 400 (valid: parsed and accepted; the code is the application's) */
        ACCEPT,
        /** 400 (or one of the codes), or nothing at all */
        REJECT,
        /** nothing: it is a response, Callpost sent no request */
        SILENT,
        /**
         * over UDP, an earlier message's transaction by RFC 3261 17.2.3 (same branch, sent-by and
         * method, still within Timer J): the earlier message's answer again, or nothing
         */
        RETRANSMISSION,
        /** RFC 4475 allows either: accepted or 400; only no crash */
        LENIENT
    }

    record Expect(Kind kind, Set<Integer> codes, String header) {
        static Expect answer(int code) {
            return new Expect(Kind.ANSWER, Set.of(code), null);
        }

        static Expect answer(int code, String header) {
            return new Expect(Kind.ANSWER, Set.of(code), header);
        }

        static Expect accept() {
            return new Expect(Kind.ACCEPT, Set.of(), null);
        }

        static Expect reject(Integer... also) {
            return new Expect(Kind.REJECT, Set.of(also), null);
        }

        static final Expect SILENT = new Expect(Kind.SILENT, Set.of(), null);
        static final Expect LENIENT = new Expect(Kind.LENIENT, Set.of(), null);
    }

    /** The README's expected handling per file, with Callpost's answers where it has a choice. */
    private static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    static {
        // RFC 4475 3.1.1: valid, must be accepted. OPTIONS 200; REGISTER, MESSAGE and unknown
        // methods 405 (Callpost is no registrar); INVITEs to no line 404; wsinv has a To tag
        // for a dialog Callpost does not have: 481.
        EXPECTED.put("wsinv", Expect.accept());
        EXPECTED.put("intmeth", Expect.answer(405));
        EXPECTED.put("esc01", Expect.accept());
        EXPECTED.put("escnull", Expect.answer(405));
        EXPECTED.put("esc02", Expect.answer(405));
        EXPECTED.put("lwsdisp", Expect.answer(200));
        EXPECTED.put("longreq", Expect.accept());
        EXPECTED.put("dblreq", Expect.answer(405)); // over TCP its second request, an INVITE, is answered too
        EXPECTED.put("semiuri", Expect.answer(200));
        EXPECTED.put("transports", Expect.answer(200));
        EXPECTED.put("mpart01", Expect.answer(405));
        EXPECTED.put("unreason", Expect.SILENT);
        EXPECTED.put("noreason", Expect.SILENT);
        // 3.1.2: invalid, 400 or dropped
        for (String f : List.of("badinv01", "clerr", "ncl", "scalar02", "quotbal", "ltgtruri", "lwsruri", "badaspec",
                "baddn", "mismatch01", "mismatch02")) {
            EXPECTED.put(f, Expect.reject());
        }
        EXPECTED.put("badvers", Expect.reject(505)); // RFC 3261 8.2.2 / 21.5.7: 505 Version Not Supported
        EXPECTED.put("scalarlg", Expect.SILENT);
        EXPECTED.put("bigcode", Expect.SILENT);
        for (String f : List.of("lwsstart", "trws", "escruri", "baddate", "regbadct")) {
            EXPECTED.put(f, Expect.LENIENT);
        }
        // 3.2: transaction layer
        EXPECTED.put("badbranch", Expect.answer(200));
        // 3.3: application layer
        EXPECTED.put("insuf", Expect.answer(400));
        EXPECTED.put("unkscm", Expect.answer(416));
        EXPECTED.put("novelsc", Expect.answer(416));
        EXPECTED.put("unksm2", Expect.answer(405)); // valid REGISTER: Callpost takes no REGISTER
        EXPECTED.put("bext01", Expect.answer(420, "Unsupported"));
        EXPECTED.put("invut", Expect.answer(415, "Accept"));
        // A registrar would challenge (401); Callpost is a UA that is not a registrar: REGISTER is
        // a method it does not take, and method inspection (RFC 3261 8.2.1) comes first: 405 + Allow.
        EXPECTED.put("regaut01", Expect.answer(405, "Allow"));
        EXPECTED.put("multi01", Expect.answer(400));
        EXPECTED.put("mcl01", Expect.answer(400));
        EXPECTED.put("bcast", Expect.SILENT);
        EXPECTED.put("zeromf", Expect.answer(200)); // Max-Forwards 0 at a UAS: answered normally
        EXPECTED.put("cparam01", Expect.answer(405));
        EXPECTED.put("cparam02", Expect.answer(405));
        EXPECTED.put("regescrt", Expect.answer(405));
        EXPECTED.put("sdp01", Expect.answer(406));
        // 3.4
        EXPECTED.put("inv2543", Expect.accept());
        // RFC 5118
        EXPECTED.put("ipv6-good", Expect.answer(405));
        EXPECTED.put("port-unambiguous", Expect.answer(405));
        EXPECTED.put("port-ambiguous", Expect.answer(405));
        EXPECTED.put("via-received-param-with-delim", Expect.accept()); // BYE outside a dialog: 481
        EXPECTED.put("via-received-param-no-delim", Expect.answer(200));
        EXPECTED.put("ipv6-in-sdp", Expect.accept());
        EXPECTED.put("mult-ip-in-header", Expect.accept());
        EXPECTED.put("mult-ip-in-sdp", Expect.accept());
        EXPECTED.put("ipv4-mapped-ipv6", Expect.accept());
        EXPECTED.put("ipv6-correct-abnf-2-colons", Expect.answer(200));
        EXPECTED.put("ipv6-bad", Expect.reject());
        EXPECTED.put("ipv6-bug-abnf-3-colons", Expect.reject());
    }

    /**
     * Over TCP: clerr announces 9999 body bytes and baddn never ends its header: the stack waits
     * for bytes that never come (the README allows it). mcl01's two Content-Lengths leave the
     * stream without framing: the RI reads one, parses the rest as the next message, fails and
     * closes the connection before the 400 can go.
     */
    private static final Map<String, Expect> OVER_TCP = Map.of(
            "clerr", Expect.reject(),
            "baddn", Expect.reject(),
            "mcl01", Expect.reject());

    @Before
    public void integration() throws Exception {
        registrar = new SipRegistrar(NAME, SipRegistrar.freePort(), "s3cret");
        sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure(NAME, "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(registrar.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", "31-34", "hunt.group.access.code", "30",
                "media.base.port", String.valueOf(mediaBase), "on.hook.delay.millis", "300",
                // the UDP messages come from loopback addresses of the test's own, not the PBX's: their
                // INVITEs are to be answered as RFC 4475 says, not dropped as a stranger's calls are
                "calls.from.pbx.only", "false");
        assertTrue(registrar.await(r -> r.hasRegistered(List.of("31", "32", "33", "34")), 30_000));
        app = new TestApplication();
        application = bundleContext.registerService(CallHandler.class, app, new Hashtable<>());
        pbx = new PbxCaller(NAME, "tcp");
        rtp = new RtpPeer();
    }

    @After
    public void tearDown() throws Exception {
        if (application != null) {
            application.unregister();
        }
        remove(NAME);
        Thread.sleep(300);
        if (rtp != null) {
            rtp.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    /** One torture file. */
    record Message(String name, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        boolean isResponse() {
            return text().startsWith("SIP/");
        }

        String requestUri() {
            String first = text().substring(0, text().indexOf("\r\n"));
            String[] parts = first.trim().split("[ \t]+");
            return parts.length > 1 ? parts[1] : "";
        }

        /** The top Via's port, as RFC 3261 18.2.2 uses it; 5060 (5061 for TLS) when it names none. */
        int viaPort() {
            Matcher m = Pattern.compile("(?im)^(?:via|v)[ \t]*:[ \t]*SIP[ \t]*/[ \t]*2\\.0[ \t]*/[ \t]*(\\w+)[ \t\r\n]+"
                    + "(\\[[^\\]]*\\]|[^:;, \t\r\n]+)(?:[ \t]*:[ \t]*(\\d+))?").matcher(text());
            if (!m.find()) {
                return 5060;
            }
            if (m.group(3) != null) {
                return Integer.parseInt(m.group(3));
            }
            return "TLS".equalsIgnoreCase(m.group(1)) ? 5061 : 5060;
        }

        Optional<String> callId() {
            return header(text(), "call-id", "i");
        }

        Optional<BigInteger> cseq() {
            return header(text(), "cseq", null).flatMap(TortureIT::number);
        }

        /**
         * What identifies its server transaction by RFC 3261 17.2.3: the top Via's branch (when
         * it has the magic cookie) and sent-by, and the method (ACK as INVITE); else empty.
         */
        Optional<String> transactionKey() {
            if (isResponse()) {
                return Optional.empty();
            }
            String method = text().substring(0, text().indexOf(' '));
            Optional<String> via = header(text(), "via", "v");
            if (via.isEmpty()) {
                return Optional.empty();
            }
            String top = via.get().split(",")[0];
            Matcher sentBy = Pattern.compile("^\\s*SIP\\s*/\\s*2\\.0\\s*/\\s*\\w+\\s+([^;]+)").matcher(top);
            Matcher branch = Pattern.compile("branch\\s*=\\s*([^;,\\s]+)").matcher(top);
            if (!sentBy.find() || !branch.find() || !branch.group(1).toLowerCase(Locale.ROOT).startsWith("z9hg4bk")) {
                return Optional.empty();
            }
            return Optional.of(branch.group(1).toLowerCase(Locale.ROOT) + "|"
                    + sentBy.group(1).replaceAll("\\s", "").toLowerCase(Locale.ROOT) + "|"
                    + (method.equals("ACK") ? "INVITE" : method));
        }
    }

    /** What came back for one message over one transport; stateless: Callpost's screen refused it. */
    record Outcome(List<String> responses, boolean stateless) {
        Outcome(List<String> responses) {
            this(responses, false);
        }

        List<Integer> finals() {
            return responses.stream().map(TortureIT::status).filter(c -> c >= 200).toList();
        }

        List<Integer> codes() {
            return responses.stream().map(TortureIT::status).toList();
        }
    }

    static Optional<String> header(String message, String name, String compact) {
        int end = message.indexOf("\r\n\r\n");
        String head = (end < 0 ? message : message.substring(0, end)).replaceAll("\r\n[ \t]+", " ");
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String n = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (n.equals(name) || n.equals(compact)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    static Optional<BigInteger> number(String cseq) {
        Matcher m = Pattern.compile("^(\\d+)").matcher(cseq.trim());
        return m.find() ? Optional.of(new BigInteger(m.group(1))) : Optional.empty();
    }

    static int status(String response) {
        try {
            return Integer.parseInt(response.substring(8, 11));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Whether a response answers a message: same CSeq number, same Call-ID (when both have one). */
    static boolean answers(String response, Message m) {
        Optional<BigInteger> n = header(response, "cseq", null).flatMap(TortureIT::number);
        if (n.isEmpty() || !n.equals(m.cseq())) {
            return false;
        }
        Optional<String> id = header(response, "call-id", "i");
        return id.isEmpty() || m.callId().isEmpty() || id.get().equals(m.callId().get());
    }

    private static List<Message> load(String folder) throws IOException {
        Path dir = Paths.get(System.getProperty("callpost.conformance.dir"), folder);
        try (var files = Files.list(dir)) {
            List<Message> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".dat", "");
                out.add(new Message(name, Files.readAllBytes(p)));
            }
            return out;
        }
    }

    @Test
    public void everyTortureMessageGetsItsHandlingAndNothingLeaks() throws Exception {
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        long started = System.nanoTime();
        List<Message> messages = new ArrayList<>(load("rfc4475"));
        assertEquals("RFC 4475 messages", 49, messages.size());
        messages.addAll(load("rfc5118"));
        assertEquals(49 + 12, messages.size());
        for (Message m : messages) {
            assertTrue("no expectation for " + m.name(), EXPECTED.containsKey(m.name()));
        }

        Map<String, Outcome> udp = new TreeMap<>();
        Map<String, Outcome> tcp = new TreeMap<>();
        // TCP first: over TCP every transaction ends with its answer (Timers J and I are 0), while
        // over UDP a transaction absorbs retransmissions for 32 s (Timer J), and the same message
        // sent again over TCP within that time would be, by RFC 3261 17.2.3, a retransmission.
        for (Message m : messages) {
            tcp.put(m.name(), overTcp(m, OVER_TCP.getOrDefault(m.name(), EXPECTED.get(m.name()))));
        }
        Map<String, Expect> overUdp = new LinkedHashMap<>();
        Map<String, Message> firstOfTransaction = new LinkedHashMap<>();
        Map<String, String> retransmissionOf = new LinkedHashMap<>();
        try (Datagrams datagrams = new Datagrams(messages)) {
            for (Message m : messages) {
                Optional<String> key = m.transactionKey();
                Message earlier = key.map(firstOfTransaction::get).orElse(null);
                Expect e = EXPECTED.get(m.name());
                if (earlier != null && !udp.get(earlier.name()).finals().isEmpty()
                        && !udp.get(earlier.name()).stateless) {
                    // the corpus reuses branches: this one is the earlier one's transaction again
                    e = new Expect(Kind.RETRANSMISSION, Set.copyOf(udp.get(earlier.name()).finals()), earlier.name());
                    retransmissionOf.put(m.name(), earlier.name());
                }
                overUdp.put(m.name(), e);
                udp.put(m.name(), datagrams.send(m, e, earlier));
                key.ifPresent(k -> {
                    Message first = firstOfTransaction.get(k);
                    if (first == null || udp.get(first.name()).stateless || udp.get(first.name()).finals().isEmpty()) {
                        firstOfTransaction.put(k, m); // a stateless refusal left no transaction behind
                    }
                });
            }
            // the listener still serves a plain request after all of them
            Message plain = plainOptions(datagrams.address.getHostAddress(), 5060);
            Outcome after = datagrams.send(plain, Expect.answer(200), null);
            assertEquals("a plain OPTIONS over UDP after the run: " + after.codes(), List.of(200), after.finals());
        }
        StringBuilder table = new StringBuilder("\nmessage                          UDP                 TCP\n");
        List<String> wrong = new ArrayList<>();
        for (Message m : messages) {
            Outcome u = udp.get(m.name());
            Outcome t = tcp.get(m.name());
            String note = retransmissionOf.containsKey(m.name()) ? " (= " + retransmissionOf.get(m.name()) + ")" : "";
            table.append(String.format("%-32s %-19s %s%n", m.name(), u.codes() + note, t.codes()));
            check(m, "UDP", overUdp.get(m.name()), u, wrong);
            if (!m.name().equals("dblreq")) { // two requests on one connection: checked below
                check(m, "TCP", OVER_TCP.getOrDefault(m.name(), EXPECTED.get(m.name())), t, wrong);
            }
        }
        // dblreq over TCP is two requests on one connection. The REGISTER must get its 405; the
        // INVITE is accepted (Callpost answers 100 and 404), but the RI routes those answers by the
        // connection's first Via (192.0.2.125) and has dropped the connection from its cache after
        // the first transaction, so they usually do not arrive (sometimes they do, in either order,
        // and on some runs not even the REGISTER's 405 comes back on that connection). A JAIN-SIP
        // defect, reported, not hidden: whatever arrives must not be 400.
        List<Integer> dblreqTcp = tcp.get("dblreq").finals();
        if (dblreqTcp.contains(400)) {
            wrong.add("dblreq over TCP: a valid request was refused with 400: " + dblreqTcp);
        }
        System.out.println(table);
        System.out.printf("torture run took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong) + table);
        }

        // a normal call still works
        OutgoingCall c = pbx.call("127.0.0.1", sipPort, "31", "202", "31", rtp.sdpOffer());
        assertTrue(c.codes().toString(), c.got(200, 3000));
        c.ack(null);
        Call call = app.answered.poll(3, TimeUnit.SECONDS);
        assertTrue("the application got the call", call != null);
        c.bye();
        assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 3000));

        // every transaction and dialog ends (UDP non-INVITE transactions wait out Timer J, 32 s)
        Optional<IntegrationStatus> idle = await(NAME, s -> s.sipTransactions() == 0 && s.sipDialogs() == 0, 45_000);
        IntegrationStatus s = integrations.find(NAME).orElseThrow();
        assertTrue("transactions " + s.sipTransactions() + ", dialogs " + s.sipDialogs() + " still live", idle.isPresent());

        // and nothing was logged with a stack trace (the distribution under test logs org.callpost,
        // JAIN-SIP included, at DEBUG, where the RI prints a trace for every answer it could not
        // deliver: those are counted apart; an INFO, WARN or ERROR entry with a trace is a failure)
        String logged = Files.exists(log) ? tail(log, logStart) : "";
        List<String> traces = new ArrayList<>();
        int debugTraces = 0;
        String entry = "";
        for (String line : logged.split("\r?\n")) {
            if (line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                entry = line;
            } else if (line.matches("^\\s+at [\\w$./]+\\(.*\\)\\s*$") || line.startsWith("Caused by:")) {
                if (entry.contains("| DEBUG |") || entry.contains("| TRACE |")) {
                    debugTraces++;
                } else {
                    if (traces.isEmpty() || !traces.get(traces.size() - 1).equals(entry)) {
                        traces.add(entry);
                    }
                    traces.add(line);
                }
            }
        }
        System.out.printf("stack trace lines under DEBUG entries: %d%n", debugTraces);
        assertTrue("stack traces in karaf.log:\n" + String.join("\n", traces.subList(0, Math.min(traces.size(), 40))),
                traces.isEmpty());
        System.out.printf("torture test took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static String tail(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = from <= all.length ? (int) from : 0;
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    private static void check(Message m, String transport, Expect e, Outcome o, List<String> wrong) {
        List<Integer> finals = o.finals();
        String what = m.name() + " over " + transport + ": got " + o.codes() + ", ";
        switch (e.kind()) {
            case ANSWER -> {
                if (finals.isEmpty() || !e.codes().contains(finals.get(0))) {
                    wrong.add(what + "expected " + e.codes());
                } else if (e.header() != null) {
                    String r = o.responses().stream().filter(x -> status(x) >= 200).findFirst().orElse("");
                    if (header(r, e.header().toLowerCase(Locale.ROOT), null).isEmpty()) {
                        wrong.add(what + "expected a " + e.header() + " header in\n" + r);
                    }
                }
            }
            case ACCEPT -> {
                if (finals.isEmpty() || finals.get(0) == 400) {
                    wrong.add(what + "expected it accepted (a final answer other than 400)");
                }
            }
            case REJECT -> {
                if (!finals.isEmpty() && finals.get(0) != 400 && !e.codes().contains(finals.get(0))) {
                    wrong.add(what + "expected 400" + (e.codes().isEmpty() ? "" : " or " + e.codes()) + " or nothing");
                }
            }
            case SILENT -> {
                if (!o.responses().isEmpty()) {
                    wrong.add(what + "expected nothing back");
                }
            }
            case RETRANSMISSION -> {
                if (!finals.isEmpty() && !e.codes().contains(finals.get(0))) {
                    wrong.add(what + "expected " + e.header() + "'s answer " + e.codes() + " again, or nothing");
                }
            }
            case LENIENT -> {
                // either is right
            }
        }
    }

    private static Message plainOptions(String host, int port) {
        String id = "plain." + System.nanoTime();
        String text = "OPTIONS sip:31@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK" + id + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:pbx@" + host + ">;tag=p1\r\nTo: <sip:31@127.0.0.1>\r\n"
                + "Call-ID: " + id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return new Message("plain", text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** How long to wait for a final answer: long where one is due, short where nothing may come. */
    private static long patience(Expect e) {
        return switch (e.kind()) {
            case ANSWER, ACCEPT -> 3000;
            case SILENT -> 300;
            default -> 500;
        };
    }

    /**
     * An ACK for a non-2xx final answer to an INVITE (RFC 3261 17.1.1.3), as the torture
     * message's sender would send it, so that the INVITE's server transaction ends at once instead of
     * after Timer H: built from the answer's top Via, From, To (with its tag), Call-ID and CSeq.
     */
    private static byte[] ackFor(Message m, String response) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        String via = null;
        StringBuilder b = new StringBuilder("ACK " + m.requestUri() + " SIP/2.0\r\n");
        for (String line : head.split("\r\n")) {
            String n = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
            if ((n.equals("via") || n.equals("v")) && via == null) {
                via = line;
                b.append(line).append("\r\n");
            } else if (Set.of("from", "f", "to", "t", "call-id", "i").contains(n)) {
                b.append(line).append("\r\n");
            }
        }
        BigInteger cseq = header(response, "cseq", null).flatMap(TortureIT::number).orElse(BigInteger.ONE);
        b.append("CSeq: ").append(cseq).append(" ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean needsAck(String response) {
        int code = status(response);
        return code >= 300 && header(response, "call-id", "i").isPresent() && header(response, "cseq", null).map(c -> c.toUpperCase(Locale.ROOT).endsWith("INVITE")).orElse(false);
    }

    /** The UDP side: sockets on a loopback address of the test's own, one per Via port the messages name. */
    private final class Datagrams implements AutoCloseable {
        final InetAddress address;
        final Map<Integer, DatagramSocket> sockets = new LinkedHashMap<>();
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<Thread> readers = new ArrayList<>();
        final InetSocketAddress callpost = new InetSocketAddress("127.0.0.1", sipPort);

        Datagrams(List<Message> messages) throws IOException {
            InetAddress chosen = null;
            for (int attempt = 0; attempt < 10 && chosen == null; attempt++) {
                InetAddress a = InetAddress.getByAddress(new byte[] {127, (byte) ThreadLocalRandom.current().nextInt(1, 255),
                        (byte) ThreadLocalRandom.current().nextInt(1, 255), (byte) ThreadLocalRandom.current().nextInt(2, 255)});
                try {
                    open(a, 5060);
                    chosen = a;
                } catch (SocketException busy) {
                    // try another address
                }
            }
            if (chosen == null) {
                throw new IOException("no loopback address with UDP port 5060 free");
            }
            address = chosen;
            for (Message m : messages) {
                int port = m.viaPort();
                if (!sockets.containsKey(port)) {
                    open(address, port);
                }
            }
        }

        private void open(InetAddress a, int port) throws SocketException {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(a, port));
            sockets.put(port, s);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                while (!s.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                        received.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "torture-udp-" + port);
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }

        /**
         * Sends one datagram from the socket at its Via's port; returns what answered it (or,
         * when it repeats an earlier message's transaction, what answered that one).
         */
        Outcome send(Message m, Expect e, Message earlier) throws Exception {
            DatagramSocket s = sockets.get(m.viaPort());
            received.clear();
            s.send(new DatagramPacket(m.bytes(), m.bytes().length, callpost));
            List<String> answers = new ArrayList<>();
            long end = System.currentTimeMillis() + patience(e);
            boolean done = false;
            while (System.currentTimeMillis() < end && !done) {
                for (String r : received) {
                    if (!m.isResponse() && (answers(r, m) || earlier != null && answers(r, earlier)) && !answers.contains(r)) {
                        answers.add(r);
                        if (status(r) >= 200) {
                            done = true;
                            if (needsAck(r)) {
                                byte[] ack = ackFor(m, r);
                                s.send(new DatagramPacket(ack, ack.length, callpost));
                            }
                        }
                    }
                }
                if (m.isResponse()) {
                    // anything Callpost sent about this response (other transactions' retransmissions are not)
                    for (String r : received) {
                        if (m.callId().isPresent() && m.callId().equals(header(r, "call-id", "i")) && !answers.contains(r)) {
                            answers.add(r);
                        }
                    }
                }
                Thread.sleep(10);
            }
            // Callpost's own refusals (RequestScreen) go statelessly over UDP: no transaction to repeat
            boolean stateless = answers.stream().anyMatch(r -> status(r) >= 400 && status(r) != 405
                    && status(r) != 404 && status(r) != 481);
            return new Outcome(answers, stateless);
        }

        @Override
        public void close() {
            sockets.values().forEach(DatagramSocket::close);
        }
    }

    /** One connection per message: writes it, reads what comes back until a final answer or a pause. */
    private Outcome overTcp(Message m, Expect e) throws Exception {
        int wanted = m.name().equals("dblreq") ? 2 : 1;
        List<String> answers = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", sipPort), 2000);
            s.setSoTimeout(100);
            OutputStream out = s.getOutputStream();
            out.write(m.bytes());
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long end = System.currentTimeMillis() + patience(e);
            int finals = 0;
            byte[] chunk = new byte[8192];
            while (System.currentTimeMillis() < end && finals < wanted) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException quiet) {
                    continue;
                } catch (IOException reset) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                buffer.write(chunk, 0, n);
                String r;
                while ((r = nextMessage(buffer)) != null) {
                    answers.add(r);
                    if (status(r) >= 200) {
                        finals++;
                        if (needsAck(r)) {
                            out.write(ackFor(m, r));
                            out.flush();
                        }
                    }
                }
            }
        } catch (IOException refused) {
            answers.add("SIP/2.0 000 connection failed: " + refused.getMessage());
        }
        return new Outcome(answers);
    }

    /** Takes one whole message (header and Content-Length body) off the front of the buffer. */
    private static String nextMessage(ByteArrayOutputStream buffer) {
        String text = buffer.toString(StandardCharsets.ISO_8859_1);
        while (text.startsWith("\r\n")) {
            text = text.substring(2); // keep-alive CRLFs
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        int length = header(text.substring(0, end + 4), "content-length", "l").map(String::trim).map(Integer::parseInt).orElse(0);
        if (text.length() < end + 4 + length) {
            return null;
        }
        String message = text.substring(0, end + 4 + length);
        byte[] rest = text.substring(end + 4 + length).getBytes(StandardCharsets.ISO_8859_1);
        buffer.reset();
        buffer.write(rest, 0, rest.length);
        return message;
    }
}
