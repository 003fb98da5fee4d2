package org.callpost.media.internal.audio;

import org.callpost.media.internal.dtmf.GoertzelBank;

/**
 * Hears a fax machine's calling tone (CNG, ITU-T T.30: 1100 Hz +/- 38 Hz, 0.5 s on, 3 s off).
 * Five Goertzel filters 19 Hz apart over 40 ms blocks cover exactly the tolerated band; a block
 * counts as tone when one of them holds most of its energy. Nine tone blocks in a row (360 ms;
 * a 0.5 s burst always contains them) raise the event, once per burst.
 */
public final class FaxToneDetector {
    private static final int BLOCK = 320;
    private static final double[] FREQUENCIES = {1062, 1081, 1100, 1119, 1138};
    private static final int BLOCKS_NEEDED = 9;
    /** About -43 dBm0, the quietest CNG a receiver must hear. */
    private static final double MIN_ENERGY_PER_SAMPLE = 4.0e3;
    private static final double PURITY = 0.5;

    private final GoertzelBank filters = new GoertzelBank(8000, BLOCK, FREQUENCIES);
    private final double[] energies = new double[FREQUENCIES.length];
    private int toneBlocks;
    private boolean reported;

    /** Feeds audio; returns true when a CNG burst has just been recognised. */
    public boolean process(short[] pcm, int offset, int length) {
        boolean detected = false;
        int end = offset + length;
        for (int at = offset; at < end;) {
            at += filters.feed(pcm, at, end);
            if (filters.blockComplete()) {
                detected |= endBlock();
            }
        }
        return detected;
    }

    private boolean endBlock() {
        double strongest = 0;
        double total = filters.total();
        filters.energies(energies);
        for (double e : energies) {
            strongest = Math.max(strongest, e);
        }
        boolean tone = total > MIN_ENERGY_PER_SAMPLE * BLOCK && strongest > PURITY * total;
        if (!tone) {
            toneBlocks = 0;
            reported = false;
            return false;
        }
        toneBlocks++;
        if (toneBlocks >= BLOCKS_NEEDED && !reported) {
            reported = true;
            return true;
        }
        return false;
    }
}
