package org.callpost.media.internal.rtp;

/**
 * What RFC 3550 asks a receiver to track about one sender: extended highest sequence number with
 * wrap-around (appendix A.1), cumulative and interval loss, duplicates, and interarrival jitter
 * (appendix A.8). The figures go into our receiver reports and the session statistics.
 */
public final class ReceiveStatistics {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    /** Bit i set: extended sequence (highest - i) has been seen; finds duplicates. */
    private long seenWindow;
    private long duplicates;
    /** Loss counted for earlier senders of this session. */
    private long lostBefore;

    private boolean haveTransit;
    private long lastTransit;
    private double jitter;

    /** Verdicts of {@link #accept}. */
    public static final int NEW = 0;
    public static final int DUPLICATE = 1;
    /** A sequence jump too large to believe yet (RFC 3550 A.1 "bad_seq"): dropped. */
    public static final int JUMP = 2;

    public long ssrc() {
        return ssrc;
    }

    public boolean started() {
        return started;
    }

    /** Starts over for a new sender (an SSRC change): counters keep going, sequence restarts. */
    public void restart(long newSsrc, int seq) {
        if (started) {
            lostBefore += lost();
        }
        ssrc = newSsrc;
        started = true;
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        badSeq = SEQ_MOD + 1;
        seenWindow = 1;
        haveTransit = false;
        // keep cumulative figures continuous across senders
        received = 1;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** Records one packet's sequence number; tells whether it is new, a duplicate or a jump. */
    public int accept(long packetSsrc, int seq) {
        if (!started || packetSsrc != ssrc) {
            restart(packetSsrc, seq);
            return NEW;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta == 0) {
            duplicates++;
            return DUPLICATE;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            seenWindow = delta >= 64 ? 1 : (seenWindow << delta) | 1;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restart(packetSsrc, seq); // the sender restarted its sequence: follow it
                return NEW;
            }
            badSeq = (seq + 1) & 0xFFFF;
            return JUMP;
        } else {
            int back = SEQ_MOD - delta; // an older packet arriving late or twice
            if (back < 64) {
                long bit = 1L << back;
                if ((seenWindow & bit) != 0) {
                    duplicates++;
                    return DUPLICATE;
                }
                seenWindow |= bit;
            }
        }
        received++;
        return NEW;
    }

    /**
     * Updates the jitter estimate (RFC 3550 A.8).
     *
     * @param arrivalUnits the arrival time in RTP timestamp units
     * @param rtpTimestamp the packet's timestamp
     */
    public void arrival(long arrivalUnits, int rtpTimestamp) {
        long transit = arrivalUnits - (rtpTimestamp & 0xFFFFFFFFL);
        if (haveTransit) {
            long d = transit - lastTransit;
            // a wrapped timestamp makes d huge once: ignore that sample
            if (Math.abs(d) < 1L << 30) {
                jitter += (Math.abs(d) - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public long extendedHighest() {
        return cycles + maxSeq;
    }

    public long expected() {
        return started ? extendedHighest() - baseSeq + 1 : 0;
    }

    public long received() {
        return received;
    }

    public long lost() {
        return expected() - received;
    }

    /** Loss over every sender this session has heard. */
    public long lostTotal() {
        return lostBefore + lost();
    }

    public long duplicates() {
        return duplicates;
    }

    /** Jitter in RTP timestamp units. */
    public double jitter() {
        return jitter;
    }

    /** The loss fraction since the last call, in 1/256 (RFC 3550 A.3); starts a new interval. */
    public int fractionLostSinceLastReport() {
        long expectedNow = expected();
        long expectedInterval = expectedNow - expectedPrior;
        expectedPrior = expectedNow;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
