package org.callpost.codec.g729.internal;

/** Segmental SNR over 10 ms segments, the usual objective measure for waveform codecs. */
final class Quality {
    private static final int SEGMENT = 80;
    /** Segments quieter than this mean square (about -72 dBFS) are skipped as silence. */
    private static final double SILENT = 4.0;
    private static final double CAP = 100.0;

    private Quality() {
    }

    /** Segmental SNR of {@code test} against {@code ref}, where test lags ref by {@code delay} samples. */
    static double segmentalSnr(short[] ref, short[] test, int delay) {
        double sum = 0;
        int count = 0;
        int n = Math.min(ref.length, test.length - delay);
        for (int s = 0; s + SEGMENT <= n; s += SEGMENT) {
            double sig = 0;
            double err = 0;
            for (int i = s; i < s + SEGMENT; i++) {
                double r = ref[i];
                double e = r - test[i + delay];
                sig += r * r;
                err += e * e;
            }
            if (sig / SEGMENT < SILENT) {
                continue;
            }
            sum += err == 0 ? CAP : Math.min(CAP, 10 * Math.log10(sig / err));
            count++;
        }
        // an all-silent reference has no segmental SNR; callers check the output level instead
        return count == 0 ? Double.NaN : sum / count;
    }

    static int maxAbsDiff(short[] a, short[] b, int delay) {
        int n = Math.min(a.length, b.length - delay);
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i + delay]));
        }
        return max;
    }

    static int maxAbs(short[] a) {
        int max = 0;
        for (short v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static boolean identical(short[] a, short[] b, int delay) {
        int n = Math.min(a.length, b.length - delay);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i + delay]) {
                return false;
            }
        }
        return true;
    }

    /** Frames (80 samples) that are sample-for-sample identical. */
    static int identicalFrames(short[] a, short[] b) {
        int frames = Math.min(a.length, b.length) / SEGMENT;
        int same = 0;
        for (int f = 0; f < frames; f++) {
            boolean eq = true;
            for (int i = f * SEGMENT; i < (f + 1) * SEGMENT && eq; i++) {
                eq = a[i] == b[i];
            }
            if (eq) {
                same++;
            }
        }
        return same;
    }
}
