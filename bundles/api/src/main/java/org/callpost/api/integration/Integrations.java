package org.callpost.api.integration;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The running integrations and their lines; registered by the SIP bundle. */
@ProviderType
public interface Integrations {
    /** Every configured integration, by name. */
    List<IntegrationStatus> all();

    /** One integration by name. */
    Optional<IntegrationStatus> find(String name);

    /**
     * The integration Callpost places its own calls through (lamp callouts, message notification
     * callouts): the {@code configured} one when it runs, else the first by name whose lines are
     * all registered, else the first running; empty when none runs (or the configured one does not).
     */
    default Optional<String> forCalls(Optional<String> configured) {
        List<IntegrationStatus> running = all().stream().filter(i -> i.state() == IntegrationState.RUNNING)
                .sorted(java.util.Comparator.comparing(IntegrationStatus::name)).toList();
        if (configured.isPresent()) {
            return running.stream().map(IntegrationStatus::name).filter(configured.get()::equals).findFirst();
        }
        return running.stream()
                .filter(i -> !i.lines().isEmpty() && i.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED))
                .map(IntegrationStatus::name).findFirst()
                .or(() -> running.stream().map(IntegrationStatus::name).findFirst());
    }
}
