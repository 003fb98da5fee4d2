package org.callpost.media.internal.dtmf;

import org.callpost.api.media.Dtmf;

/**
 * Sends key presses as RFC 4733 telephone-events, one update packet per packet interval: all
 * packets of a press carry its start timestamp, the first has the marker bit, each update
 * carries the duration so far, and the last is sent three times with the end bit and the full
 * duration. Keys wait in a small queue; presses are spaced by a pause.
 */
public final class TelephoneEventSender {
    private static final int QUEUE = 64;
    private static final int END_PACKETS = 3;

    private final char[] keys = new char[QUEUE];
    private final int[] durations = new int[QUEUE];
    private int head;
    private int size;

    private int state; // 0 idle, 1 tone, 2 end packets, 3 pause
    private int event;
    private int total;
    private int elapsed;
    private int endsSent;
    private int startTimestamp;
    private int pauseLeft;

    /** What {@link #next} produced for this interval. */
    public int packetTimestamp;
    public boolean packetMarker;

    /** Queues one key; returns false when the queue is full. Thread-confined like the session. */
    public boolean queue(char key, int durationSamples) {
        if (size == QUEUE || Dtmf.event(key) < 0) {
            return false;
        }
        keys[(head + size) % QUEUE] = key;
        durations[(head + size) % QUEUE] = Math.min(durationSamples, 0xFFFF);
        size++;
        return true;
    }

    /** Whether keys are being or waiting to be sent. */
    public boolean busy() {
        return state != 0 || size > 0;
    }

    /**
     * Advances by one packet interval. When a telephone-event packet is due, writes its 4-byte
     * payload at {@code out[offset]}, sets {@link #packetTimestamp} and {@link #packetMarker},
     * and returns 4; returns 0 when no event packet goes out in this interval.
     *
     * @param timestamp the RTP timestamp of this interval's audio
     */
    public int next(int timestamp, int intervalSamples, int pauseSamples, byte[] out, int offset) {
        switch (state) {
            case 0:
                if (size == 0) {
                    return 0;
                }
                event = Dtmf.event(keys[head]);
                total = Math.max(durations[head], intervalSamples);
                head = (head + 1) % QUEUE;
                size--;
                startTimestamp = timestamp;
                elapsed = intervalSamples;
                packetMarker = true;
                if (elapsed >= total) {
                    state = 2;
                    endsSent = 1;
                    return write(true, total, out, offset);
                }
                state = 1;
                return write(false, elapsed, out, offset);
            case 1:
                packetMarker = false;
                elapsed += intervalSamples;
                if (elapsed >= total) {
                    state = 2;
                    endsSent = 1;
                    return write(true, total, out, offset);
                }
                return write(false, elapsed, out, offset);
            case 2:
                packetMarker = false;
                endsSent++;
                if (endsSent == END_PACKETS) {
                    state = 3;
                    pauseLeft = pauseSamples;
                }
                return write(true, total, out, offset);
            default:
                pauseLeft -= intervalSamples;
                if (pauseLeft <= 0) {
                    state = 0;
                }
                return 0;
        }
    }

    private int write(boolean end, int duration, byte[] out, int offset) {
        packetTimestamp = startTimestamp;
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | 10); // volume -10 dBm0
        out[offset + 2] = (byte) (duration >>> 8);
        out[offset + 3] = (byte) duration;
        return 4;
    }
}
