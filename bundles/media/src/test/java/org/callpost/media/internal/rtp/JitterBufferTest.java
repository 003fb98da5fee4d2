package org.callpost.media.internal.rtp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.callpost.api.media.CodecChannel;
import org.junit.Test;

/** The jitter buffer's cases, with a marker "codec" whose concealment writes a known value. */
public class JitterBufferTest {
    private static final short CONCEALED = -1;
    private static final int FRAME = 160;
    private static final int DELAY = 480;

    /** Concealment is the only codec call the buffer makes; mark it so tests can see it. */
    private final CodecChannel marker = new CodecChannel() {
        @Override
        public int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int samples) {
            java.util.Arrays.fill(pcm, pcmOffset, pcmOffset + samples, CONCEALED);
            return samples;
        }
    };

    private final JitterBuffer buffer = new JitterBuffer(DELAY);

    /** A frame whose every sample is its frame number + 1, so the playout order is visible. */
    private static short[] frame(int number) {
        short[] pcm = new short[FRAME];
        java.util.Arrays.fill(pcm, (short) (number + 1));
        return pcm;
    }

    private void put(long ssrc, int ts, int number) {
        assertEquals(JitterBuffer.PLACED, buffer.put(ssrc, ts, frame(number), 0, FRAME));
    }

    /** Plays {@code frames} frames and returns the first sample of each (0 silence, -1 concealed). */
    private int[] play(int frames) {
        int[] firsts = new int[frames];
        short[] out = new short[FRAME];
        for (int i = 0; i < frames; i++) {
            assertTrue(buffer.take(out, FRAME, marker));
            firsts[i] = out[0];
            for (short s : out) {
                assertEquals("a frame plays whole", out[0], s);
            }
        }
        return firsts;
    }

    @Test
    public void nothingPlaysUntilTheDelayHasFilled() {
        short[] out = new short[FRAME];
        assertFalse(buffer.take(out, FRAME, marker));
        put(1, 0, 0);
        put(1, 160, 1);
        assertFalse(buffer.take(out, FRAME, marker));
        put(1, 320, 2);
        assertTrue(buffer.take(out, FRAME, marker));
        assertEquals(1, out[0]);
    }

    @Test
    public void reorderedPacketsPlayInOrder() {
        int base = 1000;
        int[] order = {0, 2, 1, 3, 5, 4, 6, 7};
        for (int n : order) {
            put(7, base + n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, play(8));
    }

    @Test
    public void duplicatesPlayOnce() {
        for (int n = 0; n < 4; n++) {
            put(7, n * FRAME, n);
            put(7, n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 0}, play(5));
    }

    @Test
    public void aLostPacketIsConcealedAndTheEndOfSpeechIsSilence() {
        for (int n : new int[] {0, 1, 3, 4}) {
            put(7, n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, CONCEALED, 4, 5, 0, 0}, play(7));
        assertEquals(FRAME, buffer.concealedSamples());
    }

    @Test
    public void timestampsWrapAround() {
        int start = -2 * FRAME; // 0xFFFFFEC0: the third frame crosses 2^32
        for (int n = 0; n < 6; n++) {
            put(7, start + n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, play(6));
    }

    @Test
    public void aLatePacketIsCountedNotPlayed() {
        for (int n : new int[] {0, 1, 2, 4, 5, 6}) {
            put(7, n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, 3, CONCEALED}, play(4));
        assertEquals(JitterBuffer.LATE, buffer.put(7, 3 * FRAME, frame(3), 0, FRAME));
        assertEquals(1, buffer.late());
        assertArrayEquals(new int[] {5, 6, 7}, play(3));
    }

    @Test
    public void aNewSsrcContinuesAfterWhatIsBuffered() {
        for (int n = 0; n < 4; n++) {
            put(7, n * FRAME, n);
        }
        assertArrayEquals(new int[] {1}, play(1));
        // the far end switches streams (a transfer, a PBX re-anchoring media): unrelated timestamps
        for (int n = 0; n < 3; n++) {
            put(99, 123_456 + n * FRAME, 10 + n);
        }
        assertArrayEquals(new int[] {2, 3, 4, 11, 12, 13, 0}, play(7));
        assertEquals(1, buffer.reanchors());
    }

    @Test
    public void aBurstAfterAStallIsKeptNotThrownAway() {
        for (int n = 0; n < 3; n++) {
            put(7, n * FRAME, n);
        }
        assertArrayEquals(new int[] {1, 2, 3, 0, 0, 0, 0, 0}, play(8)); // the network stalls
        // then 5 packets arrive at once, all older than the playout point
        for (int n = 3; n < 8; n++) {
            buffer.put(7, n * FRAME, frame(n), 0, FRAME);
        }
        int[] after = play(9);
        int[] tail = java.util.Arrays.copyOfRange(after, after.length - 6, after.length);
        assertArrayEquals(new int[] {4, 5, 6, 7, 8, 0}, tail);
    }

    @Test
    public void aBurstAheadOfTimeIsAllPlayed() {
        for (int n = 0; n < 40; n++) { // 800 ms arriving at once
            put(7, n * FRAME, n);
        }
        int[] played = play(40);
        for (int n = 0; n < 40; n++) {
            assertEquals(n + 1, played[n]);
        }
    }

    @Test
    public void comfortNoiseMeansSilenceNotLoss() {
        put(7, 0, 0);
        put(7, FRAME, 1);
        buffer.putComfortNoise(7, 2 * FRAME);
        put(7, 5 * FRAME, 5);
        assertArrayEquals(new int[] {1, 2, 0, 0, 0, 6}, play(6));
        assertEquals(0, buffer.concealedSamples());
    }

    @Test
    public void packetsOfOtherSizesFillTheTimeline() {
        short[] thirty = new short[240]; // a far end with 30 ms packets
        for (int n = 0; n < 4; n++) {
            java.util.Arrays.fill(thirty, (short) (n + 1));
            buffer.put(7, n * 240, thirty, 0, 240);
        }
        short[] out = new short[FRAME];
        for (int i = 0; i < 7; i++) {
            buffer.take(out, FRAME, marker);
            int at = i * FRAME;
            assertEquals(at < 960 ? at / 240 + 1 : 0, out[0]);
            assertEquals(at + 159 < 960 ? (at + 159) / 240 + 1 : 0, out[159]);
        }
    }
    /**
     * Packets of odd sizes, reordered, some lost, some late, across 64-sample words and the ring's
     * end (the ring is copied a stretch at a time): every sample that arrived in time plays at its
     * time, a hole with later audio is concealed, one without is silence, and a packet partly
     * played out already keeps only its unplayed part.
     */
    @Test
    public void oddSizesAcrossTheRingsEndPlaySampleBySample() {
        JitterBuffer small = new JitterBuffer(100, 1024);
        java.util.Random random = new java.util.Random(7);
        int start = -5000; // any timestamp: the timeline wraps the ring many times
        int[] sizes = new int[500];
        int[] at = new int[sizes.length];
        int total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + random.nextInt(90);
            at[i] = total;
            total += sizes[i];
        }
        short[] expected = new short[total];
        boolean[] arrived = new boolean[total];
        short[] pcm = new short[100];
        short[] out = new short[77];
        java.util.List<Integer> sendNow = new java.util.ArrayList<>();
        java.util.List<Integer> delayed = new java.util.ArrayList<>();
        int played = 0;
        int newestEnd = 0;
        int next = 0;
        int lost = 0;
        int lateSamples = 0;
        while (played + out.length <= total) {
            // what is due up to 150 samples ahead; from the first take on, pairs swapped, about
            // 5 % lost and 4 % a frame late
            sendNow.addAll(delayed);
            delayed.clear();
            while (next < sizes.length && at[next] < played + 150) {
                sendNow.add(next++);
            }
            if (played > 0) {
                for (int k = 0; k + 1 < sendNow.size(); k += 2) {
                    if (random.nextBoolean()) {
                        java.util.Collections.swap(sendNow, k, k + 1);
                    }
                }
            }
            for (int packet : sendNow) {
                if (played > 0 && random.nextInt(20) == 0) {
                    lost++;
                    continue;
                }
                if (played > 0 && random.nextInt(25) == 0 && !delayed.contains(packet)
                        && at[packet] + sizes[packet] > played + out.length) {
                    delayed.add(packet); // goes after the next take, partly or wholly late
                    continue;
                }
                for (int s = 0; s < sizes[packet]; s++) {
                    pcm[s] = (short) (1 + (at[packet] + s) % 30_000);
                }
                small.put(9, start + at[packet], pcm, 0, sizes[packet]);
                for (int s = 0; s < sizes[packet]; s++) {
                    if (at[packet] + s >= played) {
                        arrived[at[packet] + s] = true;
                        expected[at[packet] + s] = pcm[s];
                    } else {
                        lateSamples++;
                    }
                }
                newestEnd = Math.max(newestEnd, at[packet] + sizes[packet]);
            }
            sendNow.clear();
            assertTrue(small.take(out, out.length, marker));
            for (int s = 0; s < out.length; s++) {
                int time = played + s;
                short wanted = arrived[time] ? expected[time] : time < newestEnd ? CONCEALED : 0;
                assertEquals("sample at " + time, wanted, out[s]);
            }
            played += out.length;
        }
        assertTrue("lost " + lost + ", late samples " + lateSamples, lost > 10 && lateSamples > 0);
        assertTrue(small.concealedSamples() > 0);
    }
}
