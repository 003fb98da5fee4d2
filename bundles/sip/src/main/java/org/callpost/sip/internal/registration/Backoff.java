package org.callpost.sip.internal.registration;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a line waits before trying again: 1 s, 2 s, 4 s ... up to 30 s, with +/-10 % spread
 * so that hundreds of lines do not retry in the same instant after a PBX outage.
 */
final class Backoff {
    static final long FIRST_MILLIS = 1000;
    static final long MAX_MILLIS = 30_000;
    /** After a refused password we wait longer: the PBX must be reprogrammed, not retried at. */
    static final long AUTH_FAILED_MILLIS = 60_000;

    private Backoff() {
    }

    static long afterFailures(int failures) {
        long base = FIRST_MILLIS << Math.min(Math.max(failures - 1, 0), 5);
        return spread(Math.min(base, MAX_MILLIS));
    }

    static long spread(long millis) {
        double f = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Math.max(1, Math.round(millis * f));
    }
}
