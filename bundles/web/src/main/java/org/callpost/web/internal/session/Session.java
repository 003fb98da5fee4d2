package org.callpost.web.internal.session;

import java.util.Objects;

/**
 * A logged-on browser: of one kind, a subscriber (a mailbox) or an administrator (a Karaf user).
 *
 * @param id        the cookie value (random 256-bit)
 * @param kind      which endpoints it may use
 * @param principal the mailbox number or the Karaf user name
 * @param csrfToken what unsafe requests must carry in {@code X-CSRF-Token}
 */
public record Session(String id, Kind kind, String principal, String csrfToken) {
    public enum Kind {
        SUBSCRIBER, ADMIN;

        /** As the API spells it. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** Without the id: a session may be printed without handing out its cookie. */
    @Override
    public String toString() {
        return kind.json() + " " + principal;
    }
}
