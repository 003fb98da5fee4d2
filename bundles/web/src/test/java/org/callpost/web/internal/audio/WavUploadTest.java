package org.callpost.web.internal.audio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.Test;

public class WavUploadTest {
    private static final Duration MAX = Duration.ofSeconds(120);

    /** A WAV of a tone in every channel, samples of {@code bits} (PCM), optionally as WAVE_FORMAT_EXTENSIBLE. */
    static byte[] tone(int rate, int channels, int bits, double hz, double seconds, double amplitude, boolean extensible) {
        int frames = (int) (rate * seconds);
        int bytesPerSample = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * f / rate);
            for (int c = 0; c < channels; c++) {
                long max = (1L << (bits - 1)) - 1;
                long s = Math.round(v * max);
                switch (bits) {
                    case 8 -> data.put((byte) (s + 128));
                    case 16 -> data.putShort((short) s);
                    case 24 -> data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    default -> data.putInt((int) s);
                }
            }
        }
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer h = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46464952).putInt(4 + 8 + fmtSize + 8 + 4 + 8 + data.capacity()).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : 1)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytesPerSample).putShort((short) (channels * bytesPerSample))
                .putShort((short) bits);
        if (extensible) {
            h.putShort((short) 22).putShort((short) bits).putInt(3).putShort((short) 1).put(new byte[14]);
        }
        h.putInt(0x5453494c).putInt(4).put("INFO".getBytes(StandardCharsets.US_ASCII)); // a LIST chunk to skip
        h.putInt(0x61746164).putInt(data.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** The power of a frequency in a signal (Goertzel), normalised to the signal's length. */
    static double power(double[] x, int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / ((double) x.length * x.length);
    }

    @Test
    public void cdQualityStereoBecomes8kHzMonoAndA1kHzToneKeepsItsFrequency() throws Exception {
        byte[] out = WavUpload.convert(tone(44100, 2, 16, 1000, 2.0, 0.5, false), MAX);
        PcmWav wav = PcmWav.read(out);
        assertEquals(8000, wav.sampleRate());
        assertEquals(1, wav.channels());
        assertEquals(16, wav.bitsPerSample());
        assertEquals(44 + 16000 * 2, out.length);
        assertEquals(2.0, wav.seconds(), 0.001);
        double[] s = wav.samples()[0];
        double at1k = power(s, 8000, 1000);
        assertTrue("the tone is at 1 kHz: " + at1k + " vs 900 Hz " + power(s, 8000, 900),
                at1k > 100 * power(s, 8000, 900) && at1k > 100 * power(s, 8000, 1100));
        // amplitude kept: a sine of 0.5 has RMS 0.354
        double rms = Math.sqrt(java.util.Arrays.stream(s, 200, s.length - 200).map(v -> v * v).average().orElse(0));
        assertEquals(0.354, rms, 0.01);
        assertEquals(2.0, PcmWav.seconds(java.util.Arrays.copyOf(out, 100), out.length), 0.001);
    }

    @Test
    public void aToneAboveTheTelephoneBandIsFilteredNotFoldedBack() throws Exception {
        // 6 kHz at 44.1 kHz would alias to 2 kHz if samples were only dropped
        double[] s = PcmWav.read(WavUpload.convert(tone(44100, 1, 16, 6000, 1.0, 0.5, false), MAX)).samples()[0];
        double rms = Math.sqrt(java.util.Arrays.stream(s, 200, s.length - 200).map(v -> v * v).average().orElse(0));
        assertTrue("6 kHz is removed, rms " + rms, rms < 0.005);
    }

    @Test
    public void otherSampleSizesRatesAndTheExtensibleHeaderAreRead() throws Exception {
        for (int bits : new int[] {8, 16, 24, 32}) {
            for (int rate : new int[] {8000, 11025, 16000, 48000}) {
                PcmWav wav = PcmWav.read(WavUpload.convert(tone(rate, 1, bits, 1000, 0.5, 0.5, bits == 24), MAX));
                double[] s = wav.samples()[0];
                assertEquals(bits + "-bit " + rate + " Hz", 4000, s.length, 1);
                assertTrue(bits + "-bit " + rate + " Hz", power(s, 8000, 1000) > 100 * power(s, 8000, 1500));
            }
        }
    }

    @Test
    public void upsamplingWorksToo() throws Exception {
        PcmWav wav = PcmWav.read(WavUpload.convert(tone(6000, 1, 16, 440, 1.0, 0.5, false), MAX));
        assertEquals(8000, wav.frames(), 1);
        assertTrue(power(wav.samples()[0], 8000, 440) > 100 * power(wav.samples()[0], 8000, 600));
    }

    @Test
    public void whatIsNotAPcmWavIsRefusedSayingWhatItIs() {
        refused("ID3\u0003 some mp3".getBytes(StandardCharsets.ISO_8859_1), "MP3");
        refused("OggS............".getBytes(StandardCharsets.ISO_8859_1), "Ogg");
        refused(new byte[3], "too short");
        byte[] floats = tone(8000, 1, 32, 1000, 0.1, 0.5, false);
        floats[20] = 3; // format 3: IEEE float
        refused(floats, "floating point");
        byte[] surround = tone(8000, 1, 16, 1000, 0.1, 0.5, false);
        surround[22] = 6;
        refused(surround, "6 channels");
        byte[] noData = java.util.Arrays.copyOf(tone(8000, 1, 16, 1000, 0.1, 0.5, false), 36);
        refused(noData, "no audio");
    }

    private static void refused(byte[] body, String says) {
        try {
            WavUpload.convert(body, MAX);
            fail("accepted: " + says);
        } catch (PcmWav.NotReadable e) {
            assertTrue(e.getMessage(), e.getMessage().contains(says));
            assertTrue(e.getMessage(), e.getMessage().contains("PCM WAV"));
        } catch (WavUpload.TooLong e) {
            fail(e.getMessage());
        }
    }

    @Test(expected = WavUpload.TooLong.class)
    public void aGreetingLongerThanTheLimitIsRefused() throws Exception {
        WavUpload.convert(tone(8000, 1, 16, 1000, 3.0, 0.5, false), Duration.ofSeconds(2));
    }
}
