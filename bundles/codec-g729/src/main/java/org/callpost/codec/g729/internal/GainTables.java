package org.callpost.codec.g729.internal;

/** The conjugate-structure gain codebooks and predictor of ITU-T G.729 (tab_ld8a). */
final class GainTables {
    private GainTables() {
    }

    /** MA gain prediction {0.68, 0.58, 0.34, 0.19}, Q13. */
    static final short[] PRED = {5571, 4751, 2785, 1556};

    /** Codebook GA: {pitch Q14, code Q13}. */
    static final short[][] GBK1 = {
        {1, 1516}, {1551, 2425}, {1831, 5022}, {57, 5404},
        {1921, 9291}, {3242, 9949}, {356, 14756}, {2678, 27162},
    };

    /** Codebook GB: {pitch Q14, code Q13}. */
    static final short[][] GBK2 = {
        {826, 2005}, {1994, 0}, {5142, 592}, {6160, 2395},
        {8091, 4861}, {9120, 525}, {10573, 2966}, {11569, 1196},
        {13260, 3256}, {14194, 1630}, {15132, 4914}, {15161, 14276},
        {15434, 237}, {16112, 3392}, {17299, 1861}, {18973, 5935},
    };

    static final short[] MAP1 = {5, 1, 4, 7, 3, 0, 6, 2};
    static final short[] MAP2 = {4, 6, 0, 2, 12, 14, 8, 10, 15, 11, 9, 13, 7, 3, 1, 5};
    static final short[] IMAP1 = {5, 1, 7, 4, 2, 0, 6, 3};
    static final short[] IMAP2 = {2, 14, 3, 13, 0, 15, 1, 12, 6, 10, 7, 9, 4, 11, 5, 8};

    /** Pre-selection line coefficients [0][0] Q10, [0][1] Q14, [1][0] Q16, [1][1] Q19. */
    static final short[][] COEF = {{31881, 26416}, {31548, 27816}};
    static final int[][] L_COEF = {{2089405952, 1731217536}, {2067549984, 1822990272}};

    static final short[] THR1 = {10808, 12374, 19778, 32567};
    static final short[] THR2 = {14087, 16188, 20274, 21321, 23525, 25232, 27873, 30542};
}
