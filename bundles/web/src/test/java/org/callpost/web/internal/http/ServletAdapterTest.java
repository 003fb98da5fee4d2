package org.callpost.web.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.store.StoreFullException;
import org.callpost.api.store.StoreUnavailableException;
import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What a browser is answered when the store cannot take a change: the adapter alone, over recording stand-ins. */
public class ServletAdapterTest {
    private static final class Sent {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static Sent post(Exception thrownByTheApi) throws IOException {
        ServletAdapter adapter = new ServletAdapter(request -> {
            throw new ServletAdapter.Wrapped(thrownByTheApi);
        }, new ObjectMapper(), () -> 1024);
        Sent sent = new Sent();
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[0]);

            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(loader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getPathInfo" -> "/subscriber/messages/m1/save";
                    case "getHeaderNames" -> Collections.emptyEnumeration();
                    case "getContentLengthLong" -> 0L;
                    case "getInputStream" -> in;
                    case "isSecure" -> false;
                    case "getRemoteAddr" -> "127.0.0.1";
                    default -> null;
                });
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
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(loader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> sent.status = (Integer) a[0];
                        case "setHeader" -> sent.headers.put((String) a[0], (String) a[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "isCommitted" -> {
                            return false;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        adapter.service(req, resp);
        return sent;
    }

    private static ClassLoader loader() {
        return ServletAdapterTest.class.getClassLoader();
    }

    @Test
    public void aStoreThatCannotBeReachedIsServiceUnavailableWithWhenToTryAgain() throws IOException {
        Sent sent = post(new StoreUnavailableException("the database does not answer"));
        assertEquals(503, sent.status);
        assertEquals("60", sent.headers.get("Retry-After"));
        assertTrue(sent.text(), sent.text().contains("cannot be reached now: nothing was changed"));
        assertFalse("the store's own words stay in the log", sent.text().contains("database does not answer"));
    }

    @Test
    public void aFullDiskIsInsufficientStorage() throws IOException {
        Sent sent = post(new StoreFullException("12 MB free, 200 MB needed"));
        assertEquals(507, sent.status);
        assertTrue(sent.text(), sent.text().contains("disk is full"));
    }

    @Test
    public void anyOtherStoreFailureIsAnInternalErrorWithoutItsDetails() throws IOException {
        Sent sent = post(new IOException("/var/lib/callpost/store/200/m1.wav: Permission denied"));
        assertEquals(500, sent.status);
        assertTrue(sent.text(), sent.text().contains("the administrator finds why in the log"));
        assertFalse(sent.text(), sent.text().contains("Permission denied"));
    }
}
