package org.callpost.codec.g711.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.callpost.api.media.CodecChannel;
import org.junit.Test;

/**
 * Checks the codec against G.711 itself: the reference below is written from the recommendation's
 * definition (eight segments of sixteen uniform steps; reconstruction at the middle of each step;
 * A-law even-bit inversion, mu-law bias 33 and full inversion), not from the tables under test.
 */
public class G711ReferenceTest {

    /** A-law code -> 16-bit value: segment 0 and 1 steps are 2 (12-bit units), then doubling. */
    static int refAlawDecode(int code) {
        int ix = code ^ 0x55;
        boolean positive = (ix & 0x80) != 0;
        int seg = (ix >> 4) & 7;
        int q = ix & 15;
        int magnitude12 = seg == 0 ? 2 * q + 1 : (2 * q + 33) << (seg - 1); // step middle
        int value = magnitude12 * 8; // 13-bit signed G.711 scale -> 16 bit
        return positive ? value : -value;
    }

    /** mu-law code -> 16-bit value: biased magnitude (2q+33)*2^seg - 33 in 14-bit units. */
    static int refUlawDecode(int code) {
        int u = ~code & 0xFF;
        boolean negative = (u & 0x80) != 0;
        int seg = (u >> 4) & 7;
        int q = u & 15;
        int magnitude14 = ((2 * q + 33) << seg) - 33;
        int value = magnitude14 * 4;
        return negative ? -value : value;
    }

    /** The A-law code for a 16-bit sample: the step whose decision interval holds its magnitude. */
    static int refAlawEncode(int pcm) {
        boolean positive = pcm >= 0;
        int magnitude12 = (positive ? pcm : -pcm - 1) >> 3; // G.191: one's complement for negatives
        int seg = 0;
        while (seg < 7 && magnitude12 >= (32 << seg)) {
            seg++;
        }
        int q = seg == 0 ? magnitude12 / 2 : (magnitude12 - (16 << seg)) / (1 << seg);
        int code = (positive ? 0x80 : 0) | seg << 4 | Math.min(q, 15);
        return code ^ 0x55;
    }

    static int refUlawEncode(int pcm) {
        boolean negative = pcm < 0;
        int magnitude14 = Math.min((negative ? -pcm - 1 : pcm) >> 2, 8158);
        int biased = magnitude14 + 33;
        int seg = 0;
        while (seg < 7 && biased >= (64 << seg)) {
            seg++;
        }
        int q = (biased - (32 << seg)) / (2 << seg);
        int code = (negative ? 0x80 : 0) | seg << 4 | Math.min(q, 15);
        return ~code & 0xFF;
    }

    @Test
    public void aLawDecodesAll256CodesAsG711Defines() {
        for (int code = 0; code < 256; code++) {
            assertEquals("A-law code " + code, refAlawDecode(code), G711.ALAW_DECODE[code]);
        }
    }

    @Test
    public void muLawDecodesAll256CodesAsG711Defines() {
        for (int code = 0; code < 256; code++) {
            assertEquals("mu-law code " + code, refUlawDecode(code), G711.ULAW_DECODE[code]);
        }
    }

    @Test
    public void aLawEncodesEverySampleAsG711Defines() {
        for (int pcm = -32768; pcm <= 32767; pcm++) {
            assertEquals("A-law of " + pcm, refAlawEncode(pcm), G711.ALAW_ENCODE[pcm & 0xFFFF] & 0xFF);
        }
    }

    @Test
    public void muLawEncodesEverySampleAsG711Defines() {
        for (int pcm = -32768; pcm <= 32767; pcm++) {
            assertEquals("mu-law of " + pcm, refUlawEncode(pcm), G711.ULAW_ENCODE[pcm & 0xFFFF] & 0xFF);
        }
    }

    @Test
    public void everyCodeSurvivesTheRoundTrip() {
        for (int code = 0; code < 256; code++) {
            assertEquals(code, G711.ALAW_ENCODE[G711.ALAW_DECODE[code] & 0xFFFF] & 0xFF);
            // mu-law has two zeros (0x7F, 0xFF); the encoder sends positive zero
            int expected = code == 0x7F ? 0xFF : code;
            assertEquals(expected, G711.ULAW_ENCODE[G711.ULAW_DECODE[code] & 0xFFFF] & 0xFF);
        }
    }

    @Test
    public void knownCodewordsFromTheRecommendation() {
        // A-law: 0xD5 is the smallest positive step, 0x2A the most negative value -32256
        assertEquals(8, G711.ALAW_DECODE[0xD5]);
        assertEquals(-32256, G711.ALAW_DECODE[0x2A]);
        assertEquals(0xD5, G711.ALAW_ENCODE[0] & 0xFF);
        // mu-law: 0xFF is zero, 0x80 is +32124, 0x00 is -32124
        assertEquals(0, G711.ULAW_DECODE[0xFF]);
        assertEquals(32124, G711.ULAW_DECODE[0x80]);
        assertEquals(-32124, G711.ULAW_DECODE[0x00]);
    }

    @Test
    public void channelsCodeFramesAndConcealLossWithAFade() {
        CodecChannel channel = new PcmaCodecProvider().newChannel();
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        byte[] payload = new byte[160];
        assertEquals(160, channel.encode(pcm, 0, 160, payload, 0));
        short[] decoded = new short[160];
        assertEquals(160, channel.decode(payload, 0, 160, decoded, 0, 160));
        for (int i = 0; i < 160; i++) {
            assertTrue(Math.abs(decoded[i] - pcm[i]) <= 8000 / 16);
        }
        short[] concealed = new short[800];
        channel.conceal(concealed, 0, 800);
        assertTrue("concealment continues the sound", energy(concealed, 0, 80) > 1_000_000);
        assertEquals("and fades to silence", 0, energy(concealed, 480, 320), 0);
    }

    /** Concealment repeats the last 5 ms heard (40 samples), oldest first, fading over 60 ms. */
    @Test
    public void concealmentRepeatsTheLastFiveMillisecondsHeardWithAFade() {
        CodecChannel channel = new PcmuCodecProvider().newChannel();
        byte[] frame = new byte[160];
        byte[] small = new byte[10]; // a packet shorter than the 40 samples kept
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 7);
        }
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) (100 + i * 13);
        }
        short[] heard = new short[170];
        channel.decode(frame, 0, 160, heard, 0, 160);
        channel.decode(small, 0, 10, heard, 160, 10);
        short[] concealed = new short[100];
        channel.conceal(concealed, 0, 100);
        for (int i = 0; i < 100; i++) {
            short repeated = heard[130 + i % 40]; // the last 40 of the 170 heard, looped
            assertEquals("sample " + i, (short) (repeated * (480 - i) / 480), concealed[i]);
        }
    }

    private static double energy(short[] pcm, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += pcm[i] * (double) pcm[i];
        }
        return sum / length;
    }
}
