package org.callpost.web.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;
import org.callpost.web.internal.http.ApiResponse;
import org.junit.Test;

public class AccessTest {
    private final Sessions sessions = new Sessions(Duration.ofMinutes(15), Clock.systemUTC(), s -> { });
    private final Access access = new Access(sessions);

    private static ApiRequest request(String method, Session session, String token, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(more);
        if (token != null) {
            headers.put("x-csrf-token", token);
        }
        return new ApiRequest(method, "/x", Map.of(), headers,
                session == null ? Map.of() : Map.of(Access.COOKIE, session.id()), new byte[0], "192.0.2.7", false);
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    public void noSessionIs401() {
        assertEquals(401, status(() -> access.of(request("GET", null, null, Map.of()), Session.Kind.SUBSCRIBER)));
    }

    @Test
    public void theWrongKindIs403() {
        Session admin = sessions.open(Session.Kind.ADMIN, "admin");
        Session sub = sessions.open(Session.Kind.SUBSCRIBER, "201");
        assertEquals(403, status(() -> access.of(request("GET", admin, null, Map.of()), Session.Kind.SUBSCRIBER)));
        assertEquals(403, status(() -> access.of(request("GET", sub, null, Map.of()), Session.Kind.ADMIN)));
        assertEquals(200, status(() -> access.of(request("GET", sub, null, Map.of()), Session.Kind.SUBSCRIBER)));
    }

    @Test
    public void unsafeMethodsNeedTheToken() {
        Session sub = sessions.open(Session.Kind.SUBSCRIBER, "201");
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            assertEquals(403, status(() -> access.of(request(method, sub, null, Map.of()), Session.Kind.SUBSCRIBER)));
            assertEquals(403, status(() -> access.of(request(method, sub, "wrong", Map.of()), Session.Kind.SUBSCRIBER)));
            assertEquals(200, status(() -> access.of(request(method, sub, sub.csrfToken(), Map.of()), Session.Kind.SUBSCRIBER)));
        }
        assertEquals(403, status(() -> access.any(request("DELETE", sub, null, Map.of()))));
    }

    @Test
    public void logonsMustBeJsonFromTheSameOrigin() {
        assertEquals(415, status(() -> Access.checkLogon(request("POST", null, null,
                Map.of("content-type", "application/x-www-form-urlencoded")))));
        assertEquals(403, status(() -> Access.checkLogon(request("POST", null, null,
                Map.of("content-type", "application/json", "origin", "http://evil.example", "host", "vm:8181")))));
        assertEquals(200, status(() -> Access.checkLogon(request("POST", null, null,
                Map.of("content-type", "application/json; charset=UTF-8", "origin", "http://vm:8181", "host", "vm:8181")))));
    }

    @Test
    public void theCookieIsHttpOnlyStrictOnCallpostAndSecureOverHttps() {
        Session s = sessions.open(Session.Kind.SUBSCRIBER, "201");
        String plain = Access.withCookie(ApiResponse.noContent(), s, request("POST", null, null, Map.of()))
                .headers().get("Set-Cookie");
        assertEquals("callpost_session=" + s.id() + "; Path=/callpost; HttpOnly; SameSite=Strict", plain);
        ApiRequest https = new ApiRequest("POST", "/x", Map.of(), Map.of(), Map.of(), new byte[0], "a", true);
        assertTrue(Access.withCookie(ApiResponse.noContent(), s, https).headers().get("Set-Cookie").endsWith("; Secure"));
        try {
            access.any(request("GET", null, null, Map.of()));
            fail();
        } catch (ApiException e) {
            assertEquals(401, e.status());
        }
    }
}
