package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class DigestAnswerTest {
    /** RFC 2617 section 3.5, the published example. */
    @Test
    public void answersTheRfc2617ExampleWithQopAuth() {
        DigestAnswer a = DigestAnswer.answer("GET", "/dir/index.html", "Mufasa", "Circle Of Life", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "MD5", "5ccc069c403ebaf9f0171e9517f40e41", "auth,auth-int", 1, "0a4f113b");
        assertEquals("auth", a.qop);
        assertEquals("00000001", a.nonceCount);
        assertEquals("6629fae49393a05397450978507c4ef1", a.response);
    }

    @Test
    public void answersWithoutQopTheRfc2069Way() {
        DigestAnswer a = DigestAnswer.answer("REGISTER", "sip:127.0.0.1:5060;transport=tcp", "31", "pw", "pbx", "abc",
                null, null, null, 1);
        assertNull(a.qop);
        String ha1 = DigestAnswer.md5("31:pbx:pw");
        String ha2 = DigestAnswer.md5("REGISTER:sip:127.0.0.1:5060;transport=tcp");
        assertEquals(DigestAnswer.md5(ha1 + ":abc:" + ha2), a.response);
    }

    @Test
    public void onlyMd5IsAnswered() {
        assertTrue(DigestAnswer.supports("MD5"));
        assertTrue(DigestAnswer.supports(null));
        assertFalse(DigestAnswer.supports("SHA-256"));
    }

    @Test
    public void neverPrintsTheResponse() {
        DigestAnswer a = DigestAnswer.answer("REGISTER", "sip:x", "31", "secret", "r", "n", "MD5", null, "auth", 1);
        assertFalse(a.toString().contains(a.response));
    }
}
