package org.callpost.web.internal.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.callpost.api.health.HealthReport;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.web.internal.json.Views;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON monitors read from /callpost/health. */
public class HealthViewTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    public void theReportIsItsStatusTimeAndResults() throws Exception {
        HealthReport report = new HealthReport(HealthStatus.WARNING, Instant.parse("2026-12-06T21:00:00Z"),
                List.of(HealthResult.ok("integration pbx1", "all 3 lines registered with 192.0.2.1:5060"),
                        HealthResult.warning("store", "350 MB free")));
        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(Views.HealthView.of(report)));
        assertEquals("WARNING", json.get("status").asText());
        assertEquals("2026-12-06T21:00:00Z", json.get("checked").asText());
        assertEquals(2, json.get("results").size());
        assertEquals("integration pbx1", json.get("results").get(0).get("check").asText());
        assertEquals("OK", json.get("results").get(0).get("status").asText());
        assertEquals("350 MB free", json.get("results").get(1).get("detail").asText());
    }

    @Test
    public void withoutTheHealthBundleItIsCritical() {
        HealthReport report = HealthServlet.report(null);
        assertTrue(report.critical());
        assertEquals(HealthServlet.NOT_INSTALLED, report.results().get(0).detail());
    }
}
