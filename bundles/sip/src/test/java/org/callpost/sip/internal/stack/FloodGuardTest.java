package org.callpost.sip.internal.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.Test;

public class FloodGuardTest {
    private long now = 1_000_000_000_000L;
    private final FloodGuard guard = new FloodGuard("127.0.0.1:5070", 5, () -> now);

    private static InetAddress at(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    private int admitted(InetAddress source, int requests) {
        int n = 0;
        for (int i = 0; i < requests; i++) {
            if (guard.admit(source, false)) {
                n++;
            }
        }
        return n;
    }

    @Test
    public void aSourceGetsItsLimitPerSecondAndTheRestIsDroppedAndCounted() throws Exception {
        InetAddress scanner = at("192.0.2.9");
        assertEquals(5, admitted(scanner, 20));
        assertEquals(15, guard.dropped());
        now += 200_000_000L; // 0.2 s: one more request's worth
        assertEquals(1, admitted(scanner, 20));
        now += 2_000_000_000L; // idle: a full second's burst again, no more
        assertEquals(5, admitted(scanner, 20));
        assertEquals(15 + 19 + 15, guard.dropped());
    }

    @Test
    public void thePbxIsNeverLimitedAndOtherSourcesHaveTheirOwnBudget() throws Exception {
        InetAddress pbx = at("127.0.0.1");
        guard.configure("office400", 5, true, Set.of(pbx));
        assertEquals(1000, admitted(pbx, 1000));
        assertEquals(5, admitted(at("127.0.0.2"), 100));
        assertEquals(5, admitted(at("127.0.0.3"), 100));
        assertEquals(1000, admitted(pbx, 1000));
        assertEquals(190, guard.dropped());
    }

    @Test
    public void limitZeroLimitsNothing() throws Exception {
        guard.configure("office400", 0, false, Set.of());
        assertEquals(500, admitted(at("192.0.2.9"), 500));
        assertEquals(0, guard.dropped());
    }

    @Test
    public void pastTheMostSourcesTheNewOnesShareOneBudget() throws Exception {
        for (int i = 0; i < FloodGuard.MAX_SOURCES; i++) {
            assertTrue(guard.admit(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), false));
        }
        int shared = 0;
        for (int i = 0; i < 100; i++) {
            if (guard.admit(InetAddress.getByAddress(new byte[] {11, 0, 0, (byte) i}), false)) {
                shared++;
            }
        }
        assertEquals(5, shared);
        assertFalse(guard.admit(at("11.0.0.200"), false));
    }

    @Test
    public void onASharedEndpointEveryIntegrationsPbxIsExemptAndTheHigherLimitHolds() throws Exception {
        guard.configure("office400", 5, true, Set.of(at("192.0.2.1")));
        guard.configure("branch", 10, true, Set.of(at("192.0.2.2")));
        assertEquals(100, admitted(at("192.0.2.1"), 100));
        assertEquals(100, admitted(at("192.0.2.2"), 100));
        assertEquals(10, admitted(at("192.0.2.9"), 100));
        guard.forget("branch");
        assertEquals(5, admitted(at("192.0.2.2"), 100));
    }

    @Test
    public void callsAreTakenFromThePbxOnlyUnlessAllowedFromAnywhere() throws Exception {
        InetAddress pbx = at("192.0.2.1");
        InetAddress scanner = at("192.0.2.9");
        guard.configure("office400", 5, true, Set.of(pbx));
        assertTrue(guard.admit(pbx, true));
        assertFalse("one INVITE a second must not keep a line busy", guard.admit(scanner, true));
        assertTrue("its OPTIONS are only limited", guard.admit(scanner, false));
        assertEquals(1, guard.dropped());
        guard.configure("office400", 5, false, Set.of(pbx));
        assertTrue(guard.admit(scanner, true));
    }
}
