package org.callpost.sip.internal.message;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import javax.sip.message.Request;
import javax.sip.message.Response;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JAIN-SIP's message parser, plus notes on what it forgives silently: a second Call-ID, From,
 * To, CSeq, Content-Length ... (the RI keeps the first and drops the rest), a SIP version other
 * than 2.0, an unbracketed or malformed IPv6 reference in the Request-URI, whitespace inside the
 * angle brackets of From/To, a display name that is neither tokens nor a quoted string. The notes
 * ride on the parsed request ({@link Flaws}, as its application data) for {@link RequestScreen},
 * which answers 400 (or 505) instead of acting on a message the parser tidied up.
 *
 * <p>Installed with {@code SIPTransactionStack#setMessageParserFactory} before the listening
 * points exist, so both the UDP channels and the TCP pipelines use it. Stateless: every note is
 * kept on the message being parsed, so one instance may serve several threads.
 */
public final class ScreeningParser extends StringMsgParser {
    /** Headers RFC 3261 allows once (section 7.3.1, 20), by lower-case name and compact form. */
    private static final Map<String, String> SINGLE = new HashMap<>();

    static {
        for (String[] h : new String[][] {{"call-id", "i"}, {"from", "f"}, {"to", "t"}, {"cseq", null},
                {"max-forwards", null}, {"content-length", "l"}, {"content-type", "c"}, {"expires", null},
                {"min-expires", null}, {"date", null}, {"session-expires", "x"}, {"min-se", null},
                {"content-disposition", null}, {"mime-version", null}, {"rack", null}, {"rseq", null}}) {
            SINGLE.put(h[0], h[0]);
            if (h[1] != null) {
                SINGLE.put(h[1], h[0]);
            }
        }
    }

    /** What the parser noticed about one message. */
    static final class Flaws {
        final List<String> problems = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        /** The SIP version of a request line that is not SIP/2.0, else null. */
        String version;

        @Override
        public String toString() {
            return String.join("; ", problems);
        }
    }

    /** The factory the stack asks for a parser per channel. */
    public static final class Factory implements MessageParserFactory {
        @Override
        public MessageParser createMessageParser(SIPTransactionStack stack) {
            return new ScreeningParser();
        }
    }

    /** The notes on a parsed message, or null when the parser had none (or did not parse it). */
    static Flaws flaws(Object message) {
        return message instanceof SIPMessage m && m.getApplicationData() instanceof Flaws f ? f : null;
    }

    /**
     * A request without Call-ID, From or To (RFC 4475 insuf) is dropped by the RI without an
     * answer (it cannot make a transaction or a response without them). Stand-ins are put in,
     * marked as such, and the missing headers noted as a flaw: the request then reaches
     * {@link RequestScreen}, which answers 400 through a transaction like any other bad request,
     * over UDP and over the TCP connection it came on alike.
     */
    @Override
    public SIPMessage parseSIPMessage(byte[] raw, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SIPMessage m = super.parseSIPMessage(raw, readBody, strict, listener);
        if (m instanceof SIPRequest r && listener instanceof MessageChannel channel) {
            answerOnArrivalTransport(r, channel);
        }
        if (m instanceof SIPRequest r && !Request.ACK.equals(r.getMethod()) && r.getCSeq() != null
                && r.getViaHeaders() != null && !r.getViaHeaders().isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (r.getCallId() == null) {
                missing.add("Call-ID");
                r.setHeader(new gov.nist.javax.sip.header.CallID("missing-" + Long.toHexString(System.nanoTime())));
            }
            if (r.getFrom() == null) {
                missing.add("From");
                gov.nist.javax.sip.header.From from = new gov.nist.javax.sip.header.From();
                from.setAddress(STAND_IN.createAddress("<sip:missing@invalid>"));
                from.setTag(Long.toHexString(System.nanoTime()));
                r.setHeader(from);
            }
            if (r.getTo() == null) {
                missing.add("To");
                gov.nist.javax.sip.header.To to = new gov.nist.javax.sip.header.To();
                to.setAddress(STAND_IN.createAddress("<sip:missing@invalid>"));
                r.setHeader(to);
            }
            if (!missing.isEmpty()) {
                Flaws f = flaws(r);
                if (f == null) {
                    f = new Flaws();
                    r.setApplicationData(f);
                }
                f.problems.add("missing " + String.join(", ", missing));
            }
        }
        return m;
    }

    private static final gov.nist.javax.sip.address.AddressFactoryImpl STAND_IN =
            new gov.nist.javax.sip.address.AddressFactoryImpl();

    /**
     * A request whose top Via names another transport than the one it came on (UDP in a Via over
     * TCP, TCP or TLS in a Via over UDP) would be answered, by RFC 3261 18.2.2 to the letter, on
     * the Via's transport: over a new connection to the sent-by (a DNS lookup on the integration's
     * thread, for a name the sender may have made up) or by UDP to a TCP sender; the RI even skips
     * received= then and the answer is lost. Callpost answers on the transport the request came
     * on: the Via's transport is set to it. The sender matches the answer by branch and sent-by
     * (RFC 3261 17.1.3), which stay as they were.
     */
    private static void answerOnArrivalTransport(SIPRequest r, MessageChannel channel) {
        Via top = r.getTopmostVia();
        String arrived = channel.getTransport();
        if (top != null && arrived != null && top.getTransport() != null && !top.getTransport().equalsIgnoreCase(arrived)) {
            try {
                top.setTransport(arrived.toUpperCase(Locale.ROOT));
            } catch (ParseException e) {
                // leave it as it came
            }
        }
        if (top != null && channel.isReliable() && channel.getPeerPacketSourceAddress() != null
                && channel.getPeerPacketSourcePort() > 0) {
            // Over a connection the answer goes back on that connection (RFC 3261 18.2.2): name it
            // in received/rport, so the RI does not take the peer from the sent-by of whichever
            // request came first on the connection (RFC 4475 dblreq: two senders, one connection).
            try {
                top.setReceived(channel.getPeerPacketSourceAddress().getHostAddress());
                top.setParameter(Via.RPORT, String.valueOf(channel.getPeerPacketSourcePort()));
            } catch (ParseException e) {
                // leave it as it came
            }
        }
    }

    /**
     * An incoming request whose server-transaction key follows RFC 3261 17.2.3: branch, sent-by
     * and method (ACK and CANCEL keyed to the INVITE they belong to). The RI keys its server
     * transactions by branch alone and silently drops a request whose branch a live transaction
     * of another method or sender already holds ("transaction already exists"): RFC 4475 reuses
     * the branch z9hG4bKkdjuw across unrelated messages, and two senders may well collide. The
     * transport the request came on (the top Via's, see {@link #answerOnArrivalTransport}) is
     * part of the key too: a server transaction lives on its message channel, and a copy over
     * another transport is no retransmission the transaction could answer (the RI would drop
     * a UDP INVITE for 32 s after the same INVITE came over TCP).
     */
    static final class ScreenedRequest extends SIPRequest {
        private static final long serialVersionUID = 1L;

        @Override
        public String getTransactionId() {
            String id = super.getTransactionId();
            Via top = getTopmostVia();
            String branch = top == null ? null : top.getBranch();
            if (branch == null || !branch.toLowerCase(Locale.ROOT).startsWith("z9hg4bk") || top.getSentBy() == null) {
                // RFC 2543 matching: the RI's own key, on this transport
                return top == null ? id : id + "|" + String.valueOf(top.getTransport()).toLowerCase(Locale.ROOT);
            }
            String method = getMethod();
            boolean cancel = Request.CANCEL.equals(method);
            if (cancel || Request.ACK.equals(method)) {
                method = Request.INVITE;
            }
            String key = branch.toLowerCase(Locale.ROOT) + "|" + top.getSentBy().encode().toLowerCase(Locale.ROOT) + "|" + method
                    + "|" + String.valueOf(top.getTransport()).toLowerCase(Locale.ROOT);
            return cancel ? key + ":cancel" : key;
        }
    }

    @Override
    protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] raw)
            throws ParseException {
        SIPMessage m = super.processFirstLine(firstLine, listener, raw);
        if (m instanceof SIPRequest parsed && parsed.getRequestLine() != null) {
            ScreenedRequest screened = new ScreenedRequest();
            screened.setRequestLine(parsed.getRequestLine());
            m = screened;
        }
        if (m instanceof SIPRequest) {
            Flaws f = new Flaws();
            String line = firstLine.trim();
            int last = line.lastIndexOf(' ');
            String version = last < 0 ? "" : line.substring(last + 1).trim();
            if (!version.equalsIgnoreCase("SIP/2.0")) {
                f.version = version;
                f.problems.add("SIP version " + version);
            }
            String[] parts = line.split("[ \t]+");
            if (parts.length >= 2) {
                String ipv6 = ipv6Problem(parts[1]);
                if (ipv6 != null) {
                    f.problems.add("Request-URI " + ipv6);
                }
            }
            m.setApplicationData(f);
        }
        return m;
    }

    @Override
    protected void processHeader(String header, SIPMessage message, ParseExceptionListener listener, byte[] raw)
            throws ParseException {
        Flaws f = flaws(message);
        if (f != null && header != null) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String single = SINGLE.get(name);
                if (single != null) {
                    int n = f.seen.merge(single, 1, Integer::sum);
                    if (n == 2) {
                        f.problems.add("more than one " + single + " header");
                    }
                }
                if ("from".equals(single) || "to".equals(single)) {
                    String p = nameAddrProblem(header.substring(colon + 1));
                    if (p != null) {
                        f.problems.add(single + ": " + p);
                    }
                }
            }
        }
        super.processHeader(header, message, listener, raw);
    }

    /** Unbracketed IPv6 in a SIP URI's host, or a bracketed reference that is not IPv6; else null. */
    static String ipv6Problem(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            return null;
        }
        String rest = uri.substring(uri.indexOf(':') + 1);
        int at = rest.lastIndexOf('@');
        String hostport = at >= 0 ? rest.substring(at + 1) : rest;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            if (close < 0) {
                return "has an unterminated IPv6 reference";
            }
            String literal = hostport.substring(1, close);
            if (!validIpv6(literal)) {
                return "has an invalid IPv6 reference [" + literal + "]";
            }
            return null;
        }
        int end = hostport.length();
        for (char c : new char[] {';', '?'}) {
            int i = hostport.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String host = hostport.substring(0, end);
        if (host.indexOf(':') != host.lastIndexOf(':')) {
            return "has an IPv6 address without brackets (" + host + ")";
        }
        return null;
    }

    /** RFC 3986 IPv6address, loosely: hex groups, at most one "::", an optional trailing IPv4. */
    static boolean validIpv6(String s) {
        if (s.isEmpty() || s.contains(":::")) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!g.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (!g.matches("[0-9a-fA-F]{1,4}")) {
                return false;
            }
            count++;
        }
        return dbl >= 0 ? count <= 7 : count == 8;
    }

    private static final Set<Character> TOKEN_MARKS = Set.of('-', '.', '!', '%', '*', '_', '+', '`', '\'', '~');

    /**
     * RFC 3261 name-addr rules the RI lets pass: a display name must be tokens or one quoted
     * string, and LAQUOT/RAQUOT allow no whitespace inside the brackets. Null when fine.
     */
    static String nameAddrProblem(String value) {
        boolean quoted = false;
        int lt = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                lt = i;
                break;
            }
        }
        if (lt < 0) {
            return null; // addr-spec form, or unbalanced quotes the parser itself refuses
        }
        String display = value.substring(0, lt).trim();
        if (!display.isEmpty() && !display.startsWith("\"")) {
            for (char c : display.toCharArray()) {
                if (!(Character.isLetterOrDigit(c) && c < 128) && !TOKEN_MARKS.contains(c) && !Character.isWhitespace(c)) {
                    return "display name \"" + display + "\" is neither tokens nor a quoted string";
                }
            }
        }
        int gt = value.indexOf('>', lt);
        if (lt + 1 < value.length() && Character.isWhitespace(value.charAt(lt + 1))
                || gt > lt && Character.isWhitespace(value.charAt(gt - 1))) {
            return "whitespace inside <>";
        }
        return null;
    }
}
