package org.callpost.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.junit.Test;

/** The integrations' health from their status, as callpost:status shows it. */
public class IntegrationsCheckTest {
    private static final SipServer PBX = new SipServer("192.0.2.1", 5060);

    private static LineStatus line(int n, LineState state, String error) {
        return new LineStatus("pbx1", n, "7" + n, state, Optional.of(PBX), Optional.empty(), Optional.ofNullable(error),
                LineActivity.values()[0]);
    }

    private static IntegrationStatus integration(String name, IntegrationState state, List<SettingProblem> problems,
            LineStatus... lines) {
        return new IntegrationStatus(name, "mivoice400", state, problems, Optional.of(PBX), Transport.values()[0],
                List.of(lines), 0, 0);
    }

    private static List<HealthResult> check(IntegrationStatus... all) {
        Integrations integrations = new Integrations() {
            @Override
            public List<IntegrationStatus> all() {
                return List.of(all);
            }

            @Override
            public Optional<IntegrationStatus> find(String name) {
                return List.of(all).stream().filter(i -> i.name().equals(name)).findFirst();
            }
        };
        return new IntegrationsCheck(integrations).check();
    }

    @Test
    public void everyLineRegisteredIsOk() {
        List<HealthResult> results = check(integration("pbx1", IntegrationState.RUNNING, List.of(),
                line(1, LineState.REGISTERED, null), line(2, LineState.REGISTERED, null)));
        assertEquals(1, results.size());
        assertEquals("integration pbx1", results.get(0).check());
        assertEquals(HealthStatus.OK, results.get(0).status());
        assertEquals("all 2 lines registered with 192.0.2.1:5060", results.get(0).detail());
    }

    @Test
    public void someLinesNotRegisteredIsAWarningSayingWhichAndWhy() {
        HealthResult r = check(integration("pbx1", IntegrationState.RUNNING, List.of(),
                line(1, LineState.REGISTERED, null),
                line(2, LineState.RETRYING, "no answer from 192.0.2.1:5060 within 4000 ms"))).get(0);
        assertEquals(HealthStatus.WARNING, r.status());
        assertTrue(r.detail(), r.detail().startsWith("1 of 2 lines registered"));
        assertTrue(r.detail(), r.detail().contains("line 2 (ext 72) retrying: no answer from 192.0.2.1:5060 within 4000 ms"));
    }

    @Test
    public void noLineRegisteredIsCritical() {
        HealthResult r = check(integration("pbx1", IntegrationState.RUNNING, List.of(),
                line(1, LineState.RETRYING, "192.0.2.1:5060 stopped answering (no answer to OPTIONS within 1000 ms)"),
                line(2, LineState.AUTH_FAILED, "authentication failed"))).get(0);
        assertEquals(HealthStatus.CRITICAL, r.status());
        assertTrue(r.detail(), r.detail().startsWith("no line registered"));
        assertTrue(r.detail(), r.detail().contains("stopped answering"));
        assertTrue(r.detail(), r.detail().contains("line 2 (ext 72) password refused"));
    }

    @Test
    public void linesDownForTheSameReasonAreSaidOnce() {
        String error = "cannot reach 192.0.2.1:5060";
        HealthResult r = check(integration("pbx1", IntegrationState.RUNNING, List.of(),
                line(1, LineState.RETRYING, error), line(2, LineState.RETRYING, error),
                line(3, LineState.REGISTERING, null))).get(0);
        assertEquals("no line registered with 192.0.2.1:5060: line 1 (ext 71), line 2 (ext 72) retrying: "
                + "cannot reach 192.0.2.1:5060; line 3 (ext 73) registering", r.detail());
    }

    @Test
    public void aRefusedConfigurationOrAMissingProfileIsCritical() {
        SettingProblem problem = new SettingProblem("sip.server.port", "99999 is not a port", "set 1 to 65535");
        assertEquals(HealthStatus.CRITICAL, check(integration("pbx1", IntegrationState.REFUSED, List.of(problem))).get(0).status());
        assertTrue(check(integration("pbx1", IntegrationState.REFUSED, List.of(problem))).get(0).detail().contains("sip.server.port"));
        HealthResult waiting = check(integration("pbx1", IntegrationState.WAITING_FOR_PROFILE, List.of(),
                line(1, LineState.UNREGISTERED, null))).get(0);
        assertEquals(HealthStatus.CRITICAL, waiting.status());
        assertTrue(waiting.detail(), waiting.detail().contains("mivoice400"));
    }

    @Test
    public void aRefusedNewConfigurationWhileTheOldRunsIsAWarning() {
        SettingProblem problem = new SettingProblem("line.extensions", "empty", "list the extensions");
        HealthResult r = check(integration("pbx1", IntegrationState.RUNNING, List.of(problem),
                line(1, LineState.REGISTERED, null))).get(0);
        assertEquals(HealthStatus.WARNING, r.status());
        assertTrue(r.detail(), r.detail().contains("line.extensions"));
    }

    @Test
    public void oneResultPerIntegration() {
        List<HealthResult> results = check(
                integration("a", IntegrationState.RUNNING, List.of(), line(1, LineState.REGISTERED, null)),
                integration("b", IntegrationState.RUNNING, List.of(), line(1, LineState.REGISTERING, null)));
        assertEquals(List.of("integration a", "integration b"), results.stream().map(HealthResult::check).toList());
        assertEquals(HealthStatus.OK, results.get(0).status());
        assertEquals(HealthStatus.CRITICAL, results.get(1).status());
    }

    @Test
    public void noIntegrationConfiguredIsAWarning() {
        HealthResult r = check().get(0);
        assertEquals(HealthStatus.WARNING, r.status());
        assertTrue(r.detail(), r.detail().startsWith("no integration is configured"));
    }

    @Test
    public void noSipBundleIsCritical() {
        assertEquals(HealthStatus.CRITICAL, new IntegrationsCheck(null).check().get(0).status());
    }
}
