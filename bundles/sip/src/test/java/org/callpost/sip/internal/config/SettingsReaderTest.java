package org.callpost.sip.internal.config;

import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.junit.Test;

public class SettingsReaderTest {
    private final SettingsReader reader = new SettingsReader(a -> a.equals("127.0.0.1") || a.equals("192.0.2.5"));

    private List<String> settingsWithProblems(SettingsReader.Result r) {
        return r.problems().stream().map(SettingProblem::setting).toList();
    }

    @Test
    public void theIntegrationNotesDefaultsAreTheDefaults() {
        SettingsReader.Result r = reader.read("office400", config("lineExtensions", new String[] {"31-38"}, "pbxPassword", "pw"));
        assertTrue(r.problems().toString(), r.acceptable());
        IntegrationSettings s = r.settings();
        assertEquals(new SipServer("127.0.0.1", 5060), s.server());
        assertEquals(Transport.TCP, s.transport());
        assertEquals(800, s.registrationPeriodSeconds());
        assertEquals(20, s.mediaPacketMillis());
        assertEquals(800, s.incomingOffHookDelayMillis());
        assertEquals(0, s.outgoingOffHookDelayMillis());
        assertEquals(300, s.onHookDelayMillis());
        assertEquals(1000, s.failoverDelayMillis());
        assertEquals(IntegrationSettings.ENGINE_DSCP, s.rtpDscp()); // none set: the media engine's rtp.dscp (46 by default)
        assertEquals(List.of("31", "32", "33", "34", "35", "36", "37", "38"), s.lineExtensions());
        assertEquals(10079, s.highestMediaPort()); // Table 8: 8 lines from 10000
        assertEquals("********", s.password().toString());
    }

    @Test
    public void srtpIsOffByDefaultAndNeedsTls() {
        assertEquals(SrtpMode.OFF, reader.read("x", config("line.extensions", new String[] {"31"})).srtp());
        SettingsReader.Result r = reader.read("x", config("line.extensions", new String[] {"31"}, "srtp", "required"));
        assertEquals("SDES keys over TCP are refused", List.of("srtp"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).problem(), r.problems().get(0).problem().contains("TCP"));
        assertTrue(r.problems().get(0).fix(), r.problems().get(0).fix().contains("transport=TLS"));
        assertTrue(r.problems().get(0).fix(), r.problems().get(0).fix().contains("srtp=OFF"));
        assertEquals(List.of("srtp"), settingsWithProblems(reader.read("x",
                config("line.extensions", new String[] {"31"}, "srtp", "offered", "transport", "UDP"))));
        assertEquals(List.of("srtp"), settingsWithProblems(reader.read("x",
                config("line.extensions", new String[] {"31"}, "srtp", "sometimes"))));
        SettingsReader.Result tls = reader.read("x", config("line.extensions", new String[] {"31"}, "srtp", "REQUIRED",
                "transport", "TLS"));
        assertFalse("over TLS: " + tls.problems(), settingsWithProblems(tls).contains("srtp"));
        assertEquals(SrtpMode.REQUIRED, tls.srtp());
    }

    @Test
    public void sipsUrisFollowTheProfileUnlessSetAndNeedTls() {
        assertEquals(SipsUriMode.PROFILE, reader.read("x", config("line.extensions", new String[] {"31"})).protection().sipsUris());
        SettingsReader.Result tcp = reader.read("x", config("line.extensions", new String[] {"31"}, "tls.sips.uris", "on"));
        assertEquals("sips: over TCP is refused", List.of("tls.sips.uris"), settingsWithProblems(tcp));
        assertTrue(tcp.problems().get(0).fix(), tcp.problems().get(0).fix().contains("transport=TLS"));
        assertEquals(List.of("tls.sips.uris"), settingsWithProblems(reader.read("x",
                config("line.extensions", new String[] {"31"}, "tls.sips.uris", "always"))));
        SettingsReader.Result tls = reader.read("x", config("line.extensions", new String[] {"31"}, "tls.sips.uris", "ON",
                "transport", "TLS"));
        assertFalse("over TLS: " + tls.problems(), settingsWithProblems(tls).contains("tls.sips.uris"));
        // the stores are not set here, so TLS has problems of its own; the URI mode is still read
        assertEquals(SipsUriMode.ON, tls.protection().sipsUris());
        assertEquals(List.of(), settingsWithProblems(reader.read("x",
                config("line.extensions", new String[] {"31"}, "tls.sips.uris", "off"))));
    }

