package org.callpost.codec.g729.internal;

import static org.callpost.codec.g729.internal.FixedPoint.*;

/**
 * The 17-bit algebraic codebook: four signed unit pulses on interleaved tracks of a 40-sample
 * subframe. The encoder uses Annex A's depth-first tree search (two track orders, two start
 * positions each) over a correlation matrix of the pitch-sharpened impulse response.
 */
final class FixedCodebook {
    private static final int L_SUBFR = 40;
    private static final int NB_POS = 8;
    private static final int STEP = 5;
    private static final int MSIZE = 64;

    // offsets of the correlation sub-matrices inside rr[]
    private static final int RRI0I0 = 0;
    private static final int RRI1I1 = RRI0I0 + NB_POS;
    private static final int RRI2I2 = RRI1I1 + NB_POS;
    private static final int RRI3I3 = RRI2I2 + NB_POS;
    private static final int RRI4I4 = RRI3I3 + NB_POS;
    private static final int RRI0I1 = RRI4I4 + NB_POS;
    private static final int RRI0I2 = RRI0I1 + MSIZE;
    private static final int RRI0I3 = RRI0I2 + MSIZE;
    private static final int RRI0I4 = RRI0I3 + MSIZE;
    private static final int RRI1I2 = RRI0I4 + MSIZE;
    private static final int RRI1I3 = RRI1I2 + MSIZE;
    private static final int RRI1I4 = RRI1I3 + MSIZE;
    private static final int RRI2I3 = RRI1I4 + MSIZE;
    private static final int RRI2I4 = RRI2I3 + MSIZE;
    private static final int DIM_RR = RRI2I4 + MSIZE;

    private static final int HALF = 16384;
    private static final int QUARTER = 8192;
    private static final int EIGHTH = 4096;
    private static final int SIXTEENTH = 2048;

    private final short[] rr = new short[DIM_RR];
    private final short[] dn = new short[L_SUBFR];
    private final short[] hs = new short[L_SUBFR];
    private final short[] signDn = new short[L_SUBFR];
    private final short[] tmpVect = new short[NB_POS];
    private final int[] y32 = new int[3 * L_SUBFR];
    private final int[] hi32 = new int[L_SUBFR];

    /**
     * Searches the codebook for target x and impulse response h (modified in place by the pitch
     * sharpening, as in the reference). Writes the code vector (Q13, sharpened) and its filtered
     * version y (Q12). Returns (signs &lt;&lt; 16) | positions index.
     */
    int search(short[] x, short[] h, int t0, int pitchSharp, short[] code, short[] y) {
        int sharp = shl(pitchSharp, 1);
        if (t0 < L_SUBFR) {
            for (int i = t0; i < L_SUBFR; i++) {
                h[i] = (short) add(h[i], mult(h[i - t0], sharp));
            }
        }
        corH(h);
        Correlations.corHX(h, x, 0, dn, y32);
        int result = d4i40(h, code, y);
        if (t0 < L_SUBFR) {
            for (int i = t0; i < L_SUBFR; i++) {
                code[i] = (short) add(code[i], mult(code[i - t0], sharp));
            }
        }
        return result;
    }

    private void corH(short[] hIn) {
        short[] h = hs;
        int cor = 0;
        for (int i = 0; i < L_SUBFR; i++) {
            cor = lMac(cor, hIn[i], hIn[i]);
        }
        if (extractH(cor) > 32000) {
            for (int i = 0; i < L_SUBFR; i++) {
                h[i] = (short) (hIn[i] >> 1);
            }
        } else {
            int k = normL(cor) >> 1;
            for (int i = 0; i < L_SUBFR; i++) {
                h[i] = (short) shl(hIn[i], k);
            }
        }

        long energy = 0;
        for (int i = 0; i < L_SUBFR; i++) {
            energy += 2L * h[i] * h[i];
        }
        // every correlation of h is bounded by its energy: when that fits, nothing saturates
        if (energy <= MAX_32) {
            int[] hInt = hi32;
            for (int i = 0; i < L_SUBFR; i++) {
                hInt[i] = h[i];
            }
            correlatePlain(hInt);
        } else {
            correlateExact(h);
        }
    }

