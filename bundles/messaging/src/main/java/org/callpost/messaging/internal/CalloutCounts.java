package org.callpost.messaging.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.callpost.api.messaging.CalloutStatus;

/** Callout batches ended, by how (delivered, gave up, refused, cancelled): one add per batch. */
final class CalloutCounts {
    /** The states a batch ends in. */
    static final CalloutStatus.State[] RESULTS = {CalloutStatus.State.DELIVERED, CalloutStatus.State.GAVE_UP,
        CalloutStatus.State.REFUSED, CalloutStatus.State.CANCELLED};

    private final Map<CalloutStatus.State, LongAdder> ended = new EnumMap<>(CalloutStatus.State.class);

    CalloutCounts() {
        for (CalloutStatus.State s : CalloutStatus.State.values()) {
            ended.put(s, new LongAdder());
        }
    }

    void ended(CalloutStatus.State result) {
        ended.get(result).increment();
    }

    long count(CalloutStatus.State result) {
        return ended.get(result).sum();
    }
}
