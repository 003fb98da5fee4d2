package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * Encoder-side guard against adaptive-codebook error build-up (G.729 3.8 taming): tracks the
 * worst accumulated excitation error per 40-sample zone and limits the pitch gain when it grows.
 */
final class Taming {
    private static final int L_THRESH_ERR = 983040000;
    private static final int L_SUBFR = 40;
    private static final int L_INTER10 = 10;

    private final int[] excErr = {0x4000, 0x4000, 0x4000, 0x4000};

    /** True when the pitch gain must be limited for this lag. */
    boolean needed(int t0, int frac) {
        int t1 = frac > 0 ? t0 + 1 : t0;
        int i = t1 - (L_SUBFR + L_INTER10);
        if (i < 0) {
            i = 0;
        }
        int zone1 = PitchTables.TAB_ZONE[i];
        int zone2 = PitchTables.TAB_ZONE[t1 + (L_INTER10 - 2)];
        int maxloc = -1;
        for (i = zone2; i >= zone1; i--) {
            if (lSub(excErr[i], maxloc) > 0) {
                maxloc = excErr[i];
            }
        }
        return lSub(maxloc, L_THRESH_ERR) > 0;
    }

    void update(int gainPit, int t0) {
        int worst = -1;
        int n = t0 - L_SUBFR;
        if (n < 0) {
            int temp = propagate(excErr[0], gainPit);
            if (lSub(temp, worst) > 0) {
                worst = temp;
            }
            temp = propagate(temp, gainPit);
            if (lSub(temp, worst) > 0) {
                worst = temp;
            }
        } else {
            int zone1 = PitchTables.TAB_ZONE[n];
            int zone2 = PitchTables.TAB_ZONE[t0 - 1];
            for (int i = zone1; i <= zone2; i++) {
                int temp = propagate(excErr[i], gainPit);
                if (lSub(temp, worst) > 0) {
                    worst = temp;
                }
            }
        }
        excErr[3] = excErr[2];
        excErr[2] = excErr[1];
        excErr[1] = excErr[0];
        excErr[0] = worst;
    }

    private static int propagate(int err, int gainPit) {
        int t = mpy3216(hi(err), lo(err), gainPit);
        t = lShl(t, 1);
        return lAdd(0x4000, t);
    }
}
