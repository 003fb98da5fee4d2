package org.callpost.messaging.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Messages left by callers, saved or not kept and why, since the application started: one add per message. */
final class MessageCounts {
    /** Why a recording was not kept. */
    enum Discard {
        /** Below the minimum message length (a hang-up before speaking). */
        TOO_SHORT("too_short"),
        /** The caller hung up before the beep or before a recording began. */
        HUNG_UP("hung_up");

        final String label;

        Discard(String label) {
            this.label = label;
        }
    }

    private final LongAdder saved = new LongAdder();
    private final Map<Discard, LongAdder> discarded = new EnumMap<>(Discard.class);

    MessageCounts() {
        for (Discard d : Discard.values()) {
            discarded.put(d, new LongAdder());
        }
    }

    void saved() {
        saved.increment();
    }

    void discarded(Discard why) {
        discarded.get(why).increment();
    }

    long savedCount() {
        return saved.sum();
    }

    long discardedCount(Discard why) {
        return discarded.get(why).sum();
    }
}
