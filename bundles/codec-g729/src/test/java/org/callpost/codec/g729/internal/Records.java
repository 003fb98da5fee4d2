package org.callpost.codec.g729.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.callpost.api.media.CodecChannel;

/**
 * The harness's record stream: per 10 ms frame one length byte (10 speech, 2 SID, 0 untransmitted,
 * 255 erased) then the payload. Runs our channel over it frame by frame.
 */
final class Records {
    static final int ERASED = 255;

    private Records() {
    }

    static byte[] encode(short[] pcm) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = new byte[10];
        for (int f = 0; f + 80 <= pcm.length; f += 80) {
            int n = ch.encode(pcm, f, 80, frame, 0);
            out.write(n);
            out.write(frame, 0, n);
        }
        return out.toByteArray();
    }

    static short[] decode(byte[] records) {
        CodecChannel ch = new G729CodecProvider().newChannel();
        short[] pcm = new short[frames(records) * 80];
        int o = 0;
        for (int p = 0; p < records.length; o += 80) {
            int len = records[p++] & 0xff;
            if (len == ERASED) {
                ch.conceal(pcm, o, 80);
            } else {
                ch.decode(records, p, len, pcm, o, 80);
                p += len;
            }
        }
        return pcm;
    }

    static int frames(byte[] records) {
        int n = 0;
        for (int p = 0; p < records.length; n++) {
            int len = records[p++] & 0xff;
            p += len == ERASED ? 0 : len;
        }
        return n;
    }

    /** Frames whose payload bytes are identical in both streams. */
    static int identicalFrames(byte[] a, byte[] b) {
        int same = 0;
        for (int p = 0, q = 0; p < a.length && q < b.length;) {
            int la = a[p++] & 0xff;
            int lb = b[q++] & 0xff;
            int na = la == ERASED ? 0 : la;
            int nb = lb == ERASED ? 0 : lb;
            if (la == lb && java.util.Arrays.equals(a, p, p + na, b, q, q + nb)) {
                same++;
            }
            p += na;
            q += nb;
        }
        return same;
    }

    /** Marks frames erased: every {@code period}-th frame, plus a burst of {@code burst} at the middle. */
    static byte[] erase(byte[] records, int period, int burst) {
        int frames = frames(records);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0, f = 0; p < records.length; f++) {
            int len = records[p++] & 0xff;
            boolean lose = (f % period == period - 1) || (f >= frames / 2 && f < frames / 2 + burst);
            if (lose) {
                out.write(ERASED);
            } else {
                out.write(len);
                out.write(records, p, len);
            }
            p += len;
        }
        return out.toByteArray();
    }

    /** Counts of speech, SID and untransmitted frames. */
    static int[] kinds(byte[] records) {
        int[] k = new int[3];
        for (int p = 0; p < records.length;) {
            int len = records[p++] & 0xff;
            if (len == 10) {
                k[0]++;
            } else if (len == 2) {
                k[1]++;
            } else if (len == 0) {
                k[2]++;
            }
            p += len == ERASED ? 0 : len;
        }
        return k;
    }

    /** Segmental SNR of ours against ref over the speech frames only. */
    static double speechSnr(byte[] records, short[] ref, short[] ours) {
        short[] r = new short[ref.length];
        short[] o = new short[ours.length];
        int n = 0;
        int f = 0;
        for (int p = 0; p < records.length; f++) {
            int len = records[p++] & 0xff;
            if (len == 10) {
                System.arraycopy(ref, f * 80, r, n, 80);
                System.arraycopy(ours, f * 80, o, n, 80);
                n += 80;
            }
            p += len == ERASED ? 0 : len;
        }
        return Quality.segmentalSnr(java.util.Arrays.copyOf(r, n), java.util.Arrays.copyOf(o, n), 0);
    }

    /** {ours - ref level in dB, ref level in dBFS} over the SID and untransmitted frames. */
    static double[] levelDifferenceOnNoise(byte[] records, short[] ref, short[] ours) {
        double er = 1e-9;
        double eo = 1e-9;
        int n = 0;
        int f = 0;
        for (int p = 0; p < records.length; f++) {
            int len = records[p++] & 0xff;
            if (len == 2 || len == 0) {
                for (int i = f * 80; i < f * 80 + 80; i++) {
                    er += (double) ref[i] * ref[i];
                    eo += (double) ours[i] * ours[i];
                }
                n += 80;
            }
            p += len == ERASED ? 0 : len;
        }
        return new double[] {10 * Math.log10(eo / er), 10 * Math.log10(er / Math.max(n, 1) / (32768.0 * 32768.0))};
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
