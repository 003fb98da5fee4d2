package org.callpost.media.internal.dtmf;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class DtmfToneDetectorTest {
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";

    private static short[] signal(double f1, double f2, double level, int samples, int skew) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) (level * Math.sin(2 * Math.PI * f1 * (1 + skew / 100.0) * i / 8000)
                    + level * Math.sin(2 * Math.PI * f2 * i / 8000));
        }
        return out;
    }

    private static String detect(short[]... parts) {
        DtmfToneDetector detector = new DtmfToneDetector();
        StringBuilder found = new StringBuilder();
        for (short[] part : parts) {
            for (int i = 0; i < part.length; i += 160) {
                char key = detector.process(part, i, Math.min(160, part.length - i));
                if (key != 0) {
                    found.append(key);
                }
            }
        }
        return found.toString();
    }

    @Test
    public void everyKeyIsHeardOnceInFrequencyTolerance() {
        for (int skew : new int[] {-1, 0, 1}) { // Q.24: +/-1.5 % must be accepted
            for (int k = 0; k < 16; k++) {
                short[] tone = signal(ROWS[k / 4], COLUMNS[k % 4], 4000, 800, skew);
                assertEquals("key " + KEYS.charAt(k) + " skew " + skew, String.valueOf(KEYS.charAt(k)),
                        detect(new short[400], tone, new short[800]));
            }
        }
    }

    @Test
    public void theSameKeyPressedTwiceIsTwoKeys() {
        short[] five = signal(770, 1336, 4000, 800, 0);
        assertEquals("55", detect(five, new short[800], five, new short[800]));
    }

    @Test
    public void singleTonesSpeechLikeSoundAndQuietPairsAreNotKeys() {
        assertEquals("", detect(signal(1000, 1000, 4000, 8000, 0)));
        short[] sweep = new short[16000];
        double phase = 0;
        for (int i = 0; i < sweep.length; i++) {
            phase += 2 * Math.PI * (300 + 1500 * Math.abs(Math.sin(i / 900.0))) / 8000;
            sweep[i] = (short) (6000 * (Math.sin(phase) + 0.5 * Math.sin(2.7 * phase)));
        }
        assertEquals("", detect(sweep));
        assertEquals("", detect(signal(770, 1336, 100, 1600, 0))); // about -50 dBm0
    }

    @Test
    public void tooShortATapIsNotAKey() {
        assertEquals("", detect(new short[400], signal(852, 1209, 4000, 240, 0), new short[800]));
    }
}
