package org.callpost.web.internal.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answers: a status, headers, and a JSON value, a file (whole or a byte range of
 * it), or nothing.
 */
public final class ApiResponse {
    /** A byte range of a file to send: bytes {@code first..last} of {@code length}. */
    public record FilePart(Path file, String contentType, long first, long last, long length) {
        public long size() {
            return last - first + 1;
        }
    }

    private final int status;
    private final Object json;
    private final FilePart file;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, Object json, FilePart file) {
        this.status = status;
        this.json = json;
        this.file = file;
    }

    public static ApiResponse json(Object value) {
        return new ApiResponse(200, value, null);
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, value, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public static ApiResponse file(int status, FilePart part) {
        return new ApiResponse(status, null, part);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The JSON value, or null. */
    public Object json() {
        return json;
    }

    /** The file part, or null. */
    public FilePart file() {
        return file;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
