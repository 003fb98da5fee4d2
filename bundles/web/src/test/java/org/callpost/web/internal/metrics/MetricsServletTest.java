package org.callpost.web.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.metrics.MetricsExposition;
import org.junit.Test;

/** The metrics servlet alone, over a request and a response that record what it does. */
public class MetricsServletTest {
    /** What the servlet sent. */
    private static final class Sent {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Sent call(MetricsServlet servlet, String method) throws IOException {
        Sent sent = new Sent();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> "getMethod".equals(m.getName()) ? method : null);
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                sent.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> sent.status = (Integer) a[0];
                        case "setContentType" -> sent.headers.put("Content-Type", (String) a[0]);
                        case "setHeader" -> sent.headers.put((String) a[0], (String) a[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.service(req, resp);
        return sent;
    }

    private static ClassLoader getLoader() {
        return MetricsServletTest.class.getClassLoader();
    }

    private static final MetricsExposition FIGURES = new MetricsExposition() {
        @Override
        public String contentType() {
            return "text/plain; version=0.0.4; charset=utf-8";
        }

        @Override
        public void write(Writer out) throws IOException {
            out.write("callpost_messages_saved_total 1.0\n");
        }
    };

    @Test
    public void getAnswersTheFiguresInPrometheusFormat() throws Exception {
        Sent sent = call(new MetricsServlet(FIGURES), "GET");
        assertEquals(200, sent.status);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", sent.headers.get("Content-Type"));
        assertEquals("callpost_messages_saved_total 1.0\n", sent.text());
    }

    @Test
    public void withoutTheMetricsFeatureA503SaysWhatToInstall() throws Exception {
        Sent sent = call(new MetricsServlet(null), "GET");
        assertEquals(503, sent.status);
        assertTrue(sent.text(), sent.text().contains("install the Karaf feature callpost-metrics"));
    }

    @Test
    public void onlyGetAndHeadReadIt() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            Sent sent = call(new MetricsServlet(FIGURES), method);
            assertEquals(method, 405, sent.status);
            assertEquals("GET, HEAD", sent.headers.get("Allow"));
        }
        Sent head = call(new MetricsServlet(FIGURES), "HEAD");
        assertEquals(200, head.status);
        assertEquals("no body", 0, head.body.size());
    }
}
