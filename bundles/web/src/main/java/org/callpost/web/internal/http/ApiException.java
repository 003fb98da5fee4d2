package org.callpost.web.internal.http;

import java.util.Map;

/**
 * An answer other than success, in a sentence the user understands: becomes
 * {@code {"error": message, "status": status, ...extra}}. Never carries a stack trace, a PIN or a password.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> extra;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> extra, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.extra = Map.copyOf(extra);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** Fields added to the error body (e.g. {@code lockedUntil}). */
    public Map<String, Object> extra() {
        return extra;
    }

    /** Headers of the answer (e.g. {@code Allow}, {@code Content-Range}). */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }
}
