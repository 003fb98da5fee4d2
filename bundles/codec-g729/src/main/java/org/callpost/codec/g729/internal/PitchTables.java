package org.callpost.codec.g729.internal;

/** Adaptive-codebook tables of ITU-T G.729 (tab_ld8a). */
final class PitchTables {
    private PitchTables() {
    }

    /** 1/3-resolution interpolation filter (-3 dB at 3600 Hz), Q15. */
    static final short[] INTER_3L = {
        29443,
        25207, 14701, 3143,
        -4402, -5850, -2783,
        1211, 3130, 2259,
        0, -1652, -1666,
        -464, 756, 1099,
        550, -245, -634,
        -451, 0, 308,
        296, 78, -120,
        -165, -79, 34,
        91, 70, 0,
    };

    /** Taming: which 40-sample zone of the excitation error memory a lag falls in. */
    static final short[] TAB_ZONE = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    };
}
