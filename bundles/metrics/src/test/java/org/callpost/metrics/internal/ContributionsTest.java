package org.callpost.metrics.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

public class ContributionsTest {
    private final PrometheusMeterRegistry exposed = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Contributions contributions = new Contributions(exposed);

    @Test
    public void aBinderGoingRemovesExactlyItsMeters() {
        MeterBinder calls = r -> Counter.builder("callpost.calls.ended").tag("outcome", "hung_up").register(r).increment();
        MeterBinder lamps = r -> Gauge.builder("callpost.lamps.on", () -> 2).register(r);
        contributions.add(calls);
        contributions.add(lamps);
        assertTrue(exposed.scrape(), exposed.scrape().contains("callpost_calls_ended_total{outcome=\"hung_up\",} 1.0"));
        assertTrue(exposed.scrape().contains("callpost_lamps_on 2.0"));

        contributions.remove(calls);
        assertFalse(exposed.scrape(), exposed.scrape().contains("callpost_calls_ended_total"));
        assertTrue("the other binder's meter stays", exposed.scrape().contains("callpost_lamps_on 2.0"));
        assertEquals(1, contributions.size());

        contributions.add(calls);
        assertTrue("bound again: registered anew", exposed.scrape().contains("callpost_calls_ended_total{outcome=\"hung_up\",} 1.0"));
    }

    @Test
    public void metersAddedAfterBindToAndRemovedByTheBinderFollowIt() {
        AtomicReference<MeterRegistry> kept = new AtomicReference<>();
        MeterBinder integrations = kept::set;
        contributions.add(integrations);
        Gauge office = Gauge.builder("callpost.lines.registered", () -> 3).tag("integration", "office400").register(kept.get());
        Gauge.builder("callpost.lines.registered", () -> 1).tag("integration", "branch").register(kept.get());
        assertTrue(exposed.scrape(), exposed.scrape().contains("callpost_lines_registered{integration=\"office400\",} 3.0"));

        kept.get().remove(office); // the integration was deleted
        assertFalse(exposed.scrape(), exposed.scrape().contains("office400"));
        assertTrue(exposed.scrape().contains("callpost_lines_registered{integration=\"branch\",} 1.0"));

        contributions.remove(integrations);
        assertFalse(exposed.scrape(), exposed.scrape().contains("callpost_lines_registered"));
        Gauge.builder("callpost.lines.registered", () -> 5).tag("integration", "late").register(kept.get());
        assertFalse("a gone binder's later meter is not exposed", exposed.scrape().contains("late"));
    }

    @Test
    public void aFailingBinderLeavesNothingAndTheOthersStay() {
        contributions.add(r -> Gauge.builder("callpost.calls.up", () -> 0).register(r));
        contributions.add(r -> {
            Counter.builder("callpost.half.bound").register(r);
            throw new IllegalStateException("broken");
        });
        assertFalse(exposed.scrape(), exposed.scrape().contains("callpost_half_bound"));
        assertTrue(exposed.scrape().contains("callpost_calls_up 0.0"));
        assertEquals(1, contributions.size());
    }

    @Test
    public void closedRemovesEveryContributionAndRefusesNewOnes() {
        contributions.add(r -> Gauge.builder("callpost.calls.up", () -> 0).register(r));
        contributions.close();
        contributions.add(r -> Gauge.builder("callpost.lamps.on", () -> 0).register(r));
        assertFalse(exposed.scrape(), exposed.scrape().contains("callpost_"));
    }
}
