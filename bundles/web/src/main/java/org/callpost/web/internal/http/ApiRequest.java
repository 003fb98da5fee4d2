package org.callpost.web.internal.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, free of the servlet API (Karaf 4.5 moves to jakarta.servlet:
 * only the adapter changes).
 *
 * @param method      GET, POST, PUT, DELETE, ...
 * @param path        the path below {@code /api}, decoded, e.g. {@code /messages/17}
 * @param query       the query parameters (first value each)
 * @param headers     the headers, names in lower case, first value each
 * @param cookies     the cookies by name
 * @param body        the body (empty for none); the adapter caps its size
 * @param remoteAddress the client's address, for PinLogons' "from"
 * @param secure      whether the request came over HTTPS
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        Map<String, String> cookies, byte[] body, String remoteAddress, boolean secure) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The media type of the body without parameters, lower case, or "". */
    public String contentType() {
        String value = header("content-type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the method changes something (and so needs the CSRF token). */
    public boolean unsafe() {
        return List.of("POST", "PUT", "DELETE", "PATCH").contains(method);
    }
}
