package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import javax.sip.address.AddressFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Response;
import org.junit.Test;

/** The Authorization header answering a digest challenge: RFC 2617's example, qop, nonce counts. */
public class DigestAuthorizationTest {
    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    private static final String OPAQUE = "5ccc069c403ebaf9f0171e9517f40e41";
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();

    private static Challenge challenge(String nonce, String algorithm, String qop) {
        return new Challenge(false, "testrealm@host.com", nonce, algorithm, OPAQUE, qop, false);
    }

    private AuthorizationHeader answer(DigestAuthorization auth, Challenge c, String uri) throws Exception {
        return auth.answer(headers, addresses, c, "GET", uri, "Mufasa", "Circle Of Life");
    }

    /** RFC 2617 section 3.5: qop=auth, cnonce 0a4f113b, nc 00000001 (its uri is no SIP URI: the answer, not the header). */
    @Test
    public void answersTheRfc2617ExampleWithQopAuth() {
        DigestAnswer a = new DigestAuthorization(() -> "0a4f113b").next(challenge(NONCE, null, "auth,auth-int"), "GET",
                "/dir/index.html", "Mufasa", "Circle Of Life");
        assertEquals("6629fae49393a05397450978507c4ef1", a.response);
        assertEquals("auth", a.qop);
        assertEquals("0a4f113b", a.cnonce);
        assertEquals("00000001", a.nonceCount);
    }

    /** The same challenge answered in a header for a SIP request URI. */
    @Test
    public void theHeaderCarriesTheAnswer() throws Exception {
        AuthorizationHeader h = answer(new DigestAuthorization(() -> "0a4f113b"), challenge(NONCE, null, "auth,auth-int"),
                "sip:201@pbx;transport=tcp");
        String ha1 = DigestAnswer.md5("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestAnswer.md5("GET:sip:201@pbx;transport=tcp");
        assertEquals(DigestAnswer.md5(ha1 + ":" + NONCE + ":00000001:0a4f113b:auth:" + ha2), h.getResponse());
        assertEquals("auth", h.getQop());
        assertEquals("0a4f113b", h.getCNonce());
        assertEquals("00000001", h.getParameter("nc"));
        assertEquals("Mufasa", h.getUsername());
        assertEquals("testrealm@host.com", h.getRealm());
        assertEquals(NONCE, h.getNonce());
        assertEquals(OPAQUE, h.getOpaque());
        assertEquals("MD5", h.getAlgorithm());
        assertEquals("sip:201@pbx;transport=tcp", h.getURI().toString());
        assertFalse(h instanceof ProxyAuthorizationHeader);
    }

    /** Without qop (RFC 2069 style): response = MD5(HA1:nonce:HA2), no cnonce and no nc. */
    @Test
    public void answersTheRfc2617ExampleWithoutQop() throws Exception {
        DigestAnswer a = new DigestAuthorization().next(challenge(NONCE, "MD5", null), "GET", "/dir/index.html", "Mufasa",
                "Circle Of Life");
        String ha1 = DigestAnswer.md5("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestAnswer.md5("GET:/dir/index.html");
        assertEquals("939e7578ed9e3c518a452acee763bce9", ha1);
        assertEquals("39aff3a2bab6126f332b942af96d3366", ha2);
        assertEquals(DigestAnswer.md5(ha1 + ":" + NONCE + ":" + ha2), a.response);
        assertEquals("670fd8c2df070c60b045671b8b24ff02", a.response);
        AuthorizationHeader h = answer(new DigestAuthorization(), challenge(NONCE, "MD5", null), "sip:pbx");
        assertNull(h.getQop());
        assertNull(h.getCNonce());
        assertNull(h.getParameter("nc"));
    }

    @Test
    public void theNonceCountRisesOnEachUseOfANonceAndRestartsForANewOne() throws Exception {
        DigestAuthorization auth = new DigestAuthorization(() -> "0a4f113b");
        Challenge first = challenge(NONCE, "MD5", "auth");
        assertEquals("00000001", answer(auth, first, "sip:pbx").getParameter("nc"));
        AuthorizationHeader second = answer(auth, first, "sip:pbx");
        assertEquals("00000002", second.getParameter("nc"));
        String ha1 = DigestAnswer.md5("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestAnswer.md5("GET:sip:pbx");
        assertEquals(DigestAnswer.md5(ha1 + ":" + NONCE + ":00000002:0a4f113b:auth:" + ha2), second.getResponse());
        assertEquals("00000001", answer(auth, challenge("another", "MD5", "auth"), "sip:pbx").getParameter("nc"));
        assertEquals("00000002", answer(auth, challenge("another", "MD5", "auth"), "sip:pbx").getParameter("nc"));
        auth.forget();
        assertEquals("00000001", answer(auth, challenge("another", "MD5", "auth"), "sip:pbx").getParameter("nc"));
    }

    @Test
    public void theAlgorithmIsTheChallengesAndMd5WhenAbsent() throws Exception {
        assertEquals("md5", answer(new DigestAuthorization(), challenge(NONCE, "md5", null), "sip:pbx").getAlgorithm());
        assertEquals("MD5", answer(new DigestAuthorization(), challenge(NONCE, "", null), "sip:pbx").getAlgorithm());
        assertTrue(DigestAuthorization.supports(challenge(NONCE, null, null)));
        assertFalse(DigestAuthorization.supports(challenge(NONCE, "SHA-256", null)));
    }

    @Test
    public void aProxyChallengeIsAnsweredWithProxyAuthorization() throws Exception {
        Response r = new MessageFactoryImpl().createResponse("SIP/2.0 407 Proxy Authentication Required\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nFrom: <sip:31@pbx>;tag=1\r\nTo: <sip:201@pbx>;tag=2\r\n"
                + "Call-ID: c1\r\nCSeq: 1 INVITE\r\nProxy-Authenticate: Digest realm=\"pbx\", nonce=\"n1\", qop=\"auth\"\r\n"
                + "Content-Length: 0\r\n\r\n");
        Challenge c = DigestAuthorization.challengeIn(r);
        assertTrue(c.proxy());
        assertEquals("pbx", c.realm());
        assertEquals("n1", c.nonce());
        assertEquals("auth", c.qop());
        AuthorizationHeader h = new DigestAuthorization().answer(headers, addresses, c, "INVITE", "sip:201@pbx", "31", "pw");
        assertTrue(h instanceof ProxyAuthorizationHeader);
        assertEquals(16, h.getCNonce().length());
    }

    @Test
    public void aWwwChallengeAndItsStaleFlagAreRead() throws Exception {
        Response r = new MessageFactoryImpl().createResponse("SIP/2.0 401 Unauthorized\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nFrom: <sip:31@pbx>;tag=1\r\nTo: <sip:31@pbx>;tag=2\r\n"
                + "Call-ID: c1\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm=\"pbx\", nonce=\"n2\", stale=true\r\n"
                + "Content-Length: 0\r\n\r\n");
        Challenge c = DigestAuthorization.challengeIn(r);
        assertFalse(c.proxy());
        assertTrue(c.stale());
        assertNull(c.algorithm());
    }
}
