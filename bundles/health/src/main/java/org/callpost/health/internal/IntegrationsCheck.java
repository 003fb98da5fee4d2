package org.callpost.health.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * One result per integration, from what {@code callpost:status} shows: every line registered is
 * OK; some lines not registered is a WARNING saying which and why; no line registered (the PBX
 * not answering, the password refused), a refused configuration or a missing switch profile is
 * CRITICAL: callers cannot reach Callpost through it.
 */
@Component(service = HealthCheck.class, property = NamedCheck.PROPERTY + "=integrations")
public class IntegrationsCheck implements HealthCheck {
    static final String NONE = "integrations";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Integrations integrations;

    public IntegrationsCheck() {
    }

    IntegrationsCheck(Integrations integrations) {
        this.integrations = integrations;
    }

    @Override
    public List<HealthResult> check() {
        Integrations now = integrations;
        if (now == null) {
            return List.of(HealthResult.critical(NONE, "the SIP bundle is not running: no integration can take calls"));
        }
        List<IntegrationStatus> all = now.all();
        if (all.isEmpty()) {
            return List.of(HealthResult.warning(NONE,
                    "no integration is configured: add etc/org.callpost.integration~<name>.cfg"));
        }
        List<HealthResult> results = new ArrayList<>();
        for (IntegrationStatus i : all) {
            results.add(of(i));
        }
        return results;
    }

    static HealthResult of(IntegrationStatus i) {
        String check = "integration " + i.name();
        String refused = i.problems().isEmpty() ? ""
                : "; its latest configuration was refused (" + i.problems().stream().map(Object::toString)
                        .collect(Collectors.joining("; ")) + ")";
        switch (i.state()) {
            case REFUSED:
                return HealthResult.critical(check, "its configuration was refused and none runs" + refused);
            case WAITING_FOR_PROFILE:
                return HealthResult.critical(check, "waiting for its switch profile " + i.profile()
                        + " to be installed: no line is registered");
            case STOPPING:
                return HealthResult.warning(check, "stopping: its lines are being un-registered");
            default:
                break;
        }
        if (i.lines().isEmpty()) {
            return HealthResult.critical(check, "it has no lines" + refused);
        }
        List<LineStatus> down = i.lines().stream().filter(l -> l.state() != LineState.REGISTERED).toList();
        int registered = i.lines().size() - down.size();
        String server = i.activeRegistrar().map(s -> " with " + s).orElse("");
        if (down.isEmpty()) {
            String detail = "all " + registered + " lines registered" + server + refused;
            return i.problems().isEmpty() ? HealthResult.ok(check, detail) : HealthResult.warning(check, detail);
        }
        String why = why(down);
        if (registered == 0) {
            return HealthResult.critical(check, "no line registered" + server + ": " + why + refused);
        }
        return HealthResult.warning(check, registered + " of " + i.lines().size() + " lines registered" + server
                + "; " + why + refused);
    }

    /** Lines in the same state for the same reason said once: "line 1 (ext 61), line 2 (ext 62) retrying: ...". */
    private static String why(List<LineStatus> down) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (LineStatus l : down) {
            String state = l.state() == LineState.AUTH_FAILED ? "password refused" : l.state().name().toLowerCase();
            byReason.computeIfAbsent(state + l.lastError().map(e -> ": " + e).orElse(""), r -> new ArrayList<>())
                    .add("line " + l.line() + " (ext " + l.extension() + ")");
        }
        return byReason.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " " + e.getKey())
                .collect(Collectors.joining("; "));
    }
}
