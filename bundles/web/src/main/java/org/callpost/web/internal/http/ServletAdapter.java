package org.callpost.web.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.NoSuchMessageException;
import org.callpost.api.store.StoreFullException;
import org.callpost.api.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The servlet API's side of the REST API, and nothing else: turns a request into an
 * {@link ApiRequest}, hands it to the API, and writes the {@link ApiResponse} or the error as JSON.
 * (Karaf 4.5's jakarta.servlet needs only this class and the servlet components changed.)
 */
public final class ServletAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ServletAdapter.class);

    private final Function<ApiRequest, ApiResponse> api;
    private final ObjectMapper mapper;
    private final LongSupplier maxBody;

    /**
     * @param api     the API: throws {@link ApiException} for the answers other than success
     * @param maxBody the largest body read (a greeting upload), in bytes
     */
    public ServletAdapter(Function<ApiRequest, ApiResponse> api, ObjectMapper mapper, LongSupplier maxBody) {
        this.api = api;
        this.mapper = mapper;
        this.maxBody = maxBody;
    }

    public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        try {
            ApiResponse answer = api.apply(request(req));
            write(answer, resp);
        } catch (ApiException e) {
            error(resp, e);
        } catch (NoSuchMailboxException e) {
            error(resp, new ApiException(404, "There is no such mailbox"));
        } catch (NoSuchMessageException e) {
            error(resp, new ApiException(404, "There is no such message"));
        } catch (Wrapped e) {
            if (e.getCause() instanceof StoreUnavailableException) {
                // the database is away: a state the health check shows, not a fault of this request
                LOG.warn("{} {}: the message store cannot be reached ({})", req.getMethod(), req.getPathInfo(),
                        e.getCause().getMessage());
                error(resp, new ApiException(503, "The message store cannot be reached now: nothing was changed. "
                        + "Messages callers leave meanwhile are kept and delivered when it is back; try again in a minute",
                        Map.of(), Map.of("Retry-After", "60")));
                return;
            }
            if (e.getCause() instanceof StoreFullException) {
                LOG.warn("{} {}: the message store's disk is full ({})", req.getMethod(), req.getPathInfo(),
                        e.getCause().getMessage());
                error(resp, new ApiException(507, "The message store's disk is full: nothing was changed; "
                        + "the administrator frees disk space"));
                return;
            }
            LOG.error("{} {} failed", req.getMethod(), req.getPathInfo(), e.getCause());
            error(resp, new ApiException(500, e.getCause() instanceof IOException
                    ? "The message store could not read or write its files: the administrator finds why in the log"
                    : "Callpost failed to answer: the administrator finds why in the log"));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), req.getPathInfo(), e);
            error(resp, new ApiException(500, "Callpost failed to answer: the administrator finds why in the log"));
        }
    }

    /** An exception of the API's handlers other than an ApiException, to be logged and answered 500. */
    public static final class Wrapped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Wrapped(Exception cause) {
            super(cause);
        }
    }

    private ApiRequest request(HttpServletRequest req) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        Map<String, String> cookies = new HashMap<>();
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                cookies.putIfAbsent(c.getName(), c.getValue());
            }
        }
        return new ApiRequest(req.getMethod(), req.getPathInfo() == null ? "/" : req.getPathInfo(),
                query(req.getQueryString()), headers, cookies, body(req), req.getRemoteAddr(), req.isSecure());
    }

    private byte[] body(HttpServletRequest req) throws IOException {
        long max = maxBody.getAsLong();
        long declared = req.getContentLengthLong();
        if (declared > max) {
            throw new ApiException(413, "The request is larger than " + max / (1024 * 1024) + " MB");
        }
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw new ApiException(413, "The request is larger than " + max / (1024 * 1024) + " MB");
            }
            return body;
        }
    }

    /** The query parameters ourselves: getParameter would read a PUT's body as a form. */
    static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private void write(ApiResponse answer, HttpServletResponse resp) throws IOException {
        resp.setStatus(answer.status());
        answer.headers().forEach(resp::setHeader);
        if (answer.file() != null) {
            ApiResponse.FilePart part = answer.file();
            resp.setContentType(part.contentType());
            resp.setContentLengthLong(part.size());
            try (FileChannel channel = FileChannel.open(part.file(), StandardOpenOption.READ);
                    OutputStream out = resp.getOutputStream()) {
                var target = Channels.newChannel(out);
                long position = part.first();
                long left = part.size();
                while (left > 0) {
                    long sent = channel.transferTo(position, left, target);
                    if (sent <= 0) {
                        break; // the file shrank meanwhile
                    }
                    position += sent;
                    left -= sent;
                }
            }
        } else if (answer.json() != null) {
            byte[] body = mapper.writeValueAsBytes(answer.json());
            resp.setContentType("application/json;charset=UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    private void error(HttpServletResponse resp, ApiException e) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        resp.setHeader("Cache-Control", "no-store");
        resp.setStatus(e.status());
        e.headers().forEach(resp::setHeader);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("status", e.status());
        body.putAll(e.extra());
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
