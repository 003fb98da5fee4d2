package org.callpost.api.health;

import java.time.Instant;
import java.util.List;

/**
 * Every check's results at one moment.
 *
 * @param status  the worst of the results ({@link HealthStatus#OK} when there are none)
 * @param checked when the checks ran
 * @param results each result, ordered by check name
 */
public record HealthReport(HealthStatus status, Instant checked, List<HealthResult> results) {
    public HealthReport {
        results = List.copyOf(results);
    }

    /** Whether the health endpoint answers 503. */
    public boolean critical() {
        return status == HealthStatus.CRITICAL;
    }
}
