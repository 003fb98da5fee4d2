package org.callpost.email.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Attempts to hand an email to the SMTP server, by result, since the component started: one add per attempt. */
final class EmailCounts {
    /** What an attempt came to. */
    enum Result {
        /** The server took it (250). */
        SENT("sent"),
        /** A failure that may pass (no connection, a 4xx answer): queued again with its back-off. */
        RETRIED("retried"),
        /** Refused for good (5xx) or the attempts ran out. */
        GAVE_UP("gave_up");

        final String label;

        Result(String label) {
            this.label = label;
        }
    }

    private final Map<Result, LongAdder> counts = new EnumMap<>(Result.class);

    EmailCounts() {
        for (Result r : Result.values()) {
            counts.put(r, new LongAdder());
        }
    }

    void add(Result result) {
        counts.get(result).increment();
    }

    long count(Result result) {
        return counts.get(result).sum();
    }
}
