package org.callpost.media.internal.dtmf;

/**
 * Hears DTMF keys in the audio itself (in-band), for far ends that send no telephone-events.
 * Goertzel filters on the four row and four column frequencies over 205-sample blocks (the
 * classic size: bins fit all eight tones at 8 kHz); a key needs one row and one column tone
 * that clearly dominate the block, within twist limits, in two blocks running (about 50 ms,
 * above the 40 ms minimum key length), and is reported once until the tones stop.
 */
public final class DtmfToneDetector {
    private static final int BLOCK = 205;
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
        {'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}};
    /** About -30 dBm0 per tone: quieter pairs are noise. */
    private static final double MIN_TONE_ENERGY_PER_SAMPLE = 1.3e5;
    /** The column may be 8 dB above the row (normal twist), the row 4 dB above the column (reverse). */
    private static final double NORMAL_TWIST = 6.3;
    private static final double REVERSE_TWIST = 2.5;
    /** The other tones of a group must be 8 dB below the strongest. */
    private static final double GROUP_MARGIN = 6.3;
    /** The pair must hold most of the block's energy: rejects speech and music. */
    private static final double PURITY = 0.6;

    /** The four row filters, then the four column filters. */
    private final GoertzelBank filters = new GoertzelBank(8000, BLOCK, ROWS[0], ROWS[1], ROWS[2], ROWS[3], COLUMNS[0],
            COLUMNS[1], COLUMNS[2], COLUMNS[3]);
    private final double[] energies = new double[8];
    private final double[] rowEnergy = new double[4];
    private final double[] columnEnergy = new double[4];
    private char candidate;
    private char reported;

    /**
     * Feeds audio.
     *
     * @return a newly pressed key, or {@code '\0'}
     */
    public char process(short[] pcm, int offset, int length) {
        char found = 0;
        int end = offset + length;
        for (int at = offset; at < end;) {
            at += filters.feed(pcm, at, end);
            if (filters.blockComplete()) {
                char key = endBlock();
                if (key != 0) {
                    found = key;
                }
            }
        }
        return found;
    }

    private char endBlock() {
        int row = 0;
        int column = 0;
        double total = filters.total();
        filters.energies(energies);
        System.arraycopy(energies, 0, rowEnergy, 0, 4);
        System.arraycopy(energies, 4, columnEnergy, 0, 4);
        for (int i = 0; i < 4; i++) {
            if (rowEnergy[i] > rowEnergy[row]) {
                row = i;
            }
            if (columnEnergy[i] > columnEnergy[column]) {
                column = i;
            }
        }
        double r = rowEnergy[row];
        double c = columnEnergy[column];
        char key = 0;
        if (r > MIN_TONE_ENERGY_PER_SAMPLE * BLOCK / 2 && c > MIN_TONE_ENERGY_PER_SAMPLE * BLOCK / 2
                && c < r * NORMAL_TWIST && r < c * REVERSE_TWIST
                && r + c > PURITY * total && dominates(rowEnergy, row) && dominates(columnEnergy, column)) {
            key = KEYS[row][column];
        }
        char result = 0;
        if (key == 0) {
            reported = 0;
        } else if (key == candidate && key != reported) {
            reported = key;
            result = key;
        }
        candidate = key;
        return result;
    }

    private static boolean dominates(double[] energies, int strongest) {
        for (int i = 0; i < energies.length; i++) {
            if (i != strongest && energies[i] * GROUP_MARGIN > energies[strongest]) {
                return false;
            }
        }
        return true;
    }
}
