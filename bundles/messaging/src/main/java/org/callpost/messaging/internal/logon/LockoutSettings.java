package org.callpost.messaging.internal.logon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PIN lockout part of the messaging configuration (pid {@code org.callpost.messaging}, see
 * {@code MessagingConfig}). Read from the raw properties, not the DS config annotation, so that a
 * value that is no number is reported like one out of range instead of failing the component.
 *
 * @param failures wrong PINs within {@code window} that lock a mailbox; 0: never locked
 */
record LockoutSettings(int failures, Duration window, Duration lockout) {
    private static final Logger LOG = LoggerFactory.getLogger(LockoutSettings.class);

    static final String FAILURES = "pin.lockout.failures";
    static final String WINDOW = "pin.lockout.window.minutes";
    static final String LOCKOUT = "pin.lockout.minutes";

    /** The defaults, the same as {@code MessagingConfig}'s (a test checks they agree). */
    static final LockoutSettings DEFAULT = new LockoutSettings(6, Duration.ofMinutes(15), Duration.ofMinutes(30));

    boolean enabled() {
        return failures > 0;
    }

    /**
     * The settings in {@code properties}; absent ones take the default. When any is wrong, each
     * wrong one is logged with its fix and {@code lastGood} is returned whole: a half-applied
     * lockout (say a new count with the old window) would be neither the old policy nor the new one.
     */
    static LockoutSettings of(Map<String, ?> properties, LockoutSettings lastGood) {
        List<String> problems = new ArrayList<>();
        Optional<Integer> failures = read(properties, FAILURES, DEFAULT.failures, 0, problems);
        Optional<Integer> window = read(properties, WINDOW, (int) DEFAULT.window.toMinutes(), 1, problems);
        Optional<Integer> lockout = read(properties, LOCKOUT, (int) DEFAULT.lockout.toMinutes(), 1, problems);
        if (!problems.isEmpty()) {
            for (String p : problems) {
                LOG.warn("Messaging setting {} (pid org.callpost.messaging); the PIN lockout keeps its last good "
                        + "settings: {}", p, lastGood.describe());
            }
            return lastGood;
        }
        return new LockoutSettings(failures.orElseThrow(), Duration.ofMinutes(window.orElseThrow()),
                Duration.ofMinutes(lockout.orElseThrow()));
    }

    private static Optional<Integer> read(Map<String, ?> properties, String name, int fallback, int min,
            List<String> problems) {
        Object v = properties.get(name);
        if (v == null) {
            return Optional.of(fallback);
        }
        long value;
        try {
            value = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            problems.add(name + " = '" + v + "' is not a whole number: set it to a number of " + min + " or more");
            return Optional.empty();
        }
        if (value < min || value > Integer.MAX_VALUE) {
            problems.add(name + " = " + value + " is out of range: set it to a number from " + min + " to "
                    + Integer.MAX_VALUE);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    String describe() {
        return enabled() ? failures + " wrong PINs within " + window.toMinutes() + " min lock a mailbox for "
                + lockout.toMinutes() + " min" : "no lockout (" + FAILURES + " = 0)";
    }
}
