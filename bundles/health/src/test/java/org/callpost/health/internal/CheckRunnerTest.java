package org.callpost.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthReport;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.junit.After;
import org.junit.Test;

/** The report over real checks on the runner's own threads. */
public class CheckRunnerTest {
    private final CheckRunner runner = new CheckRunner();
    /** Holds the hanging checks until the test ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void stop() {
        release.countDown();
        runner.close();
    }

    private static NamedCheck named(String name, HealthCheck check) {
        return NamedCheck.of(check, Map.of(NamedCheck.PROPERTY, name));
    }

    private static NamedCheck answering(String name, HealthStatus status, String detail) {
        return named(name, () -> List.of(new HealthResult(name, status, detail)));
    }

    /** A check that never answers (and ignores being interrupted) until the test ends. */
    private NamedCheck hanging(String name) {
        return named(name, () -> {
            while (true) {
                try {
                    release.await();
                    return List.of(HealthResult.ok(name, "late"));
                } catch (InterruptedException e) {
                    // a badly written check: goes on waiting
                }
            }
        });
    }

    @Test
    public void theWorstStatusWinsAndResultsAreOrderedByCheck() {
        HealthReport report = runner.report(List.of(answering("store", HealthStatus.WARNING, "120 MB free"),
                answering("integration pbx1", HealthStatus.OK, "all 3 lines registered"),
                answering("smtp", HealthStatus.OK, "answering")), Duration.ofSeconds(5));
        assertEquals(HealthStatus.WARNING, report.status());
        assertFalse(report.critical());
        assertEquals(List.of("integration pbx1", "smtp", "store"), report.results().stream().map(HealthResult::check).toList());

        HealthReport worse = runner.report(List.of(answering("store", HealthStatus.WARNING, "120 MB free"),
                answering("smtp", HealthStatus.CRITICAL, "cannot connect")), Duration.ofSeconds(5));
        assertEquals(HealthStatus.CRITICAL, worse.status());
        assertTrue(worse.critical());
    }

    @Test
    public void noChecksIsOk() {
        HealthReport report = runner.report(List.of(), Duration.ofSeconds(5));
        assertEquals(HealthStatus.OK, report.status());
        assertTrue(report.results().isEmpty());
    }

    @Test
    public void aCheckThatThrowsIsCriticalNamingIt() {
        HealthReport report = runner.report(List.of(answering("store", HealthStatus.OK, "fine"),
                named("database", () -> {
                    throw new IllegalStateException("pool closed");
                })), Duration.ofSeconds(5));
        assertEquals(HealthStatus.CRITICAL, report.status());
        HealthResult failed = report.results().get(0);
        assertEquals("database", failed.check());
        assertEquals(HealthStatus.CRITICAL, failed.status());
        assertTrue(failed.detail(), failed.detail().contains("database failed"));
        assertTrue(failed.detail(), failed.detail().contains("pool closed"));
        assertEquals(HealthStatus.OK, report.results().get(1).status());
    }

    @Test
    public void aCheckThatAnswersNothingIsCritical() {
        HealthReport report = runner.report(List.of(named("broken", () -> null)), Duration.ofSeconds(5));
        assertEquals(HealthStatus.CRITICAL, report.status());
        assertTrue(report.results().get(0).detail().contains("answered nothing"));
    }

    @Test
    public void aCheckThatTimesOutIsCriticalAndDoesNotHoldUpTheOthers() {
        NamedCheck slow = hanging("slow");
        HealthReport report = runner.report(List.of(slow, answering("store", HealthStatus.OK, "fine")),
                Duration.ofSeconds(1));
        assertEquals(HealthStatus.CRITICAL, report.status());
        assertEquals(List.of("slow", "store"), report.results().stream().map(HealthResult::check).toList());
        assertEquals(HealthStatus.CRITICAL, report.results().get(0).status());
        assertTrue(report.results().get(0).detail(), report.results().get(0).detail().contains("slow gave no answer within 1 s"));
        assertEquals(HealthStatus.OK, report.results().get(1).status());

        // still stuck: reported at once and not started again (it would take the second thread too)
        HealthReport again = runner.report(List.of(slow, answering("store", HealthStatus.OK, "fine")),
                Duration.ofSeconds(1));
        assertEquals(HealthStatus.CRITICAL, again.results().get(0).status());
        assertEquals(HealthStatus.OK, again.results().get(1).status());
    }

    @Test
    public void aStuckCheckIsNotStartedAgainWhileItRuns() {
        NamedCheck slow = hanging("slow");
        runner.report(List.of(slow), Duration.ofSeconds(1));
        HealthReport again = runner.report(List.of(slow, answering("a", HealthStatus.OK, "fine"),
                answering("b", HealthStatus.OK, "fine")), Duration.ofSeconds(1));
        assertTrue(again.results().get(2).detail(), again.results().get(2).detail().contains("slow has not answered since"));
        // both other checks ran: the stuck check holds one thread, not two
        assertEquals(HealthStatus.OK, again.results().get(0).status());
        assertEquals(HealthStatus.OK, again.results().get(1).status());
    }

    @Test
    public void aCheckWithManyResultsGivesThemAll() {
        HealthReport report = runner.report(List.of(named("integrations", () -> List.of(
                HealthResult.ok("integration b", "all 2 lines registered"),
                HealthResult.warning("integration a", "1 of 2 lines registered")))), Duration.ofSeconds(5));
        assertEquals(HealthStatus.WARNING, report.status());
        assertEquals(List.of("integration a", "integration b"), report.results().stream().map(HealthResult::check).toList());
    }

    @Test
    public void aCheckIsNamedByItsPropertyElseItsComponent() {
        HealthCheck check = List::of;
        assertEquals("smtp", NamedCheck.of(check, Map.of(NamedCheck.PROPERTY, "smtp", "component.name", "x.Y")).name());
        assertEquals("x.Y", NamedCheck.of(check, Map.of("component.name", "x.Y")).name());
    }
}
