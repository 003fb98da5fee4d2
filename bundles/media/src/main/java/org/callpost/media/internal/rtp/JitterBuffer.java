package org.callpost.media.internal.rtp;

import org.callpost.api.media.CodecChannel;

/**
 * Puts the caller's audio back in time order for the recorder and the tone detectors. Decoded
 * samples are placed in a ring by RTP timestamp, so reordered packets, duplicates, packets of any
 * size and timestamp wrap-around need no special cases; playout runs a fixed delay behind the
 * newest audio. A hole that later audio has already passed is a lost packet and is concealed by
 * the codec; a hole at the end means the caller's phone sent nothing (silence, DTX) and plays as
 * silence. A new SSRC or a timestamp jump re-anchors the timeline after what is still buffered,
 * so nothing already received is dropped.
 * <p>
 * A recording uses one too, with a small delay but driven a second behind the call's
 * playout (see RtpSession): it needs no real-time deadline, so audio that arrives late, in a
 * burst or out of order still lands in its place, and only what never arrived is silence.
 */
public final class JitterBuffer {
    /** 2 s at 8 kHz: room for a long burst. A power of two so positions are a mask. */
    static final int CAPACITY = 1 << 14;

    private final int capacity;
    private final int mask;
    private final short[] ring;
    /** Which ring positions hold received audio, one bit each (a boolean[] would be 16 KB a call). */
    private final long[] filled;
    private final int delaySamples;

    private boolean anchored;
    /** Whether audio has been placed since {@link #anchor}: until then any audio starts the timeline. */
    private boolean received;
    private boolean playing;
    private long ssrc;
    /** Internal timeline position = RTP timestamp + offset. */
    private int offset;
    /** Next position to play out. */
    private int cursor;
    /** Position just past the newest audio received. */
    private int newestEnd;
    private boolean comfortNoise;
    private int comfortNoiseFrom;

    private long late;
    private long concealedSamples;
    private long reanchors;

    /** Packet verdicts. */
    public static final int PLACED = 0;
    public static final int LATE = 1;

    /**
     * @param delaySamples how far playout runs behind the newest audio; covers network jitter
     */
    public JitterBuffer(int delaySamples) {
        this(delaySamples, CAPACITY);
    }

