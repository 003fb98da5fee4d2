package org.callpost.media.internal;

/**
 * How late each of a session's packets left against its ideal packet-interval grid: a fixed
 * histogram (10 µs buckets up to 2 ms, where the target is, then 100 µs buckets up to 20 ms) so
 * recording a packet allocates nothing and the 99th percentile is cheap to read.
 */
public final class SendTiming {
    static final int FINE_MICROS = 10;
    static final int FINE_UP_TO_MICROS = 2_000;
    static final int COARSE_MICROS = 100;
    static final int COARSE_UP_TO_MICROS = 20_000;
    private static final int FINE = FINE_UP_TO_MICROS / FINE_MICROS;
    /** The last bucket holds everything from 20 ms on. */
    static final int BUCKETS = FINE + (COARSE_UP_TO_MICROS - FINE_UP_TO_MICROS) / COARSE_MICROS;

    /** Packets per bucket (1.5 KB a session; it was 8 KB with 10 µs all the way); sums saturate. */
    private final int[] counts = new int[BUCKETS + 1];
    private long total;
    private long maxMicros;

    /** Records one packet sent {@code deviationNanos} after (or before) its due time. */
    public void record(long deviationNanos) {
        long micros = Math.abs(deviationNanos) / 1000;
        int bucket = micros < FINE_UP_TO_MICROS ? (int) (micros / FINE_MICROS)
                : (int) Math.min(BUCKETS, FINE + (micros - FINE_UP_TO_MICROS) / COARSE_MICROS);
        if (counts[bucket] != Integer.MAX_VALUE) {
            counts[bucket]++;
        }
        total++;
        if (micros > maxMicros) {
            maxMicros = micros;
        }
    }

    /** Adds another histogram (to sum many sessions). */
    public void add(SendTiming other) {
        for (int i = 0; i <= BUCKETS; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE, (long) counts[i] + other.counts[i]);
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    /** The deviation in µs that {@code fraction} (e.g. 0.99) of packets stayed within. */
    public long percentileMicros(double fraction) {
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return i == BUCKETS ? maxMicros : upperMicros(i);
            }
        }
        return maxMicros;
    }

    /** The deviation just above bucket {@code i}. */
    private static long upperMicros(int i) {
        return i < FINE ? (long) (i + 1) * FINE_MICROS : FINE_UP_TO_MICROS + (long) (i + 1 - FINE) * COARSE_MICROS;
    }

    public long maxMicros() {
        return maxMicros;
    }

    public long packets() {
        return total;
    }

    /** What was recorded after {@code earlier} (an older copy of the same histogram). */
    public SendTiming since(SendTiming earlier) {
        SendTiming diff = copy();
        for (int i = 0; i <= BUCKETS; i++) {
            diff.counts[i] -= earlier.counts[i];
        }
        diff.total -= earlier.total;
        return diff;
    }

    /** A copy, taken on the clock thread. */
    public SendTiming copy() {
        SendTiming copy = new SendTiming();
        copy.add(this);
        return copy;
    }
}
