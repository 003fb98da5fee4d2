package org.callpost.sip.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.callpost.sip.internal.call.CallOutcome;

/** Calls ended on one integration's lines, by outcome, since it was configured: one add per call. */
final class EndedCalls {
    private final Map<CallOutcome, LongAdder> byOutcome = new EnumMap<>(CallOutcome.class);

    EndedCalls() {
        for (CallOutcome o : CallOutcome.values()) {
            byOutcome.put(o, new LongAdder());
        }
    }

    void add(CallOutcome outcome) {
        byOutcome.get(outcome).increment();
    }

    long count(CallOutcome outcome) {
        return byOutcome.get(outcome).sum();
    }
}
