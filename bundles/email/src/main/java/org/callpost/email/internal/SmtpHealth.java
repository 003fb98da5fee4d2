package org.callpost.email.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.callpost.api.email.EmailStatus;
import org.callpost.api.health.HealthResult;

/**
 * The health check {@code smtp}, answered from the last probe of the SMTP server (a logon as an
 * email would make it, in the background every {@link #PROBE_EVERY} and soon after a failed
 * send), never by dialling the server for the check: OK, or CRITICAL with the server and the error;
 * WARNING when emails were given up in the last {@link #GIVEN_UP_WINDOW}. With no smtp.host, OK
 * "email is off".
 */
final class SmtpHealth {
    static final String CHECK = "smtp";
    static final Duration PROBE_EVERY = Duration.ofSeconds(60);
    /** After a failed send, not more often than this: a queue retrying every 2 s does not probe every 2 s. */
    static final Duration PROBE_AFTER_FAILURE = Duration.ofSeconds(10);
    static final Duration GIVEN_UP_WINDOW = Duration.ofHours(24);

    /** One probe: of which server, when, and its failure (empty: the server took the logon). */
    record Probe(String server, Instant at, Optional<String> failure) {
    }

    private final Clock clock;
    private volatile Probe last;

    SmtpHealth(Clock clock) {
        this.clock = clock;
    }

    static String server(Settings s) {
        return s.host() + ":" + s.port();
    }

    void probed(Settings s, Optional<String> failure) {
        last = new Probe(server(s), clock.instant(), failure);
    }

    /** Whether a failed send should be followed by a probe now. */
    boolean probeAfterFailure() {
        Probe p = last;
        return p == null || Duration.between(p.at(), clock.instant()).compareTo(PROBE_AFTER_FAILURE) >= 0;
    }

    List<HealthResult> check(Settings s, List<EmailStatus> emails) {
        if (s == null) {
            return List.of(HealthResult.critical(CHECK, "the email settings were refused and none were good before: "
                    + "no email is sent (see the log, pid " + EmailComponent.PID + ")"));
        }
        if (!s.enabled()) {
            return List.of(HealthResult.ok(CHECK, "email is off (smtp.host is empty)"));
        }
        Probe p = last;
        String server = server(s);
        if (p == null || !p.server().equals(server)) {
            return List.of(HealthResult.warning(CHECK, server + " not asked yet"));
        }
        if (p.failure().isPresent()) {
            return List.of(HealthResult.critical(CHECK, server + " at " + p.at() + ": " + p.failure().get()
                    + "; new messages' emails wait in the queue"));
        }
        Instant since = clock.instant().minus(GIVEN_UP_WINDOW);
        List<EmailStatus> givenUp = emails.stream().filter(e -> e.state() == EmailStatus.State.GAVE_UP)
                .filter(e -> e.queued().isAfter(since)).toList();
        if (!givenUp.isEmpty()) {
            EmailStatus latest = givenUp.stream().max(java.util.Comparator.comparing(EmailStatus::queued)).orElseThrow();
            return List.of(HealthResult.warning(CHECK, server + " answers, but " + givenUp.size()
                    + " email(s) were given up in the last 24 h (latest to " + latest.address() + ": "
                    + latest.lastResult() + "); see callpost:emails"));
        }
        return List.of(HealthResult.ok(CHECK, server + " answered at " + p.at()));
    }
}
