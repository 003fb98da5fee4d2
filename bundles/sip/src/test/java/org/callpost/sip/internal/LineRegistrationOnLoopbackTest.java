package org.callpost.sip.internal;

import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.call.CallServices;
import org.callpost.sip.internal.config.SettingsReader;
import org.callpost.sip.internal.stack.SipEndpoints;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Test;

/**
 * An integration's lines against a real digest-checking registrar on 127.0.0.1 (JAIN-SIP on real
 * sockets, TCP and UDP).
 */
public class LineRegistrationOnLoopbackTest {
    private static final List<String> LINES = List.of("31", "32", "33", "34", "35", "36", "37", "38");
    private final List<AutoCloseable> open = new ArrayList<>();
    private Integration integration;

    @After
    public void tearDown() throws Exception {
        if (integration != null) {
            integration.stop();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private SipRegistrar registrar(int port, String password) throws Exception {
        SipRegistrar r = new SipRegistrar("t", port, password);
        open.add(r);
        return r;
    }

    private SettingsReader.Result settings(Object... more) throws Exception {
        List<Object> kv = new ArrayList<>(List.of("localAddress", "127.0.0.1", "sipLocalPort", SipRegistrar.freePort(),
                "pbxPassword", "s3cret", "lineExtensions", new String[] {"31-38"}, "registrationTimeout", 1000,
                "primaryProbeInterval", 1, "failoverDelay", 200, "huntGroupAccessCode", "30", "keepAliveInterval", 1));
        kv.addAll(List.of(more));
        SettingsReader.Result r = new SettingsReader(SettingsReader.HOST_ADDRESSES).read("test", config(kv.toArray()));
        assertTrue(r.problems().toString(), r.acceptable());
        return r;
    }

    private Integration start(SettingsReader.Result r) throws Exception {
        integration = new Integration("test", new CallServices() {
            @Override
            public java.util.Optional<org.callpost.api.media.MediaEngine> media() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<org.callpost.api.call.CallHandler> handler() {
                return java.util.Optional.empty();
            }

            @Override
            public org.callpost.api.profile.SwitchProfile profile() {
                throw new IllegalStateException("no calls in registration tests");
            }
        }, new SipEndpoints());
        integration.start(r.settings(), r.timing(), r.protection(), r.srtp());
        return integration;
    }

    private boolean linesAre(LineState state, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (integration.lines().stream().allMatch(l -> l.state() == state)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    public void everyLineRegistersWithDigestOverTcpAndUnregistersOnStop() throws Exception {
        SipRegistrar pbx = registrar(SipRegistrar.freePort(), "s3cret");
        start(settings("sipServerPort", pbx.port()));
        assertTrue(pbx.await(r -> r.hasRegistered(LINES), 5000));
        assertTrue(linesAre(LineState.REGISTERED, 2000));
        assertTrue(pbx.bindings().values().stream().allMatch(b -> b.transport().equals("TCP") && b.expires() == 800));
        LineStatus first = integration.lines().get(0);
        assertEquals("31", first.extension());
        assertEquals(new SipServer("127.0.0.1", pbx.port()), first.registrar().orElseThrow());
        assertTrue(first.expires().isPresent());
        assertTrue(pbx.authFailures().isEmpty());

        integration.stop();
        integration = null;
        assertTrue(pbx.await(r -> r.bindings().isEmpty(), 3000));
        assertEquals(Set.copyOf(LINES), Set.copyOf(pbx.unregistered()));
    }

    @Test
    public void udpOnRequest() throws Exception {
        SipRegistrar pbx = registrar(SipRegistrar.freePort(), "s3cret");
        start(settings("sipServerPort", pbx.port(), "transport", "UDP"));
        assertTrue(pbx.await(r -> r.hasRegistered(LINES), 5000));
        assertTrue(pbx.bindings().values().stream().allMatch(b -> b.transport().equals("UDP")));
    }

    @Test
    public void aWrongPasswordIsAnAuthenticationFailureOnEveryLine() throws Exception {
        SipRegistrar pbx = registrar(SipRegistrar.freePort(), "the-real-one");
        start(settings("sipServerPort", pbx.port()));
        assertTrue(linesAre(LineState.AUTH_FAILED, 5000));
        assertEquals(Set.copyOf(LINES), Set.copyOf(pbx.authFailures()));
        assertTrue(pbx.bindings().isEmpty());
        LineStatus l = integration.lines().get(3);
        assertTrue(l.lastError().orElseThrow(), l.lastError().orElseThrow().contains("pbxPassword"));
        assertTrue(!l.lastError().orElseThrow().contains("s3cret"));
    }

    @Test
    public void registrationsAreRefreshedBeforeTheyExpire() throws Exception {
        SipRegistrar pbx = registrar(SipRegistrar.freePort(), "s3cret");
        pbx.grantExpires(2);
        start(settings("sipServerPort", pbx.port()));
        // granted 2 s: refreshed after 1.6 s, so within 4 s every line has registered at least twice
        assertTrue(pbx.await(r -> LINES.stream().allMatch(
                ext -> r.history().stream().filter(b -> b.extension().equals(ext)).count() >= 2), 5000));
    }

    @Test
    public void linesRetryWhileThePbxIsAwayAndRegisterWhenItAnswers() throws Exception {
        int port = SipRegistrar.freePort();
        start(settings("sipServerPort", port));
        assertTrue(linesAre(LineState.RETRYING, 4000));
        assertTrue(integration.lines().get(0).lastError().isPresent());
        SipRegistrar pbx = registrar(port, "s3cret");
        assertTrue(pbx.await(r -> r.hasRegistered(LINES), 8000));
    }

    @Test
    public void whenTheRegistrarStopsTheLinesShowRetryingWithinSecondsAndComeBackWithIt() throws Exception {
        int port = SipRegistrar.freePort();
        SipRegistrar pbx = registrar(port, "s3cret");
        start(settings("sipServerPort", port));
        assertTrue(linesAre(LineState.REGISTERED, 5000));
        pbx.close();
        open.remove(pbx);
        // keep-alive every 1 s, answer timeout 1 s: well before the 800 s registration runs out
        assertTrue(linesAre(LineState.RETRYING, 5000));
        SipRegistrar back = registrar(port, "s3cret");
        assertTrue(back.await(r -> r.hasRegistered(LINES), 10000));
        assertTrue(linesAre(LineState.REGISTERED, 2000));
    }

    @Test
    public void linesFailOverToTheSecondaryAndReturnToThePrimary() throws Exception {
        int primaryPort = SipRegistrar.freePort();
        SipRegistrar secondary = registrar(SipRegistrar.freePort(), "s3cret");
        start(settings("sipServerPort", primaryPort, "failoverEnabled", true,
                "failoverServers", new String[] {"127.0.0.1:" + secondary.port()}));
        assertTrue(secondary.await(r -> r.hasRegistered(LINES), 6000));
        assertTrue(linesAre(LineState.REGISTERED, 2000));
        assertEquals(secondary.port(), integration.activeRegistrar().orElseThrow().port());

        SipRegistrar primary = registrar(primaryPort, "s3cret");
        assertTrue(primary.await(r -> r.hasRegistered(LINES), 6000));
        assertTrue(linesAre(LineState.REGISTERED, 2000));
        assertEquals(primaryPort, integration.activeRegistrar().orElseThrow().port());
        assertTrue(integration.lines().stream().allMatch(l -> l.registrar().orElseThrow().port() == primaryPort));
    }

    @Test
    public void aNewServerAddressMovesTheLinesAndUnregistersThemAtTheOld() throws Exception {
        SipRegistrar first = registrar(SipRegistrar.freePort(), "s3cret");
        SipRegistrar second = registrar(SipRegistrar.freePort(), "s3cret");
        SettingsReader.Result r = settings("sipServerPort", first.port());
        start(r);
        assertTrue(first.await(x -> x.hasRegistered(LINES), 5000));
        IntegrationSettings s = r.settings();
        IntegrationSettings moved = new IntegrationSettings(s.name(), s.profile(), new SipServer("127.0.0.1", second.port()),
                s.transport(), s.localAddress(), s.localPort(), s.parserQualifier(), s.password(),
                s.registrationPeriodSeconds(), s.mediaPacketMillis(), s.callProgress(), s.incomingOffHookDelayMillis(),
                s.outgoingOffHookDelayMillis(), s.onHookDelayMillis(), s.failoverEnabled(), s.failoverServers(),
                s.failoverDelayMillis(), s.validateRemoteMediaHosts(), s.huntMode(), s.huntGroupAccessCode(),
                List.of("31", "32", "33"), s.mediaBasePort(), s.rtpDscp(), s.mwiLines());
        integration.reconfigure(moved, r.timing(), r.protection(), r.srtp());
        assertTrue(second.await(x -> x.hasRegistered(List.of("31", "32", "33")), 5000));
        assertTrue(first.await(x -> x.bindings().isEmpty(), 5000));
        assertEquals(3, integration.lines().size());
        assertEquals(Set.of("31", "32", "33"),
                integration.lines().stream().map(LineStatus::extension).collect(Collectors.toSet()));
    }
}
