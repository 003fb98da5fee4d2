package org.callpost.web.internal.audio;

/**
 * Changes the sample rate with a windowed-sinc (Blackman) interpolator: every output sample is
 * the low-passed input at that instant, the cut-off below the lower Nyquist frequency, so that
 * down-sampling 44.1 kHz to 8 kHz does not fold 5 kHz and above back into the telephone band.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side: the filter's length and steepness. */
    private static final int ZERO_CROSSINGS = 16;
    /** The cut-off as a fraction of the lower Nyquist frequency (the rest is the transition band). */
    private static final double CUTOFF = 0.9;

    private Resampler() {
    }

    public static double[] resample(double[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in.clone();
        }
        double ratio = (double) toRate / fromRate;
        // cut-off in cycles per input sample, relative to the input's Nyquist
        double fc = CUTOFF * Math.min(1.0, ratio);
        double halfWidth = ZERO_CROSSINGS / fc; // in input samples
        int outLength = (int) Math.floor(in.length * ratio);
        double[] out = new double[outLength];
        for (int n = 0; n < outLength; n++) {
            double t = n / ratio; // the instant in input samples
            int from = (int) Math.ceil(t - halfWidth);
            int to = (int) Math.floor(t + halfWidth);
            double sum = 0;
            double weights = 0;
            for (int k = Math.max(0, from); k <= Math.min(in.length - 1, to); k++) {
                double x = k - t;
                double w = fc * sinc(fc * x) * blackman(x / halfWidth);
                sum += in[k] * w;
                weights += w;
            }
            // normalising by the weights keeps DC gain 1 at the edges where the window is cut
            out[n] = weights == 0 ? 0 : sum / weights;
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** The Blackman window over -1..1. */
    private static double blackman(double x) {
        if (x <= -1 || x >= 1) {
            return 0;
        }
        double p = Math.PI * (x + 1); // 0..2π
        return 0.42 - 0.5 * Math.cos(p) + 0.08 * Math.cos(2 * p);
    }
}
