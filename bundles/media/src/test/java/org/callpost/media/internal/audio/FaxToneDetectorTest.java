package org.callpost.media.internal.audio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FaxToneDetectorTest {
    /** Seconds from the tone's start to the detection, or -1. */
    private static double detect(double hz, double onSeconds, double amplitude) {
        FaxToneDetector detector = new FaxToneDetector();
        short[] pcm = new short[8000 * 4];
        for (int i = 0; i < onSeconds * 8000; i++) {
            pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        for (int i = 0; i < pcm.length; i += 160) {
            if (detector.process(pcm, i, 160)) {
                return (i + 160) / 8000.0;
            }
        }
        return -1;
    }

    @Test
    public void cngWithinTheToleranceIsHeardWellWithinOneAndAHalfSeconds() {
        for (double hz : new double[] {1062, 1080, 1100, 1120, 1138}) {
            double at = detect(hz, 0.5, 3000);
            assertTrue(hz + " Hz heard at " + at, at > 0 && at < 0.6);
        }
        assertTrue(detect(1100, 0.5, 200) > 0); // about -42 dBm0
    }

    @Test
    public void otherTonesAndShortBurstsAreNotCng() {
        assertEquals(-1, detect(1000, 1.0, 3000), 0);
        assertEquals(-1, detect(1200, 1.0, 3000), 0);
        assertEquals(-1, detect(1100, 0.25, 3000), 0);
        assertEquals(-1, detect(1100, 1.0, 30), 0);
    }
}
