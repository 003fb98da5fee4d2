package org.callpost.media.internal.dtmf;

import static org.junit.Assert.assertEquals;

import java.util.Random;
import org.junit.Test;

public class GoertzelBankTest {
    /** The bank is an optimisation only: every energy equals separate filters' to the last bit. */
    @Test
    public void energiesAreBitIdenticalToSeparateFiltersOverAnyRuns() {
        Random random = new Random(4733);
        for (double[] frequencies : new double[][] {{697, 770, 852, 941}, {1062, 1081, 1100, 1119, 1138},
                {697, 770, 852, 941, 1209, 1336, 1477, 1633}}) {
            GoertzelBank bank = new GoertzelBank(8000, frequencies);
            Goertzel[] single = new Goertzel[frequencies.length];
            for (int i = 0; i < single.length; i++) {
                single[i] = new Goertzel(frequencies[i], 8000);
            }
            short[] pcm = new short[4000];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) (random.nextGaussian() * 8000 + 6000 * Math.sin(i * 0.55));
            }
            double[] energies = new double[frequencies.length];
            for (int at = 0; at < pcm.length;) {
                int block = 100 + random.nextInt(300);
                int end = Math.min(pcm.length, at + block);
                while (at < end) {
                    int run = Math.min(end - at, 1 + random.nextInt(160)); // runs split as frames split blocks
                    bank.add(pcm, at, run);
                    for (int n = at; n < at + run; n++) {
                        for (Goertzel g : single) {
                            g.add(pcm[n]);
                        }
                    }
                    at += run;
                }
                bank.energies(block, energies);
                for (int i = 0; i < single.length; i++) {
                    assertEquals(Double.doubleToLongBits(single[i].energy(block)), Double.doubleToLongBits(energies[i]));
                }
            }
        }
    }
}
