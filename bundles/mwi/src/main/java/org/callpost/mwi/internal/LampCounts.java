package org.callpost.mwi.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Lamp requests to the PBX by result, since the component started: one add per request and per outcome. */
final class LampCounts {
    /** What became of a request. */
    enum Result {
        /** Handed to the switch profile (every attempt). */
        SENT("sent"),
        /** The PBX confirmed the lamp's state. */
        CONFIRMED("confirmed"),
        /** The PBX refused it (not retried). */
        REFUSED("refused"),
        /** No answer, an error or a busy PBX: retried. */
        FAILED("failed"),
        /** The attempts ran out. */
        GAVE_UP("gave_up");

        final String label;

        Result(String label) {
            this.label = label;
        }
    }

    private final Map<Result, LongAdder> counts = new EnumMap<>(Result.class);

    LampCounts() {
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
