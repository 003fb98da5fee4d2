package org.callpost.itests;

import org.callpost.testsupport.RtpPeer;

/** What the itests' callers hear, as numbers: G.711 mu-law decoding and a tone detector (Goertzel). */
final class Audio {
    private Audio() {
    }

    /** The packet's mu-law payload as 16-bit samples. */
    static short[] decode(RtpPeer.Packet p) {
        short[] s = new short[p.payload().length];
        for (int i = 0; i < s.length; i++) {
            int u = ~p.payload()[i] & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            s[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
        return s;
    }

    /** Whether {@code length} samples from {@code from} are mostly a tone of {@code hz} and loud enough. */
    static boolean isTone(short[] pcm, int from, int length, int hz) {
        double w = 2 * Math.PI * hz / 8000.0;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + length; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) pcm[i] * pcm[i];
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        double rms2 = energy / length;
        return rms2 > 100 * 100 && power / (length * (double) length * rms2 / 2) > 0.7;
    }

    /** How long {@code hz} sounds in {@code pcm}, counted in 20 ms frames. */
    static long toneMillis(short[] pcm, int hz) {
        long frames = 0;
        for (int at = 0; at + 160 <= pcm.length; at += 160) {
            if (isTone(pcm, at, 160, hz)) {
                frames++;
            }
        }
        return frames * 20;
    }
}
