package org.callpost.sip.internal.registration;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.callpost.api.integration.SipServer;
import org.junit.Test;

public class RegistrarHostsTest {
    @Test
    public void aNameMatchesItsAddressResolvedBeforehand() {
        RegistrarHosts h = RegistrarHosts.resolve(List.of(new SipServer("localhost", 5060), new SipServer("127.0.0.2", 5060)));
        assertTrue(h.same("localhost", "127.0.0.1"));
        assertTrue(h.same("LocalHost", "localhost"));
        assertTrue(h.same("127.0.0.2", "127.0.0.2"));
        assertFalse(h.same("localhost", "127.0.0.2"));
        assertFalse(h.same("localhost", "some.other.name.invalid"));
    }

    @Test
    public void nothingResolvedMatchesOnlyTheSameSpelling() {
        assertTrue(RegistrarHosts.NONE.same("pbx.example", "PBX.example"));
        assertFalse(RegistrarHosts.NONE.same("pbx.example", "10.0.0.1"));
    }
}
