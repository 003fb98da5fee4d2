package org.callpost.health.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.callpost.api.health.Health;
import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callpost's {@link Health}: every {@link HealthCheck} service (any number, coming and going) run
 * on the {@link CheckRunner}'s own threads each time a report is asked for. Settings from pid
 * {@code org.callpost.health}; an out-of-range timeout is refused and the last good one kept.
 */
@Component(name = "org.callpost.health", service = Health.class, configurationPid = "org.callpost.health")
@Designate(ocd = HealthConfig.class)
public class HealthReporter implements Health {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);
    static final int DEFAULT_TIMEOUT_SECONDS = 5;

    private final List<NamedCheck> checks = new CopyOnWriteArrayList<>();
    private final CheckRunner runner = new CheckRunner();
    private volatile Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    @Activate
    void activate(HealthConfig config) {
        modified(config);
    }

    @Modified
    void modified(HealthConfig config) {
        int seconds = config.check_timeout_seconds();
        if (seconds < 1 || seconds > 60) {
            LOG.warn("Health: check.timeout.seconds = {} is refused: set 1 to 60 (pid org.callpost.health); {} stays in use",
                    seconds, timeout.toSeconds());
            return;
        }
        timeout = Duration.ofSeconds(seconds);
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        checks.add(NamedCheck.of(check, properties));
    }

    void removeCheck(HealthCheck check) {
        checks.removeIf(c -> c.check() == check);
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public HealthReport report() {
        return runner.report(List.copyOf(checks), timeout);
    }
}
