package org.callpost.codec.g729.internal;

import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.junit.Test;

public class LspTest {
    @Test
    public void stabilityOrdersAndSpacesTheLsfs() {
        // nearly ordered, as the quantiser produces them, but too close, too low and too high
        short[] lsf = {10, 300, 400, 5000, 5100, 9000, 12000, 15000, 20000, 25900};
        LspPredictor.stability(lsf);
        assertTrue(lsf[0] >= 40);
        assertTrue(lsf[9] <= 25681);
        for (int i = 1; i < 10; i++) {
            assertTrue("LSF " + i + " too close: " + lsf[i - 1] + ", " + lsf[i], lsf[i] - lsf[i - 1] >= 321);
        }
    }

    /** Whatever indices arrive (garbage, bit errors), the decoded filter stays stable. */
    @Test
    public void decodedLspsAreOrderedForAnyIndices() {
        Random r = new Random(7);
        LspDecoder decoder = new LspDecoder();
        short[] lsp = new short[10];
        for (int n = 0; n < 5000; n++) {
            decoder.decode(r.nextInt(256), r.nextInt(1024), r.nextInt(20) == 0, lsp);
            for (int i = 1; i < 10; i++) {
                // cosine domain: strictly decreasing means ordered, separated frequencies
                assertTrue("frame " + n + " lsp " + i, lsp[i] < lsp[i - 1]);
            }
        }
    }

    @Test
    public void quantiserKeepsLspsOrdered() {
        LspQuantizer q = new LspQuantizer();
        short[] lsp = {30000, 26000, 21000, 15000, 8000, 0, -8000, -15000, -21000, -26000};
        short[] lspq = new short[10];
        int[] ana = new int[2];
        Random r = new Random(3);
        for (int n = 0; n < 500; n++) {
            q.quantize(lsp, lspq, ana, 0);
            for (int i = 1; i < 10; i++) {
                assertTrue(lspq[i] < lspq[i - 1]);
            }
            for (int i = 0; i < 10; i++) {
                lsp[i] = (short) Math.max(-32000, Math.min(32000, lsp[i] + r.nextInt(2001) - 1000));
            }
            java.util.Arrays.sort(lsp);
            for (int i = 0; i < 5; i++) {
                short t = lsp[i];
                lsp[i] = lsp[9 - i];
                lsp[9 - i] = t;
            }
        }
    }
}
