package org.callpost.web.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class SessionsTest {
    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final StepClock clock = new StepClock();
    private final List<Session> ended = new ArrayList<>();
    private final Sessions sessions = new Sessions(Duration.ofMinutes(15), clock, ended::add);

    @Test
    public void aSessionIsFoundByItsIdWithItsKindAndAFreshToken() {
        Session s = sessions.open(Session.Kind.SUBSCRIBER, "201");
        assertEquals(s, sessions.find(s.id()).orElseThrow());
        assertEquals(Session.Kind.SUBSCRIBER, s.kind());
        assertEquals("201", s.principal());
        assertNotEquals(s.id(), s.csrfToken());
        assertEquals("256-bit, base64url without padding", 43, s.id().length());
        assertNotEquals(s.id(), sessions.open(Session.Kind.SUBSCRIBER, "201").id());
        assertFalse(s.toString().contains(s.id()));
    }

    @Test
    public void anUnknownOrMissingIdFindsNothing() {
        assertTrue(sessions.find("nope").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }

    @Test
    public void aSessionExpiresAfterTheIdleTimeAndItsEndIsHeardOnce() {
        Session s = sessions.open(Session.Kind.SUBSCRIBER, "201");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.find(s.id()).isEmpty());
        assertTrue(sessions.find(s.id()).isEmpty());
        assertEquals(List.of(s), ended);
    }

    @Test
    public void usingASessionRestartsItsIdleTime() {
        Session s = sessions.open(Session.Kind.ADMIN, "admin");
        clock.advance(Duration.ofMinutes(14));
        assertTrue(sessions.find(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(14));
        assertTrue(sessions.find(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.find(s.id()).isEmpty());
    }

    @Test
    public void sweepEndsOnlyTheExpiredOnes() {
        Session old = sessions.open(Session.Kind.SUBSCRIBER, "201");
        clock.advance(Duration.ofMinutes(10));
        Session young = sessions.open(Session.Kind.SUBSCRIBER, "202");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.sweep());
        assertEquals(List.of(old), ended);
        assertTrue(sessions.find(young.id()).isPresent());
        assertEquals(0, sessions.sweep());
    }

    @Test
    public void closingEndsOnceAndAShorterTimeoutAppliesToOpenSessions() {
        Session s = sessions.open(Session.Kind.SUBSCRIBER, "201");
        sessions.close(s.id());
        sessions.close(s.id());
        assertEquals(List.of(s), ended);
        Session t = sessions.open(Session.Kind.SUBSCRIBER, "201");
        sessions.idle(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(sessions.find(t.id()).isEmpty());
    }

    @Test
    public void closeAllEndsAMailboxsSessionsOnly() {
        Session a = sessions.open(Session.Kind.SUBSCRIBER, "201");
        Session b = sessions.open(Session.Kind.SUBSCRIBER, "202");
        Session admin = sessions.open(Session.Kind.ADMIN, "201");
        sessions.closeAll(Session.Kind.SUBSCRIBER, "201");
        assertTrue(sessions.find(a.id()).isEmpty());
        assertTrue(sessions.find(b.id()).isPresent());
        assertTrue(sessions.find(admin.id()).isPresent());
    }
}
