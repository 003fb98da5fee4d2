package org.callpost.codec.g729.internal;

import static org.junit.Assert.assertEquals;

import java.security.MessageDigest;
import java.util.Random;

import org.callpost.api.media.CodecChannel;
import org.junit.Test;

/**
 * Pins the codec's exact output, sample for sample and bit for bit, on signals and bitstreams
 * built here (no external tools): a chirp, a full-scale square wave and full-scale noise (the
 * saturating paths), random speech frames, the erasure path and comfort noise from random SIDs.
 *
 * <p>The hot loops take shortcuts (plain integer arithmetic where a bound proves the reference's
 * saturating arithmetic cannot saturate, other loop orders, other table layouts) that must not
 * change a single bit; this is what catches one that does. The fingerprints were recorded from the
 * codec before those loops were last reworked and still hold after. A deliberate change to the
 * arithmetic changes them: re-record them then, and say why in the commit.
 */
public class G729FingerprintTest {
    private static final int FRAMES = 600;

    @Test
    public void encoderOutputIsPinned() throws Exception {
        assertEquals("chirp", "f2ff8c9b70846be5", fingerprint(encode(chirp())));
        assertEquals("square", "8b8b81b901b3e7b1", fingerprint(encode(square())));
        assertEquals("noise", "4016c959b6efeda6", fingerprint(encode(noise())));
    }

    @Test
    public void decoderOutputIsPinned() throws Exception {
        assertEquals("chirp", "1c1c52c5c2bc9e18", fingerprint(decode(encode(chirp()), 0)));
        assertEquals("square", "798b51380599181b", fingerprint(decode(encode(square()), 0)));
        assertEquals("random frames", "310b0392b4ed547e", fingerprint(decode(randomFrames(), 0)));
        assertEquals("erasures", "258caeeac6044bcc", fingerprint(decode(encode(chirp()), 7)));
        assertEquals("comfort noise", "2c3e0105c6a8da8e", fingerprint(comfortNoise()));
    }

    /** 100 Hz to 3.8 kHz and back at -6 dBFS. */
    private static short[] chirp() {
        short[] pcm = new short[FRAMES * 80];
        double phase = 0;
        for (int i = 0; i < pcm.length; i++) {
            double t = (double) i / pcm.length;
            double f = 100 + 3700 * (t < 0.5 ? 2 * t : 2 - 2 * t);
            phase += 2 * StrictMath.PI * f / 8000;
            pcm[i] = (short) StrictMath.round(16384 * StrictMath.sin(phase));
        }
        return pcm;
    }

    /** Full-scale square wave, period 46 samples. */
    private static short[] square() {
        short[] pcm = new short[FRAMES * 80];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (((i / 23) & 1) == 0 ? 32767 : -32768);
        }
        return pcm;
    }

    /** Full-scale uniform white noise. */
    private static short[] noise() {
        Random r = new Random(1234);
        short[] pcm = new short[FRAMES * 80];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (r.nextInt(65536) - 32768);
        }
        return pcm;
    }

    private static byte[] encode(short[] pcm) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        byte[] bits = new byte[pcm.length / 8];
        ch.encode(pcm, 0, pcm.length, bits, 0);
        return bits;
    }

    private static byte[] randomFrames() {
        byte[] bits = new byte[FRAMES * 10];
        new Random(4321).nextBytes(bits);
        return bits;
    }

    /** Decodes 10-byte frames one at a time, concealing every {@code erasePeriod}th (0: none). */
    private static short[] decode(byte[] bits, int erasePeriod) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        int frames = bits.length / 10;
        short[] pcm = new short[frames * 80];
        for (int f = 0; f < frames; f++) {
            if (erasePeriod > 0 && f % erasePeriod == erasePeriod - 1) {
                ch.conceal(pcm, f * 80, 80);
            } else {
                ch.decode(bits, f * 10, 10, pcm, f * 80, 80);
            }
        }
        return pcm;
    }

    /** Speech frames, then SIDs with random parameters and DTX gaps, then speech again. */
    private static short[] comfortNoise() {
        CodecChannel ch = new G729CodecProvider().newChannel();
        byte[] speech = encode(chirp());
        Random r = new Random(99);
        byte[] sid = new byte[2];
        short[] pcm = new short[FRAMES * 80];
        for (int f = 0; f < FRAMES; f++) {
            int o = f * 80;
            int phase = (f / 50) % 3;
            if (phase == 0) {
                ch.decode(speech, f * 10, 10, pcm, o, 80);
            } else if (phase == 1 && f % 8 == 0) {
                r.nextBytes(sid);
                ch.decode(sid, 0, 2, pcm, o, 80);
            } else if (f % 13 == 0) {
                ch.conceal(pcm, o, 80);
            } else {
                ch.decode(sid, 0, 0, pcm, o, 80);
            }
        }
        return pcm;
    }

    private static String fingerprint(byte[] data) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format("%02x", d[i]));
        }
        return s.toString();
    }

    private static String fingerprint(short[] pcm) throws Exception {
        byte[] b = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            b[2 * i] = (byte) pcm[i];
            b[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return fingerprint(b);
    }
}
