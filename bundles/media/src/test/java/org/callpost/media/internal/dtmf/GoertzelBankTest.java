package org.callpost.media.internal.dtmf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

public class GoertzelBankTest {
    /** The bank is an optimisation only: energies and totals equal separate filters' to the last bit. */
    @Test
    public void energiesAreBitIdenticalToSeparateFiltersFedSampleBySample() {
        Random random = new Random(4733);
        for (double[] frequencies : new double[][] {{1062, 1081, 1100, 1119, 1138},
                {697, 770, 852, 941, 1209, 1336, 1477, 1633}}) {
            int block = 205;
            GoertzelBank bank = new GoertzelBank(8000, block, frequencies);
            Goertzel[] single = new Goertzel[frequencies.length];
            for (int i = 0; i < single.length; i++) {
                single[i] = new Goertzel(frequencies[i], 8000);
            }
            short[] pcm = new short[4000];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) (random.nextGaussian() * 8000 + 6000 * Math.sin(i * 0.55));
            }
            double[] energies = new double[frequencies.length];
            double total = 0;
            int inBlock = 0;
            int blocks = 0;
            for (int at = 0; at < pcm.length;) {
                int end = Math.min(pcm.length, at + 1 + random.nextInt(160)); // frames of any size
                while (at < end) {
                    int took = bank.feed(pcm, at, end);
                    for (int n = at; n < at + took; n++) {
                        double x = pcm[n];
                        total += x * x;
                        for (Goertzel g : single) {
                            g.add(pcm[n]);
                        }
                    }
                    at += took;
                    inBlock += took;
                    assertEquals(inBlock == block, bank.blockComplete());
                    if (bank.blockComplete()) {
                        assertEquals(Double.doubleToLongBits(total), Double.doubleToLongBits(bank.total()));
                        bank.energies(energies);
                        for (int i = 0; i < single.length; i++) {
                            assertEquals(Double.doubleToLongBits(single[i].energy(block)),
                                    Double.doubleToLongBits(energies[i]));
                        }
                        assertFalse(bank.blockComplete());
                        total = 0;
                        inBlock = 0;
                        blocks++;
                    }
                }
            }
            assertTrue(blocks >= 19);
        }
    }
}