    /** rr by plain integer sums: exact when the energy of h fits 32 bits. h as ints: faster loads. */
    private void correlatePlain(int[] h) {
        int cor;
        int p0;
        int p1;
        int p2;
        int p3;
        int p4;
        p0 = RRI0I0 + NB_POS - 1;
        p1 = RRI1I1 + NB_POS - 1;
        p2 = RRI2I2 + NB_POS - 1;
        p3 = RRI3I3 + NB_POS - 1;
        p4 = RRI4I4 + NB_POS - 1;
        int ph = 0;
        cor = 0;
        for (int i = 0; i < NB_POS; i++) {
            cor += 2 * h[ph] * h[ph];
            ph++;
            rr[p4--] = (short) extractH(cor);
            cor += 2 * h[ph] * h[ph];
            ph++;
            rr[p3--] = (short) extractH(cor);
            cor += 2 * h[ph] * h[ph];
            ph++;
            rr[p2--] = (short) extractH(cor);
            cor += 2 * h[ph] * h[ph];
            ph++;
            rr[p1--] = (short) extractH(cor);
            cor += 2 * h[ph] * h[ph];
            ph++;
            rr[p0--] = (short) extractH(cor);
        }

        int ldec = NB_POS + 1;

        // distance 1: rri2i3, rri1i2, rri0i1, rri0i4
        int lFinSup = MSIZE - 1;
        int lFinInf = lFinSup - 1;
        int hf = 1;
        for (int k = 0; k < NB_POS; k++) {
            p3 = RRI2I3 + lFinSup;
            p2 = RRI1I2 + lFinSup;
            p1 = RRI0I1 + lFinSup;
            p0 = RRI0I4 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor += 2 * h[h1++] * h[h2++];
                cor += 2 * h[h1++] * h[h2++];
                rr[p3] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p2] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p1] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p0] = (short) extractH(cor);
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor += 2 * h[h1++] * h[h2++];
            cor += 2 * h[h1++] * h[h2++];
            rr[p3] = (short) extractH(cor);
            cor += 2 * h[h1++] * h[h2++];
            rr[p2] = (short) extractH(cor);
            cor += 2 * h[h1++] * h[h2++];
            rr[p1] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 2: rri2i4, rri1i3, rri0i2, rri1i4, rri0i3
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 2;
        for (int k = 0; k < NB_POS; k++) {
            p4 = RRI2I4 + lFinSup;
            p3 = RRI1I3 + lFinSup;
            p2 = RRI0I2 + lFinSup;
            p1 = RRI1I4 + lFinInf;
            p0 = RRI0I3 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor += 2 * h[h1++] * h[h2++];
                rr[p4] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p3] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p2] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p1] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p0] = (short) extractH(cor);
                p4 -= ldec;
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor += 2 * h[h1++] * h[h2++];
            rr[p4] = (short) extractH(cor);
            cor += 2 * h[h1++] * h[h2++];
            rr[p3] = (short) extractH(cor);
            cor += 2 * h[h1++] * h[h2++];
            rr[p2] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 3: rri1i4, rri0i3, rri2i4, rri1i3, rri0i2
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 3;
        for (int k = 0; k < NB_POS; k++) {
            p4 = RRI1I4 + lFinSup;
            p3 = RRI0I3 + lFinSup;
            p2 = RRI2I4 + lFinInf;
            p1 = RRI1I3 + lFinInf;
            p0 = RRI0I2 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor += 2 * h[h1++] * h[h2++];
                rr[p4] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p3] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p2] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p1] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p0] = (short) extractH(cor);
                p4 -= ldec;
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor += 2 * h[h1++] * h[h2++];
            rr[p4] = (short) extractH(cor);
            cor += 2 * h[h1++] * h[h2++];
            rr[p3] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 4: rri0i4, rri2i3, rri1i2, rri0i1
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 4;
        for (int k = 0; k < NB_POS; k++) {
            p3 = RRI0I4 + lFinSup;
            p2 = RRI2I3 + lFinInf;
            p1 = RRI1I2 + lFinInf;
            p0 = RRI0I1 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor += 2 * h[h1++] * h[h2++];
                rr[p3] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                cor += 2 * h[h1++] * h[h2++];
                rr[p2] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p1] = (short) extractH(cor);
                cor += 2 * h[h1++] * h[h2++];
                rr[p0] = (short) extractH(cor);
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor += 2 * h[h1++] * h[h2++];
            rr[p3] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }
        }

    /** rr with the reference's saturating accumulation, in the reference's order. */
    private void correlateExact(short[] h) {
        int cor;
        int p0;
        int p1;
        int p2;
        int p3;
        int p4;
        p0 = RRI0I0 + NB_POS - 1;
        p1 = RRI1I1 + NB_POS - 1;
        p2 = RRI2I2 + NB_POS - 1;
        p3 = RRI3I3 + NB_POS - 1;
        p4 = RRI4I4 + NB_POS - 1;
        int ph = 0;
        cor = 0;
        for (int i = 0; i < NB_POS; i++) {
            cor = lMac(cor, h[ph], h[ph]);
            ph++;
            rr[p4--] = (short) extractH(cor);
            cor = lMac(cor, h[ph], h[ph]);
            ph++;
            rr[p3--] = (short) extractH(cor);
            cor = lMac(cor, h[ph], h[ph]);
            ph++;
            rr[p2--] = (short) extractH(cor);
            cor = lMac(cor, h[ph], h[ph]);
            ph++;
            rr[p1--] = (short) extractH(cor);
            cor = lMac(cor, h[ph], h[ph]);
            ph++;
            rr[p0--] = (short) extractH(cor);
        }

        int ldec = NB_POS + 1;

        // distance 1: rri2i3, rri1i2, rri0i1, rri0i4
        int lFinSup = MSIZE - 1;
        int lFinInf = lFinSup - 1;
        int hf = 1;
        for (int k = 0; k < NB_POS; k++) {
            p3 = RRI2I3 + lFinSup;
            p2 = RRI1I2 + lFinSup;
            p1 = RRI0I1 + lFinSup;
            p0 = RRI0I4 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor = lMac(cor, h[h1++], h[h2++]);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p3] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p2] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p1] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p0] = (short) extractH(cor);
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor = lMac(cor, h[h1++], h[h2++]);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p3] = (short) extractH(cor);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p2] = (short) extractH(cor);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p1] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 2: rri2i4, rri1i3, rri0i2, rri1i4, rri0i3
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 2;
        for (int k = 0; k < NB_POS; k++) {
            p4 = RRI2I4 + lFinSup;
            p3 = RRI1I3 + lFinSup;
            p2 = RRI0I2 + lFinSup;
            p1 = RRI1I4 + lFinInf;
            p0 = RRI0I3 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p4] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p3] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p2] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p1] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p0] = (short) extractH(cor);
                p4 -= ldec;
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p4] = (short) extractH(cor);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p3] = (short) extractH(cor);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p2] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 3: rri1i4, rri0i3, rri2i4, rri1i3, rri0i2
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 3;
        for (int k = 0; k < NB_POS; k++) {
            p4 = RRI1I4 + lFinSup;
            p3 = RRI0I3 + lFinSup;
            p2 = RRI2I4 + lFinInf;
            p1 = RRI1I3 + lFinInf;
            p0 = RRI0I2 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p4] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p3] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p2] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p1] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p0] = (short) extractH(cor);
                p4 -= ldec;
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p4] = (short) extractH(cor);
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p3] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }

        // distance 4: rri0i4, rri2i3, rri1i2, rri0i1
        lFinSup = MSIZE - 1;
        lFinInf = lFinSup - 1;
        hf = 4;
        for (int k = 0; k < NB_POS; k++) {
            p3 = RRI0I4 + lFinSup;
            p2 = RRI2I3 + lFinInf;
            p1 = RRI1I2 + lFinInf;
            p0 = RRI0I1 + lFinInf;
            cor = 0;
            int h1 = 0;
            int h2 = hf;
            for (int i = k + 1; i < NB_POS; i++) {
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p3] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p2] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p1] = (short) extractH(cor);
                cor = lMac(cor, h[h1++], h[h2++]);
                rr[p0] = (short) extractH(cor);
                p3 -= ldec;
                p2 -= ldec;
                p1 -= ldec;
                p0 -= ldec;
            }
            cor = lMac(cor, h[h1++], h[h2++]);
            rr[p3] = (short) extractH(cor);
            lFinSup -= NB_POS;
            lFinInf--;
            hf += STEP;
        }
        }

    private void applySigns(int base, int firstTrack, int secondTrack, int nSecond) {
        // rr[base + 8*a + b] *= sign(a) * sign(b) for pulse a on firstTrack, b on the following tracks
        int p = base;
        for (int a = firstTrack; a < L_SUBFR; a += STEP) {
            // the reference multiplies by its sign_dn_inv[b] when sign(a) < 0, which is
            // ~signDn[b]: flip the bits instead of branching on the unpredictable sign
            int flip = signDn[a] >> 31;
            for (int b = secondTrack; b < L_SUBFR; b += STEP) {
                rr[p] = (short) mult(rr[p], signDn[b + nSecond] ^ flip);
                p++;
            }
        }
    }

    private int d4i40(short[] h, short[] cod, short[] y) {
        for (int i = 0; i < L_SUBFR; i++) {
            // branch-free (the signs are unpredictable): sign +1 (MAX_16) or -1 (MIN_16) in Q15,
            // and dn made non-negative as negate() does (-32768 becomes 32767)
            int d = dn[i];
            int sign = MAX_16 ^ (d >> 31);
            signDn[i] = (short) sign;
            dn[i] = (short) Math.min(Math.abs(d), MAX_16);
        }
        applySigns(RRI0I1, 0, 1, 0);
        applySigns(RRI0I2, 0, 1, 1);
        applySigns(RRI0I3, 0, 1, 2);
        applySigns(RRI0I4, 0, 1, 3);
        applySigns(RRI1I2, 1, 2, 0);
        applySigns(RRI1I3, 1, 2, 1);
        applySigns(RRI1I4, 1, 2, 2);
        applySigns(RRI2I3, 2, 3, 0);
        applySigns(RRI2I4, 2, 3, 1);
        // rr now holds energies (>= 0) and sign-weighted correlations: mult by +-1 in Q15 never
        // yields -32768, so |rr| <= 32767 and the sums below stay inside 32 bits where noted
        int psk = -1;
        int alpk = 1;
        int ptrRri0i3I4 = RRI0I3;
        int ptrRri1i3I4 = RRI1I3;
        int ptrRri2i3I4 = RRI2I3;
        int ptrRri3i3I4 = RRI3I3;
        int ip0 = 0;
        int ip1 = 1;
        int ip2 = 2;
        int ip3 = 3;
        int ix = 0;
        int iy = 0;
        int ps = 0;
        int i0 = 0;

        for (int track = 3; track < 5; track++) {
            // depth-first search 3, phase A: track 2 and 3/4
            int sq = -1;
            int alp = 1;
            int prevI0 = -1;
            for (int i = 0; i < 2; i++) {
                int max = -1;
                for (int j = 2; j < L_SUBFR; j += STEP) {
                    if (dn[j] > max && prevI0 != j) {
                        max = dn[j];
                        i0 = j;
                    }
                }
                prevI0 = i0;
                int j = mult(i0, 6554);
                int p0 = RRI2I2 + j;
                int ps1 = dn[i0];
                int alp1 = lMult(rr[p0], QUARTER);
                p0 = ptrRri2i3I4 + (j << 3);
                int p1 = ptrRri3i3I4;
                for (int i1 = track; i1 < L_SUBFR; i1 += STEP) {
                    int ps2 = add(ps1, dn[i1]);
                    // |alp1 + rr/2 + rr/4| <= 32767 * 2^16: never saturates
                    int alp2 = alp1 + (rr[p0++] << 15) + (rr[p1++] << 14);
                    int sq2 = mult(ps2, ps2);
                    int alp16 = round(alp2);
                    if (better(alp, sq2, sq, alp16)) {
                        sq = sq2;
                        ps = ps2;
                        alp = alp16;
                        ix = i0;
                        iy = i1;
                    }
                }
            }
            i0 = ix;
            int i1 = iy;
            int i1Offset = shl(mult(i1, 6554), 3);

            // phase B: track 0 and 1
            int ps0 = ps;
            int alp0 = lMult(alp, QUARTER);
            sq = -1;
            alp = 1;
            int p0 = RRI1I2 + mult(i0, 6554);
            int p1 = ptrRri1i3I4 + mult(i1, 6554);
            int p2 = RRI1I1;
            int p3 = 0;
            for (int i3 = 1; i3 < L_SUBFR; i3 += STEP) {
                int s = lMult(rr[p0], QUARTER);
                p0 += NB_POS;
                s = lMac(s, rr[p1], QUARTER);
                p1 += NB_POS;
                s = lMac(s, rr[p2++], EIGHTH);
                tmpVect[p3++] = (short) round(s);
            }
            p0 = RRI0I2 + mult(i0, 6554);
            p1 = ptrRri0i3I4 + mult(i1, 6554);
            p2 = RRI0I0;
            p3 = RRI0I1;
            for (int i2 = 0; i2 < L_SUBFR; i2 += STEP) {
                int ps1 = add(ps0, dn[i2]);
                int alp1 = lMac(alp0, rr[p0], EIGHTH);
                p0 += NB_POS;
                alp1 = lMac(alp1, rr[p1], EIGHTH);
                p1 += NB_POS;
                alp1 = lMac(alp1, rr[p2++], SIXTEENTH);
                int p4 = 0;
                for (int i3 = 1; i3 < L_SUBFR; i3 += STEP) {
                    int ps2 = add(ps1, dn[i3]);
                    // alp1 + rr/8 cannot saturate; adding tmp/2 can, and saturates once
                    long t = (long) alp1 + (rr[p3++] << 13) + ((long) tmpVect[p4++] << 15);
                    int alp2 = t > MAX_32 ? MAX_32 : (t < MIN_32 ? MIN_32 : (int) t);
                    int sq2 = mult(ps2, ps2);
                    int alp16 = round(alp2);
                    if (better(alp, sq2, sq, alp16)) {
                        sq = sq2;
                        alp = alp16;
                        ix = i2;
                        iy = i3;
                    }
                }
            }
            if (better(alpk, sq, psk, alp)) {
                psk = sq;
                alpk = alp;
                ip2 = i0;
                ip3 = i1;
                ip0 = ix;
                ip1 = iy;
            }

            // depth-first search 4, phase A: track 3/4 and 0
            sq = -1;
            alp = 1;
            prevI0 = -1;
            for (int i = 0; i < 2; i++) {
                int max = -1;
                for (int j = track; j < L_SUBFR; j += STEP) {
                    if (dn[j] > max && prevI0 != j) {
                        max = dn[j];
                        i0 = j;
                    }
                }
                prevI0 = i0;
                int j = mult(i0, 6554);
                p0 = ptrRri3i3I4 + j;
                int ps1 = dn[i0];
                int alp1 = lMult(rr[p0], QUARTER);
                p0 = ptrRri0i3I4 + j;
                p1 = RRI0I0;
                for (i1 = 0; i1 < L_SUBFR; i1 += STEP) {
                    int ps2 = add(ps1, dn[i1]);
                    int alp2 = alp1 + (rr[p0] << 15) + (rr[p1++] << 14);
                    p0 += NB_POS;
                    int sq2 = mult(ps2, ps2);
                    int alp16 = round(alp2);
                    if (better(alp, sq2, sq, alp16)) {
                        sq = sq2;
                        ps = ps2;
                        alp = alp16;
                        ix = i0;
                        iy = i1;
                    }
                }
            }
            i0 = ix;
            i1 = iy;
            i1Offset = shl(mult(i1, 6554), 3);

            // phase B: track 1 and 2
            ps0 = ps;
            alp0 = lMult(alp, QUARTER);
            sq = -1;
            alp = 1;
            p0 = ptrRri2i3I4 + mult(i0, 6554);
            p1 = RRI0I2 + i1Offset;
            p2 = RRI2I2;
            p3 = 0;
            for (int i3 = 2; i3 < L_SUBFR; i3 += STEP) {
                int s = lMult(rr[p0], QUARTER);
                p0 += NB_POS;
                s = lMac(s, rr[p1++], QUARTER);
                s = lMac(s, rr[p2++], EIGHTH);
                tmpVect[p3++] = (short) round(s);
            }
            p0 = ptrRri1i3I4 + mult(i0, 6554);
            p1 = RRI0I1 + i1Offset;
            p2 = RRI1I1;
            p3 = RRI1I2;
            for (int i2 = 1; i2 < L_SUBFR; i2 += STEP) {
                int ps1 = add(ps0, dn[i2]);
                int alp1 = lMac(alp0, rr[p0], EIGHTH);
                p0 += NB_POS;
                alp1 = lMac(alp1, rr[p1++], EIGHTH);
                alp1 = lMac(alp1, rr[p2++], SIXTEENTH);
                int p4 = 0;
                for (int i3 = 2; i3 < L_SUBFR; i3 += STEP) {
                    int ps2 = add(ps1, dn[i3]);
                    // alp1 + rr/8 cannot saturate; adding tmp/2 can, and saturates once
                    long t = (long) alp1 + (rr[p3++] << 13) + ((long) tmpVect[p4++] << 15);
                    int alp2 = t > MAX_32 ? MAX_32 : (t < MIN_32 ? MIN_32 : (int) t);
                    int sq2 = mult(ps2, ps2);
                    int alp16 = round(alp2);
                    if (better(alp, sq2, sq, alp16)) {
                        sq = sq2;
                        alp = alp16;
                        ix = i2;
                        iy = i3;
                    }
                }
            }
            if (better(alpk, sq, psk, alp)) {
                psk = sq;
                alpk = alp;
                ip3 = i0;
                ip0 = i1;
                ip1 = ix;
                ip2 = iy;
            }

            ptrRri0i3I4 = RRI0I4;
            ptrRri1i3I4 = RRI1I4;
            ptrRri2i3I4 = RRI2I4;
            ptrRri3i3I4 = RRI4I4;
        }

        int s0 = signDn[ip0];
        int s1 = signDn[ip1];
        int s2 = signDn[ip2];
        int s3 = signDn[ip3];
        for (int i = 0; i < L_SUBFR; i++) {
            cod[i] = 0;
        }
        cod[ip0] = (short) (s0 >> 2);
        cod[ip1] = (short) (s1 >> 2);
        cod[ip2] = (short) (s2 >> 2);
        cod[ip3] = (short) (s3 >> 2);

        for (int i = 0; i < ip0; i++) {
            y[i] = 0;
        }
        if (s0 > 0) {
            for (int i = ip0, j = 0; i < L_SUBFR; i++, j++) {
                y[i] = h[j];
            }
        } else {
            for (int i = ip0, j = 0; i < L_SUBFR; i++, j++) {
                y[i] = (short) negate(h[j]);
            }
        }
        addPulse(y, h, ip1, s1 > 0);
        addPulse(y, h, ip2, s2 > 0);
        addPulse(y, h, ip3, s3 > 0);

        int sign = 0;
        if (s0 > 0) {
            sign += 1;
        }
        if (s1 > 0) {
            sign += 2;
        }
        if (s2 > 0) {
            sign += 4;
        }
        if (s3 > 0) {
            sign += 8;
        }
        ip0 = mult(ip0, 6554);
        ip1 = mult(ip1, 6554);
        ip2 = mult(ip2, 6554);
        int i = mult(ip3, 6554);
        int j = ip3 - (i * 5 + 3);
        ip3 = (i << 1) + j;
        int index = ip0 + (ip1 << 3) + (ip2 << 6) + (ip3 << 9);
        return (sign << 16) | index;
    }

    /**
     * Sign of L_msu(L_mult(alp, sq2), sq, alp16): saturation keeps the sign, so compare exactly.
     * All four are 16-bit values, so each product fits an int.
     */
    private static boolean better(int alp, int sq2, int sq, int alp16) {
        return alp * sq2 > sq * alp16;
    }

    private static void addPulse(short[] y, short[] h, int pos, boolean positive) {
        if (positive) {
            for (int i = pos, j = 0; i < L_SUBFR; i++, j++) {
                y[i] = (short) add(y[i], h[j]);
            }
        } else {
            for (int i = pos, j = 0; i < L_SUBFR; i++, j++) {
                y[i] = (short) sub(y[i], h[j]);
            }
        }
    }

    /** Decodes the positions index and signs into a Q13 code vector (Decod_ACELP). */
    static void decode(int sign, int index, short[] cod) {
        int p0 = (index & 7) * 5;
        index >>= 3;
        int p1 = (index & 7) * 5 + 1;
        index >>= 3;
        int p2 = (index & 7) * 5 + 2;
        index >>= 3;
        int j = index & 1;
        index >>= 1;
        int p3 = (index & 7) * 5 + 3 + j;
        for (int i = 0; i < L_SUBFR; i++) {
            cod[i] = 0;
        }
        cod[p0] = (short) ((sign & 1) != 0 ? 8191 : -8192);
        cod[p1] = (short) ((sign & 2) != 0 ? 8191 : -8192);
        cod[p2] = (short) ((sign & 4) != 0 ? 8191 : -8192);
        cod[p3] = (short) ((sign & 8) != 0 ? 8191 : -8192);
    }
}
