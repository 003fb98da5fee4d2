package org.callpost.sip.internal.config;

import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;

import java.util.List;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.profile.MessageWaiting;
import org.callpost.api.profile.SipsUris;
import org.callpost.api.profile.SwitchProfile;
import org.junit.Test;

public class SipsUriModeTest {
    private final SettingsReader reader = new SettingsReader(a -> a.equals("127.0.0.1"));

    /** A profile with only an answer on sips:. */
    private static class Profile implements SwitchProfile {
        public String id() { return "p"; }
        public String displayName() { return "p"; }
        public List<SettingProblem> validate(IntegrationSettings s) { return List.of(); }
        public boolean allowsBlindTransfer() { return true; }
        public CallInfo interpret(IncomingInvite i, IntegrationSettings s) { throw new UnsupportedOperationException(); }
        public MessageWaiting messageWaiting(LampRequest r, IntegrationSettings s) { throw new UnsupportedOperationException(); }
        public boolean lampsShowCounts() { return false; }
    }

    private static final class WantsSips extends Profile implements SipsUris {
        public boolean usesSipsUris(IntegrationSettings s) { return true; }
    }

    private IntegrationSettings over(String transport) {
        return reader.read("x", config("line.extensions", new String[] {"31"}, "transport", transport)).settings();
    }

    @Test
    public void theProfileDecidesUnlessTheSettingDoes() {
        IntegrationSettings tls = over("TLS");
        assertEquals(SipsUriMode.ON, SipsUriMode.PROFILE.resolve(new WantsSips(), tls));
        assertEquals("a profile that says nothing: sip:", SipsUriMode.OFF, SipsUriMode.PROFILE.resolve(new Profile(), tls));
        assertEquals(SipsUriMode.OFF, SipsUriMode.OFF.resolve(new WantsSips(), tls));
        assertEquals(SipsUriMode.ON, SipsUriMode.ON.resolve(new Profile(), tls));
    }

    @Test
    public void neverSipsWithoutTls() {
        assertEquals(SipsUriMode.OFF, SipsUriMode.PROFILE.resolve(new WantsSips(), over("TCP")));
        SipProtection p = new SipProtection(TlsSettings.NONE, 50, true, SipsUriMode.PROFILE).resolved(new WantsSips(), over("UDP"));
        assertEquals(false, p.usesSipsUris());
    }
}
