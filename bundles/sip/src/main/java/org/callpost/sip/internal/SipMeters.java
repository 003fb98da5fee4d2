package org.callpost.sip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.callpost.api.integration.LineState;
import org.callpost.sip.internal.call.CallOutcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The SIP figures per integration: lines registered, calls up, calls ended by outcome, requests
 * dropped by the flood limit. Read at
 * scrape time from what the integrations keep; an integration configured later gets its meters
 * then, a deleted one loses them. The only class here that uses Micrometer (an optional import):
 * without the metrics feature nothing asks for this service, so it never loads.
 */
@Component(service = MeterBinder.class)
public final class SipMeters implements MeterBinder, IntegrationDirectory.Listener {
    private final IntegrationDirectory directory;
    // guarded by this
    private final Set<IntegrationView> integrations = new LinkedHashSet<>();
    private final Map<MeterRegistry, Map<IntegrationView, List<Meter>>> meters = new HashMap<>();

    @Activate
    public SipMeters(@Reference IntegrationDirectory directory) {
        this.directory = directory;
        directory.listen(this);
    }

    @Deactivate
    void deactivate() {
        directory.unlisten(this);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Map<IntegrationView, List<Meter>> byIntegration = new HashMap<>();
        meters.put(registry, byIntegration);
        for (IntegrationView i : integrations) {
            byIntegration.put(i, register(registry, i));
        }
    }

    @Override
    public synchronized void added(IntegrationView integration) {
        if (integrations.add(integration)) {
            meters.forEach((registry, byIntegration) -> byIntegration.put(integration, register(registry, integration)));
        }
    }

    @Override
    public synchronized void removed(IntegrationView integration) {
        integrations.remove(integration);
        meters.forEach((registry, byIntegration) -> {
            List<Meter> gone = byIntegration.remove(integration);
            if (gone != null) {
                gone.forEach(registry::remove);
            }
        });
    }

    static List<Meter> register(MeterRegistry registry, IntegrationView integration) {
        String name = integration.name();
        List<Meter> added = new ArrayList<>();
        added.add(Gauge.builder("callpost.lines.registered", integration, SipMeters::registeredLines)
                .strongReference(true).tag("integration", name)
                .description("Lines (SIP ports) registered with the PBX now").register(registry));
        added.add(Gauge.builder("callpost.calls.up", integration, i -> i.calls().size())
                .strongReference(true).tag("integration", name)
                .description("Calls up now on the integration's lines").register(registry));
        added.add(FunctionCounter.builder("callpost.sip.requests.dropped", integration, i -> i.status().requestsDropped())
                .tag("integration", name)
                .description("SIP requests dropped from addresses other than the PBX's, over flood.limit.per.second").register(registry));
        EndedCalls ended = integration.endedCalls();
        for (CallOutcome outcome : CallOutcome.values()) {
            added.add(FunctionCounter.builder("callpost.calls.ended", ended, e -> e.count(outcome))
                    .tags("integration", name, "outcome", outcome.label())
                    .description("Calls ended on the integration's lines, by how they ended").register(registry));
        }
        return added;
    }

    private static double registeredLines(IntegrationView integration) {
        return integration.status().lines().stream().filter(l -> l.state() == LineState.REGISTERED).count();
    }
}
