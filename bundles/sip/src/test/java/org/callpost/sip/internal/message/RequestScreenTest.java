package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.nio.charset.StandardCharsets;
import javax.sip.message.Request;
import org.junit.Test;

public class RequestScreenTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

    private static String message(String method, String uri, String body, String... extraHeaders) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n");
        b.append("From: \"Alice\" <sip:202@192.0.2.1>;tag=a1\r\n");
        b.append("To: <sip:31@192.0.2.2>\r\n");
        b.append("Call-ID: c1@192.0.2.1\r\n");
        b.append("CSeq: 1 ").append(method).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return b.toString();
    }

    /** As the stack parses it (with the screening parser's notes). */
    private static Request screened(String text) throws Exception {
        return (Request) new ScreeningParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static Integer status(Request r) {
        RequestScreen.Refusal f = RequestScreen.check(r);
        return f == null ? null : f.status();
    }

    @Test
    public void aPlainInviteOrOptionsGoesOn() throws Exception {
        assertNull(status(screened(message("INVITE", "sip:31@192.0.2.2", SDP, "Content-Type: application/sdp"))));
        assertNull(status(screened(message("OPTIONS", "sip:31@192.0.2.2", "", "Accept: application/sdp, text/plain"))));
        assertNull(status(screened(message("INVITE", "sip:31@192.0.2.2", SDP, "Content-Type: application/sdp",
                "Require: timer", "Session-Expires: 1800", "Accept: */*"))));
        // the plain parser (no notes) gives the same answers
        assertNull(status(new MessageFactoryImpl().createRequest(message("INVITE", "sip:31@192.0.2.2", SDP,
                "Content-Type: application/sdp"))));
    }

    @Test
    public void anUnknownSchemeGets416() throws Exception {
        assertEquals(Integer.valueOf(416), status(screened(message("OPTIONS", "nobodyKnowsThisScheme:opaque", ""))));
        assertEquals(Integer.valueOf(416), status(screened(message("OPTIONS", "soap.beep://192.0.2.103:3002", ""))));
        assertNull("tel: belongs to a proxy, but an unknown method still gets 405 first",
                status(screened(message("REGISTER", "tel:+12125551212", ""))));
    }

    @Test
    public void anUnknownRequireGets420WithUnsupported() throws Exception {
        RequestScreen.Refusal r = RequestScreen.check(screened(message("OPTIONS", "sip:31@192.0.2.2", "",
                "Require: nothingSupportsThis, timer, nothingSupportsThisEither")));
        assertEquals(420, r.status());
        assertEquals("Unsupported: nothingSupportsThis, nothingSupportsThisEither", r.headers().get(0));
    }

    @Test
    public void aBodyOtherThanSdpGets415WithAccept() throws Exception {
        RequestScreen.Refusal r = RequestScreen.check(screened(message("INVITE", "sip:31@192.0.2.2", "<audio/>",
                "Content-Type: application/unknownformat")));
        assertEquals(415, r.status());
        assertTrue(r.headers().contains("Accept: application/sdp"));
        assertEquals(Integer.valueOf(415), status(screened(message("INVITE", "sip:31@192.0.2.2", SDP,
                "Content-Type: application/sdp", "Content-Encoding: gzip"))));
        assertNull("NOTIFY carries other bodies", status(screened(message("NOTIFY", "sip:31@192.0.2.2",
                "Messages-Waiting: yes\r\n", "Content-Type: application/simple-message-summary", "Event: message-summary"))));
    }

    @Test
    public void anAcceptWithoutSdpGets406() throws Exception {
        assertEquals(Integer.valueOf(406), status(screened(message("INVITE", "sip:31@192.0.2.2", SDP,
                "Content-Type: application/sdp", "Accept: text/nobodyKnowsThis"))));
        assertEquals(Integer.valueOf(406), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "", "Accept: text/plain"))));
        assertNull(status(screened(message("OPTIONS", "sip:31@192.0.2.2", "", "Accept: application/*"))));
    }

    @Test
    public void repeatedSingleValueHeadersGet400() throws Exception {
        assertEquals(Integer.valueOf(400), status(screened(message("INVITE", "sip:31@192.0.2.2", SDP,
                "Content-Type: application/sdp", "Call-ID: other@192.0.2.1"))));
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "",
                "Max-Forwards: 5"))));
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "", "l: 0"))));
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "",
                "t: <sip:other@192.0.2.2>"))));
    }

    @Test
    public void aCseqForAnotherMethodOrHeadersInTheRequestUriGet400() throws Exception {
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "")
                .replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"))));
        assertEquals(Integer.valueOf(400), status(screened(message("INVITE", "sip:31@192.0.2.2?Route=%3Csip:x%3E", SDP,
                "Content-Type: application/sdp"))));
    }

    @Test
    public void aBadVersionGets505() throws Exception {
        assertEquals(Integer.valueOf(505), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "")
                .replace("sip:31@192.0.2.2 SIP/2.0", "sip:31@192.0.2.2 SIP/7.0"))));
    }

    @Test
    public void malformedNameAddrsAndIpv6Get400() throws Exception {
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "")
                .replace("To: <sip:31@192.0.2.2>", "To: \"Watson, Thomas\" < sip:t.watson@example.org >"))));
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:31@192.0.2.2", "")
                .replace("From: \"Alice\"", "From: Bell, Alexander"))));
        assertNull(status(screened(message("OPTIONS", "sip:31@192.0.2.2", "")
                .replace("From: \"Alice\"", "From: token1~` token2'+_ token3*%!.-"))));
        assertEquals(Integer.valueOf(400), status(screened(message("OPTIONS", "sip:user@[2001:db8:::192.0.2.1]", ""))));
        assertNull(status(screened(message("OPTIONS", "sip:user@[2001:db8::192.0.2.1]", ""))));
        assertNull(status(screened(message("OPTIONS", "sip:[2001:db8::10:5070]", ""))));
        assertFalse(ScreeningParser.validIpv6("2001:db8:::192.0.2.1"));
        assertTrue(ScreeningParser.validIpv6("::ffff:192.0.2.1"));
        assertEquals("has an IPv6 address without brackets (2001:db8::10)", ScreeningParser.ipv6Problem("sip:2001:db8::10"));
    }

    @Test
    public void serverTransactionsAreKeyedByBranchSentByAndMethod() throws Exception {
        String invite = message("INVITE", "sip:31@192.0.2.2", SDP, "Content-Type: application/sdp");
        String id = ((gov.nist.javax.sip.message.SIPRequest) screened(invite)).getTransactionId();
        String otherHost = ((gov.nist.javax.sip.message.SIPRequest) screened(invite.replace("192.0.2.1:5060;branch",
                "192.0.2.9:5060;branch"))).getTransactionId();
        String register = ((gov.nist.javax.sip.message.SIPRequest) screened(message("REGISTER", "sip:192.0.2.2", "")))
                .getTransactionId();
        String ack = ((gov.nist.javax.sip.message.SIPRequest) screened(message("ACK", "sip:31@192.0.2.2", ""))).getTransactionId();
        String cancel = ((gov.nist.javax.sip.message.SIPRequest) screened(message("CANCEL", "sip:31@192.0.2.2", "")))
                .getTransactionId();
        assertFalse(id.equals(otherHost));
        assertFalse(id.equals(register));
        assertEquals("the ACK for a non-2xx belongs to its INVITE", id, ack);
        assertEquals(id + ":cancel", cancel);
    }

    @Test
    public void ackIsNeverAnsweredButScreened() throws Exception {
        assertNull(status(screened(message("ACK", "sip:31@192.0.2.2", ""))));
    }
}
