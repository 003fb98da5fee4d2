package org.callpost.web.internal.health;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.health.Health;
import org.callpost.api.health.HealthReport;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.web.internal.CallpostContext;
import org.callpost.web.internal.json.Views;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /callpost/health}: the {@link Health} report as JSON, 200 unless a check is critical,
 * then 503, so a load balancer or monitor needs no parsing. No logon: monitors poll it, and the
 * checks' details carry no secret. Without the health bundle: 503 "health is not installed".
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
@HttpWhiteboardServletName("callpost-health")
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String NOT_INSTALLED = "health is not installed (feature callpost-health)";

    private final transient ObjectMapper mapper = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Health health;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HealthReport report = report(health);
        byte[] body = mapper.writeValueAsBytes(Views.HealthView.of(report));
        resp.setStatus(report.critical() ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The report, or a critical one saying health is not installed. */
    static HealthReport report(Health health) {
        if (health == null) {
            return new HealthReport(HealthStatus.CRITICAL, Instant.now(),
                    List.of(HealthResult.critical("health", NOT_INSTALLED)));
        }
        return health.report();
    }
}
