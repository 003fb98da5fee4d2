package org.callpost.web.internal.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.metrics.MetricsExposition;
import org.callpost.web.internal.CallpostContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The figures for Prometheus at {@code /callpost/metrics}, without a logon (a scraper has none):
 * counts, gauges and timings only, never a PIN, a password or a caller's number. 503 while the
 * {@code callpost-metrics} feature is not installed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
@HttpWhiteboardServletName("callpost-metrics")
@HttpWhiteboardServletPattern("/metrics")
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String NOT_INSTALLED = "Metrics are not available: install the Karaf feature callpost-metrics.\n";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MetricsExposition metrics;

    public MetricsServlet() {
    }

    /** For a test: the exposition, or null for none. */
    MetricsServlet(MetricsExposition metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            plain(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Only GET reads the metrics.\n");
            return;
        }
        MetricsExposition m = metrics;
        if (m == null) {
            plain(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, NOT_INSTALLED);
            return;
        }
        // written whole before it is sent: a failing binder gives a 500, not half a scrape
        StringWriter figures = new StringWriter(16 * 1024);
        m.write(figures);
        byte[] body = figures.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(m.contentType());
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    private static void plain(HttpServletResponse resp, int status, String sentence) throws IOException {
        byte[] body = sentence.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
