package org.callpost.health.internal;

import static org.junit.Assert.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.junit.After;
import org.junit.Test;

/** The component as DS drives it: checks coming and going, the timeout setting. */
public class HealthReporterTest {
    private final HealthReporter health = new HealthReporter();

    @After
    public void stop() {
        health.deactivate();
    }

    private static HealthConfig timeout(int seconds) {
        return new HealthConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HealthConfig.class;
            }

            @Override
            public int check_timeout_seconds() {
                return seconds;
            }
        };
    }

    @Test
    public void checksAddedAndRemovedAreInTheNextReport() {
        health.activate(timeout(5));
        HealthCheck store = () -> List.of(HealthResult.ok("store", "5000 MB free"));
        HealthCheck smtp = () -> List.of(HealthResult.critical("smtp", "cannot connect to 127.0.0.1:25"));
        health.addCheck(store, Map.of(NamedCheck.PROPERTY, "store"));
        assertEquals(HealthStatus.OK, health.report().status());
        health.addCheck(smtp, Map.of(NamedCheck.PROPERTY, "smtp"));
        assertEquals(HealthStatus.CRITICAL, health.report().status());
        assertEquals(List.of("smtp", "store"), health.report().results().stream().map(HealthResult::check).toList());
        health.removeCheck(smtp);
        assertEquals(HealthStatus.OK, health.report().status());
        assertEquals(List.of("store"), health.report().results().stream().map(HealthResult::check).toList());
    }

    @Test
    public void aTimeoutOutOfRangeIsRefusedAndTheLastGoodKept() {
        health.activate(timeout(3));
        assertEquals(Duration.ofSeconds(3), health.timeout());
        health.modified(timeout(0));
        assertEquals(Duration.ofSeconds(3), health.timeout());
        health.modified(timeout(61));
        assertEquals(Duration.ofSeconds(3), health.timeout());
        health.modified(timeout(10));
        assertEquals(Duration.ofSeconds(10), health.timeout());
    }
}
