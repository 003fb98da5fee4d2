package org.callpost.media.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class SendTimingTest {
    @Test
    public void percentilesAreFineBelowTwoMillisecondsAndCoarseAbove() {
        SendTiming timing = new SendTiming();
        for (int i = 0; i < 98; i++) {
            timing.record(-155_000); // 155 µs early counts as 155 µs off
        }
        timing.record(7_250_000);
        timing.record(31_000_000);
        assertEquals(100, timing.packets());
        assertEquals(160, timing.percentileMicros(0.5));
        assertEquals(7_300, timing.percentileMicros(0.99));
        assertEquals(31_000, timing.percentileMicros(1.0)); // beyond 20 ms: the maximum itself
        assertEquals(31_000, timing.maxMicros());
    }

    @Test
    public void sinceSubtractsAnEarlierCopy() {
        SendTiming timing = new SendTiming();
        timing.record(1_000_000);
        SendTiming before = timing.copy();
        timing.record(50_000);
        timing.record(50_000);
        SendTiming diff = timing.since(before);
        assertEquals(2, diff.packets());
        assertEquals(60, diff.percentileMicros(0.99));
    }
}