    @Test
    public void anIntegrationsOwnDscpIsKeptAndAWrongOneNamed() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "rtpDscp", "34"));
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(34, r.settings().rtpDscp());
        assertEquals(26, reader.read("x", config("lineExtensions", new String[] {"31"}, "rtpDscp", "26")).settings().rtpDscp());
        assertEquals(List.of("rtpDscp"), settingsWithProblems(reader.read("x", config("lineExtensions", new String[] {"31"}, "rtpDscp", "64"))));
        assertEquals(List.of("rtpDscp"), settingsWithProblems(reader.read("x", config("lineExtensions", new String[] {"31"}, "rtpDscp", "EF"))));
    }

    @Test
    public void noLinesIsRefusedNamingTheSettingAndTheFix() {
        // a configuration in the old style (camelCase names) is answered in its style
        SettingsReader.Result r = reader.read("x", config("sipServerAddress", "127.0.0.1"));
        assertEquals(List.of("lineExtensions"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).fix().contains("31-38"));
    }

    @Test
    public void linesMayBeListsRangesOrBothButNotTwice() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31, 32", "40-42"}));
        assertEquals(List.of("31", "32", "40", "41", "42"), r.settings().lineExtensions());
        r = reader.read("x", config("lineExtensions", new String[] {"31-33,32"}));
        assertEquals(List.of("lineExtensions"), settingsWithProblems(r));
        r = reader.read("x", config("lineExtensions", new String[] {"3a", "40-3"}));
        // each bad item, then "no lines" because nothing usable is left
        assertEquals(List.of("lineExtensions", "lineExtensions", "lineExtensions"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).problem().contains("'3a'"));
        assertTrue(r.problems().get(1).problem().contains("'40-3'"));
    }

    @Test
    public void anAddressThisHostDoesNotHaveIsRefused() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "localAddress", "203.0.113.9"));
        assertEquals(List.of("localAddress"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).problem().contains("203.0.113.9"));
    }

    @Test
    public void portsAndRangesOutsideTheirLimitsAreRefused() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "sipServerPort", 70000));
        assertEquals(List.of("sipServerPort"), settingsWithProblems(r));
        r = reader.read("x", config("lineExtensions", new String[] {"31"}, "mediaPacketSize", 25));
        assertEquals(List.of("mediaPacketSize"), settingsWithProblems(r));
        r = reader.read("x", config("lineExtensions", new String[] {"31"}, "registrationPeriod", 5));
        assertEquals(List.of("registrationPeriod"), settingsWithProblems(r));
    }

    @Test
    public void mediaPortsPast65535AreRefusedWithTheHighestBaseThatFits() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"100-199"}, "mediaBasePort", 65000));
        assertEquals(List.of("mediaBasePort"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).fix().contains("64536"));
    }

    @Test
    public void aSipPortInsideTheMediaRangeIsRefused() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31-38"}, "sipLocalPort", 10010));
        assertEquals(List.of("sipLocalPort"), settingsWithProblems(r));
    }

    @Test
    public void unknownTransportAndValuesConfigAdminCouldNotConvertAreProblemsNotExceptions() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "transport", "sctp",
                "onHookDelay", new IllegalArgumentException("not a number")));
        assertEquals(List.of("transport", "onHookDelay"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).fix().contains("TCP"));
    }

    @Test
    public void transportIsCaseInsensitive() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "transport", "udp"));
        assertEquals(Transport.UDP, r.settings().transport());
    }

    @Test
    public void failoverServersAreReadInOrderAfterThePrimary() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}, "failoverEnabled", true,
                "failoverServers", new String[] {"10.0.0.2:5070, pbx2.example.com", "[2001:db8::1]:5062"}));
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals(List.of(new SipServer("127.0.0.1", 5060), new SipServer("10.0.0.2", 5070),
                new SipServer("pbx2.example.com", 5060), new SipServer("2001:db8::1", 5062)), r.settings().registrars());
        r = reader.read("x", config("lineExtensions", new String[] {"31"}, "failoverEnabled", true));
        assertEquals(List.of("failoverServers"), settingsWithProblems(r));
        r = reader.read("x", config("lineExtensions", new String[] {"31"}, "failoverServers", new String[] {"host:99999"}));
        assertEquals(List.of("failoverServers"), settingsWithProblems(r));
    }

    @Test
    public void failoverServersAreNotUsedUnlessEnabled() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"},
                "failoverServers", new String[] {"10.0.0.2"}));
        assertEquals(1, r.settings().registrars().size());
        assertFalse(r.settings().failoverEnabled());
        assertNotNull(r.timing());
    }
}
