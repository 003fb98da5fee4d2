package org.callpost.web.internal.session;

import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;
import org.callpost.web.internal.http.ApiResponse;

/**
 * Who may do what: the request's session (401 without one), of the right kind (403), with the
 * CSRF token on unsafe methods (403); and the checks on logons and the session cookie.
 */
public final class Access {
    public static final String COOKIE = "callpost_session";
    /** Where the cookie is sent: the whole whiteboard context, pages included. */
    public static final String COOKIE_PATH = "/callpost";

    private final Sessions sessions;

    public Access(Sessions sessions) {
        this.sessions = sessions;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The request's session of either kind (CSRF-checked when unsafe). */
    public Session any(ApiRequest request) {
        Session session = sessions.find(request.cookies().get(COOKIE))
                .orElseThrow(() -> new ApiException(401, "You are not logged on (or your session expired): log on again"));
        if (request.unsafe() && !Csrf.tokenMatches(session, request.header(Csrf.HEADER))) {
            throw ApiException.forbidden("The request lacks the session's " + Csrf.HEADER
                    + " header (or it is wrong): reload the page");
        }
        return session;
    }

    /** The request's session, which must be of {@code kind}. */
    public Session of(ApiRequest request, Session.Kind kind) {
        Session session = sessions.find(request.cookies().get(COOKIE))
                .orElseThrow(() -> new ApiException(401, "You are not logged on (or your session expired): log on again"));
        if (session.kind() != kind) {
            throw ApiException.forbidden(kind == Session.Kind.ADMIN
                    ? "This is for the administrator: log on as the administrator at /callpost/admin/"
                    : "This is for a subscriber: log on with a mailbox number and PIN at /callpost/");
        }
        return any(request);
    }

    /** A logon must be JSON (a cross-site form cannot send it) from the same origin, when the browser names one. */
    public static void checkLogon(ApiRequest request) {
        if (!"application/json".equals(request.contentType())) {
            throw new ApiException(415, "Log on with a JSON body (Content-Type: application/json)");
        }
        if (!Csrf.sameOrigin(request.header("origin"), request.header("host"), request.secure())) {
            throw ApiException.forbidden("Log on from Callpost's own page: this request comes from another site");
        }
    }

    /** Sets the session cookie on a logon's answer. */
    public static ApiResponse withCookie(ApiResponse response, Session session, ApiRequest request) {
        return response.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=" + COOKIE_PATH
                + "; HttpOnly; SameSite=Strict" + (request.secure() ? "; Secure" : ""));
    }

    /** Removes the session cookie from the browser. */
    public static ApiResponse withoutCookie(ApiResponse response, ApiRequest request) {
        return response.header("Set-Cookie", COOKIE + "=; Path=" + COOKIE_PATH + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (request.secure() ? "; Secure" : ""));
    }
}
