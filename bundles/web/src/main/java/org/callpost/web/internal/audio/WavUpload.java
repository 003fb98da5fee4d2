package org.callpost.web.internal.audio;

import java.time.Duration;

/**
 * A greeting uploaded from the browser: any PCM WAV in, the store's 8 kHz 16-bit mono PCM WAV out
 * (channels averaged, then resampled).
 */
public final class WavUpload {
    public static final int TARGET_RATE = 8000;

    /** Why an upload is refused by its length (413, like a file too big). */
    public static final class TooLong extends Exception {
        public TooLong(String message) {
            super(message, null, false, false);
        }
    }

    private WavUpload() {
    }

    /**
     * @param wav        the uploaded file
     * @param maxLength  the longest greeting accepted
     * @return the WAV to store
     */
    public static byte[] convert(byte[] wav, Duration maxLength) throws PcmWav.NotReadable, TooLong {
        PcmWav in = PcmWav.read(wav);
        if (in.frames() == 0) {
            throw new PcmWav.NotReadable("The WAV file has no audio (its data chunk is empty)");
        }
        if (in.seconds() > maxLength.toMillis() / 1000.0) {
            throw new TooLong(String.format(java.util.Locale.ROOT, "The greeting is %.1f s long; at most %d s are accepted",
                    in.seconds(), maxLength.toSeconds()));
        }
        return PcmWav.write8kMono(Resampler.resample(mono(in), in.sampleRate(), TARGET_RATE));
    }

    static double[] mono(PcmWav in) {
        double[][] s = in.samples();
        if (s.length == 1) {
            return s[0];
        }
        double[] mono = new double[in.frames()];
        for (int f = 0; f < mono.length; f++) {
            double sum = 0;
            for (double[] channel : s) {
                sum += channel[f];
            }
            mono[f] = sum / s.length;
        }
        return mono;
    }
}
