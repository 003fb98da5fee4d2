package org.callpost.media.internal.rtp;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ReceiveStatisticsTest {
    private final ReceiveStatistics stats = new ReceiveStatistics();

    @Test
    public void sequenceNumbersWrapIntoTheExtendedCount() {
        for (int i = 0; i < 10; i++) {
            assertEquals(ReceiveStatistics.NEW, stats.accept(5, (65530 + i) & 0xFFFF));
        }
        assertEquals(65536 + 3, stats.extendedHighest());
        assertEquals(10, stats.expected());
        assertEquals(0, stats.lost());
    }

    @Test
    public void lossDuplicatesAndReorderingAreToldApart() {
        int[] arrivals = {1, 2, 4, 3, 3, 6, 7, 2};
        int[] verdicts = {0, 0, 0, 0, 1, 0, 0, 1};
        for (int i = 0; i < arrivals.length; i++) {
            assertEquals("packet " + i, verdicts[i], stats.accept(5, arrivals[i]));
        }
        assertEquals(7, stats.expected());
        assertEquals(1, stats.lost()); // 5 never came
        assertEquals(2, stats.duplicates());
        assertEquals(36, stats.fractionLostSinceLastReport()); // 1/7 of 256
    }

    @Test
    public void aNewSenderRestartsTheSequenceButKeepsTheLossTotal() {
        stats.accept(5, 100);
        stats.accept(5, 102);
        stats.accept(9, 40_000);
        stats.accept(9, 40_001);
        assertEquals(0, stats.lost());
        assertEquals(1, stats.lostTotal());
    }

    @Test
    public void aHugeJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        stats.accept(5, 100);
        assertEquals(ReceiveStatistics.JUMP, stats.accept(5, 30_000));
        assertEquals(ReceiveStatistics.NEW, stats.accept(5, 30_001));
        assertEquals(ReceiveStatistics.NEW, stats.accept(5, 30_002));
        assertEquals(30_002, stats.extendedHighest());
    }

    @Test
    public void jitterFollowsRfc3550() {
        // packets every 160 units, arriving alternately 0 and 80 units late: |D| = 80 each time
        for (int i = 0; i < 200; i++) {
            stats.accept(5, i);
            stats.arrival(i * 160L + (i % 2) * 80, i * 160);
        }
        assertEquals(80, stats.jitter(), 1);
    }
}
