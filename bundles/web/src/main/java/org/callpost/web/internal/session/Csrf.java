package org.callpost.web.internal.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks against cross-site requests: unsafe requests carry the session's token in a header
 * (a cross-site form or image cannot set one); logons, which have no token yet, must be JSON (a
 * cross-site form cannot send that type) and, when the browser says where it comes from, same-origin.
 */
public final class Csrf {
    public static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }

    /** Whether the header's value is the session's token (compared in constant time). */
    public static boolean tokenMatches(Session session, Optional<String> header) {
        if (header.isEmpty() || header.get().isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                header.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether an {@code Origin} header (if any) names the host the request was sent to. Without an
     * Origin (older browsers, same-origin GETs, non-browser clients) there is nothing to compare.
     *
     * @param origin the Origin header
     * @param host   the Host header
     * @param secure whether the request came over HTTPS (for the default port)
     */
    public static boolean sameOrigin(Optional<String> origin, Optional<String> host, boolean secure) {
        if (origin.isEmpty()) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(origin.get().trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (sandboxed frames, file:) and garbage
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            URI hostUri = new URI((secure ? "https" : "http") + "://" + host.get().trim());
            if (hostUri.getHost() == null) {
                return false;
            }
            int hostPort = hostUri.getPort() >= 0 ? hostUri.getPort() : secure ? 443 : 80;
            return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && port == hostPort;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