    /** @param capacity samples the ring holds, a power of two of at least 1024 */
    public JitterBuffer(int delaySamples, int capacity) {
        if (capacity < 1024 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("jitter buffer capacity not a power of two >= 1024: " + capacity);
        }
        if (delaySamples <= 0 || delaySamples > capacity / 2) {
            throw new IllegalArgumentException("jitter buffer delay out of range: " + delaySamples);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.ring = new short[capacity];
        this.filled = new long[capacity / 64];
        this.delaySamples = delaySamples;
    }

    /**
     * Places decoded audio.
     *
     * @return {@link #PLACED} or {@link #LATE} (its time has already been played out)
     */
    public int put(long packetSsrc, int rtpTimestamp, short[] pcm, int pcmOffset, int samples) {
        if (samples <= 0 || samples > capacity / 2) {
            return LATE;
        }
        int ts = position(packetSsrc, rtpTimestamp, samples);
        if (ts - cursor + samples <= 0) {
            late++;
            return LATE;
        }
        if (comfortNoise) {
            // the stretch since the comfort-noise packet was silence on purpose, not loss
            fillSilence(comfortNoiseFrom, ts);
            comfortNoise = false;
        }
        int skip = ts - cursor < 0 ? cursor - ts : 0; // the start of it is already played out
        store(ts + skip, pcm, pcmOffset + skip, samples - skip);
        if (ts + samples - newestEnd > 0) {
            newestEnd = ts + samples;
        }
        return PLACED;
    }

    /** A comfort-noise packet (payload type 13): the caller is silent from this timestamp on. */
    public void putComfortNoise(long packetSsrc, int rtpTimestamp) {
        int ts = position(packetSsrc, rtpTimestamp, 0);
        if (ts - cursor >= 0) {
            comfortNoise = true;
            comfortNoiseFrom = ts;
            if (ts - newestEnd > 0) {
                newestEnd = ts;
            }
        }
    }

    /** Maps a packet to the internal timeline, anchoring or re-anchoring when needed. */
    private int position(long packetSsrc, int rtpTimestamp, int samples) {
        if (!anchored) {
            anchored = true;
            received = true;
            ssrc = packetSsrc;
            offset = 0;
            cursor = rtpTimestamp;
            newestEnd = rtpTimestamp;
            return rtpTimestamp;
        }
        int ts = rtpTimestamp + offset;
        boolean newSender = packetSsrc != ssrc;
        boolean tooFarAhead = ts - cursor > capacity - delaySamples - samples;
        // late but newer than anything received: the network stalled and the sender caught up;
        // move the timeline instead of throwing the burst away
        boolean stalled = ts - cursor + samples <= 0 && (ts - newestEnd >= 0 || !received);
        received = true;
        // far behind anything plausible: the sender restarted its timestamps
        boolean jumpedBack = ts - cursor < -capacity;
        if (newSender || tooFarAhead || stalled || jumpedBack) {
            ssrc = packetSsrc;
            int placeAt = newestEnd - cursor > 0 ? newestEnd : cursor;
            if (playing) {
                placeAt = Math.max(0, placeAt - cursor) >= delaySamples ? placeAt : cursor + delaySamples;
                fillSilence(newestEnd - cursor > 0 ? newestEnd : cursor, placeAt);
            }
            offset = placeAt - rtpTimestamp;
            comfortNoise = false;
            reanchors++;
            return placeAt;
        }
        return ts;
    }

    private void fillSilence(int from, int to) {
        if (from - cursor < 0) {
            from = cursor;
        }
        int length = to - from;
        if (length <= 0 || length > capacity) {
            return;
        }
        int p = from & mask;
        int first = Math.min(length, capacity - p);
        java.util.Arrays.fill(ring, p, p + first, (short) 0);
        mark(p, first);
        if (first < length) {
            java.util.Arrays.fill(ring, 0, length - first, (short) 0);
            mark(0, length - first);
        }
    }

    /** Copies samples to timeline position {@code at} on: one or two stretches of the ring. */
    private void store(int at, short[] pcm, int from, int n) {
        int p = at & mask;
        int first = Math.min(n, capacity - p);
        System.arraycopy(pcm, from, ring, p, first);
        mark(p, first);
        if (first < n) {
            System.arraycopy(pcm, from + first, ring, 0, n - first);
            mark(0, n - first);
        }
    }

    /** Marks ring positions {@code p} to {@code p + n - 1} (no wrap) filled, a word at a time. */
    private void mark(int p, int n) {
        for (int end = p + n; p < end;) {
            int bit = p & 63;
            int take = Math.min(64 - bit, end - p);
            filled[p >>> 6] |= bits(bit, take);
            p += take;
        }
    }

    /** Marks ring positions {@code p} to {@code p + n - 1} (no wrap) played out. */
    private void clear(int p, int n) {
        for (int end = p + n; p < end;) {
            int bit = p & 63;
            int take = Math.min(64 - bit, end - p);
            filled[p >>> 6] &= ~bits(bit, take);
            p += take;
        }
    }

    /** How many positions from {@code p} on (at most {@code limit}, no wrap) are filled, in a row. */
    private int filledRun(int p, int limit) {
        int n = 0;
        while (n < limit) {
            int q = p + n;
            int bit = q & 63;
            // the filled bits from q on are the low ones; the shift brings in zeros, so this stops
            // at the word's end
            int run = Long.numberOfTrailingZeros(~(filled[q >>> 6] >>> bit)); // at most 64 - bit
            n += Math.min(run, limit - n);
            if (run < 64 - bit) {
                break;
            }
        }
        return n;
    }

    /** {@code count} one bits from bit {@code from} (count 1..64, from + count <= 64). */
    private static long bits(int from, int count) {
        return (count == 64 ? -1L : (1L << count) - 1) << from;
    }

    /**
     * Starts the timeline at an RTP timestamp before any audio arrives (a recording starting where
     * the call's playout is); does nothing once audio has arrived.
     */
    public void anchor(long packetSsrc, int rtpTimestamp) {
        if (!anchored) {
            anchored = true;
            received = false;
            ssrc = packetSsrc;
            offset = 0;
            cursor = rtpTimestamp;
            newestEnd = rtpTimestamp;
        }
    }

    /** Whether any audio has arrived (or {@link #anchor} was called). */
    public boolean anchored() {
        return anchored;
    }

    /** The RTP timestamp of the next sample to play out (valid once {@link #anchored}). */
    public int playoutTimestamp() {
        return cursor - offset;
    }

    /** The SSRC of the audio last placed. */
    public long ssrc() {
        return ssrc;
    }

    /**
     * Puts every received sample not yet played out into {@code other} too, by RTP timestamp: a
     * recording starting now keeps what has already arrived for the time from the playout point on.
     */
    public void copyBufferedTo(JitterBuffer other) {
        int at = cursor;
        while (at - newestEnd < 0) {
            if (!isFilled(at & mask)) {
                at++;
                continue;
            }
            int run = 1;
            while (at + run - newestEnd < 0 && isFilled((at + run) & mask) && ((at + run) & mask) != 0) {
                run++; // a run stops at the ring's end, so it is one stretch of the array
            }
            other.put(ssrc, at - offset, ring, at & mask, run);
            at += run;
        }
    }

    /**
     * Plays out the next {@code samples} samples.
     *
     * @param codec conceals lost audio (a hole with later audio after it); null: silence
     * @return false while no audio has arrived yet (or the first {@code delay} of it is still
     *         filling): there is nothing to play, not even silence
     */
    public boolean take(short[] out, int samples, CodecChannel codec) {
        if (!anchored) {
            return false;
        }
        if (!playing) {
            if (newestEnd - cursor < delaySamples) {
                return false;
            }
            playing = true;
        }
        int i = 0;
        while (i < samples) {
            int at = cursor + i;
            int p = at & mask;
            int whole = filledRun(p, Math.min(samples - i, capacity - p));
            if (whole > 0) {
                System.arraycopy(ring, p, out, i, whole); // the usual case: the whole frame arrived
                clear(p, whole);
                i += whole;
            } else if (at - newestEnd < 0) {
                int run = 1; // a hole with audio after it: lost packets
                while (i + run < samples && !isFilled((at + run) & mask) && at + run - newestEnd < 0) {
                    run++;
                }
                if (codec != null) {
                    codec.conceal(out, i, run);
                } else {
                    java.util.Arrays.fill(out, i, i + run, (short) 0);
                }
                concealedSamples += run;
                i += run;
            } else {
                out[i] = 0; // nothing sent for this time: silence
                i++;
            }
        }
        cursor += samples;
        return true;
    }

    /** Whether audio has started playing out. */
    public boolean playing() {
        return playing;
    }

    /** Samples buffered ahead of the playout point. */
    public int buffered() {
        return Math.max(0, newestEnd - cursor);
    }

    public long late() {
        return late;
    }

    public long concealedSamples() {
        return concealedSamples;
    }

    public long reanchors() {
        return reanchors;
    }

    private boolean isFilled(int p) {
        return (filled[p >>> 6] & 1L << p) != 0;
    }
}
