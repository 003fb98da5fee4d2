package org.callpost.codec.g729.internal;

/**
 * The RFC 3551 / G.729 bit order: parameters most significant bit first, in transmission order,
 * 80 bits in 10 bytes for a speech frame and 15 bits (padded to 2 bytes) for an Annex B SID.
 */
final class BitPacker {
    /** Widths of the 11 speech parameters: L0+L1, L2+L3, P1, P0, C1, S1, GA1+GB1, P2, C2, S2, GA2+GB2. */
    static final int[] SPEECH_BITS = {8, 10, 8, 1, 13, 4, 7, 5, 13, 4, 7};
    /** Widths of the SID parameters: MA mode, L1, L2, gain. */
    static final int[] SID_BITS = {1, 5, 4, 5};

    static final int SPEECH_BYTES = 10;
    static final int SID_BYTES = 2;

    private BitPacker() {
    }

    static void pack(int[] prm, int[] widths, byte[] out, int off, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[off + i] = 0;
        }
        int bit = 0;
        for (int i = 0; i < widths.length; i++) {
            for (int b = widths[i] - 1; b >= 0; b--, bit++) {
                if (((prm[i] >> b) & 1) != 0) {
                    out[off + (bit >> 3)] |= (byte) (0x80 >> (bit & 7));
                }
            }
        }
    }

    static void unpack(byte[] in, int off, int bytes, int[] widths, int[] prm) {
        int bit = 0;
        for (int i = 0; i < widths.length; i++) {
            int v = 0;
            for (int b = 0; b < widths[i]; b++, bit++) {
                v = (v << 1) | ((in[off + (bit >> 3)] >> (7 - (bit & 7))) & 1);
            }
            prm[i] = v;
        }
    }
}
