package org.callpost.api.health;

import java.util.Objects;

/**
 * One check's answer.
 *
 * @param check  the check's name, e.g. {@code "integration pbx1"}, {@code "store"}, {@code "smtp"}
 * @param status how it stands
 * @param detail one sentence an administrator can act on, e.g. "line 2 (ext 702) retrying: no
 *               answer from 192.0.2.1:5060 within 4000 ms"; never a secret
 */
public record HealthResult(String check, HealthStatus status, String detail) {
    public HealthResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthResult ok(String check, String detail) {
        return new HealthResult(check, HealthStatus.OK, detail);
    }

    public static HealthResult warning(String check, String detail) {
        return new HealthResult(check, HealthStatus.WARNING, detail);
    }

    public static HealthResult critical(String check, String detail) {
        return new HealthResult(check, HealthStatus.CRITICAL, detail);
    }
}
