package org.callpost.email.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The email settings, checked: a wrong one is named with its fix by {@link #problems}, and the
 * component keeps its last good settings.
 *
 * @param password the SMTP password in clear (never logged; {@link #toString()} leaves it out)
 */
record Settings(String host, int port, Security security, String user, String password, String sender,
        String subjectTemplate, String bodyTemplate, int retrySeconds, int maxAttempts, int timeoutSeconds) {

    /** How the connection to the SMTP server is protected. */
    enum Security {
        NONE, STARTTLS, SMTPS
    }

    /** The longest wait between two attempts. */
    static final int MAX_RETRY_SECONDS = 3600;

    /** Whether email is on: an SMTP server is set. */
    boolean enabled() {
        return !host.isEmpty();
    }

    /** Seconds to wait after the given number of failed attempts (1: retry.seconds), doubling up to an hour. */
    long backoffSeconds(int failedAttempts) {
        long delay = retrySeconds;
        for (int i = 1; i < failedAttempts && delay < MAX_RETRY_SECONDS; i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(retrySeconds, MAX_RETRY_SECONDS));
    }

    @Override
    public String toString() {
        return (enabled() ? host + ":" + port + " " + security : "no SMTP server") + (user.isEmpty() ? "" : ", user " + user)
                + ", sender " + (sender.isEmpty() ? "-" : sender) + ", retry after " + retrySeconds + " s, "
                + maxAttempts + " attempts, timeout " + timeoutSeconds + " s";
    }

    /** The settings, or the problems (one line each, naming the setting and the fix) in {@code problems}. */
    static Settings of(EmailConfig c, String password, List<String> problems) {
        String host = trim(c.smtp_host());
        Security security = null;
        try {
            security = Security.valueOf(trim(c.smtp_security()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("smtp.security is '" + c.smtp_security() + "': set NONE, STARTTLS or SMTPS");
        }
        if (c.smtp_port() < 1 || c.smtp_port() > 65535) {
            problems.add("smtp.port is " + c.smtp_port() + ": set a port from 1 to 65535 (25, 587 or 465)");
        }
        String sender = trim(c.sender());
        if (!host.isEmpty() && sender.isEmpty()) {
            problems.add("sender is empty: set the From address of the emails, e.g. voicemail@example.com");
        } else if (!sender.isEmpty() && !Addresses.valid(sender)) {
            problems.add("sender '" + sender + "' is not an email address: set one like voicemail@example.com");
        }
        if (host.contains(" ") || host.contains(":")) {
            problems.add("smtp.host '" + host + "' is not a host name: set the name or address only (the port is smtp.port)");
        }
        if (c.retry_seconds() < 1) {
            problems.add("retry.seconds is " + c.retry_seconds() + ": set 1 or more (default 60)");
        }
        if (c.max_attempts() < 1) {
            problems.add("max.attempts is " + c.max_attempts() + ": set 1 or more (default 10)");
        }
        if (c.smtp_timeout_seconds() < 1) {
            problems.add("smtp.timeout.seconds is " + c.smtp_timeout_seconds() + ": set 1 or more (default 30)");
        }
        String subject = c.subject_template() == null || c.subject_template().isBlank() ? Templates.DEFAULT_SUBJECT
                : c.subject_template();
        String body = c.body_template() == null || c.body_template().isBlank() ? Templates.DEFAULT_BODY : c.body_template();
        Templates.check("subject.template", subject, problems);
        Templates.check("body.template", body, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Settings(host, c.smtp_port(), security, trim(c.smtp_user()), password == null ? "" : password, sender,
                subject, body, c.retry_seconds(), c.max_attempts(), c.smtp_timeout_seconds());
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** For tests: settings as the defaults have them, with this server. */
    static Settings defaults(String host, int port) {
        return new Settings(host, port, Security.NONE, "", "", "voicemail@callpost.test", Templates.DEFAULT_SUBJECT,
                Templates.DEFAULT_BODY, 60, 10, 30);
    }

    static List<String> newProblems() {
        return new ArrayList<>();
    }
}
