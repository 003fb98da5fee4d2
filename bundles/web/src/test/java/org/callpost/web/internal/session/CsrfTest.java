package org.callpost.web.internal.session;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;

public class CsrfTest {
    private final Session session = new Session("id", Session.Kind.SUBSCRIBER, "201", "tok-123");

    @Test
    public void theTokenMustBeTheSessions() {
        assertTrue(Csrf.tokenMatches(session, Optional.of("tok-123")));
        assertFalse(Csrf.tokenMatches(session, Optional.of("tok-124")));
        assertFalse(Csrf.tokenMatches(session, Optional.of("tok-12")));
        assertFalse(Csrf.tokenMatches(session, Optional.of("")));
        assertFalse(Csrf.tokenMatches(session, Optional.empty()));
    }

    @Test
    public void anOriginMustNameTheHostAndPort() {
        assertTrue(Csrf.sameOrigin(Optional.empty(), Optional.of("vm:8181"), false));
        assertTrue(Csrf.sameOrigin(Optional.of("http://vm:8181"), Optional.of("vm:8181"), false));
        assertTrue(Csrf.sameOrigin(Optional.of("http://VM:8181"), Optional.of("vm:8181"), false));
        assertTrue(Csrf.sameOrigin(Optional.of("http://vm"), Optional.of("vm:80"), false));
        assertTrue(Csrf.sameOrigin(Optional.of("https://vm"), Optional.of("vm"), true));
        assertTrue(Csrf.sameOrigin(Optional.of("http://[::1]:8181"), Optional.of("[::1]:8181"), false));
        assertFalse(Csrf.sameOrigin(Optional.of("http://evil.example"), Optional.of("vm:8181"), false));
        assertFalse(Csrf.sameOrigin(Optional.of("http://vm:8182"), Optional.of("vm:8181"), false));
        assertFalse(Csrf.sameOrigin(Optional.of("null"), Optional.of("vm:8181"), false));
        assertFalse(Csrf.sameOrigin(Optional.of("http://vm:8181"), Optional.empty(), false));
    }
}
