package org.callpost.codec.g711.internal;

/**
 * The two G.711 companding laws as lookup tables: one 64 KiB encoder table per law indexed by the
 * 16-bit sample, one 256-entry decoder table. Built once from the segment rules of ITU-T G.711
 * (the same arithmetic as the ITU's G.191 reference code), so the per-sample work is one load.
 */
final class G711 {
    /** Segment end points of the 13-bit (A-law) and biased 14-bit (mu-law) magnitude. */
    private static final int[] SEG_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    static final byte[] ULAW_ENCODE = new byte[65536];
    static final byte[] ALAW_ENCODE = new byte[65536];
    static final short[] ULAW_DECODE = new short[256];
    static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 65536; i++) {
            short pcm = (short) i;
            ULAW_ENCODE[i] = linearToUlaw(pcm);
            ALAW_ENCODE[i] = linearToAlaw(pcm);
        }
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = ulawToLinear(code);
            ALAW_DECODE[code] = alawToLinear(code);
        }
    }

    private G711() {
    }

    private static int segment(int value) {
        for (int seg = 0; seg < SEG_END.length; seg++) {
            if (value <= SEG_END[seg]) {
                return seg;
            }
        }
        return SEG_END.length;
    }

    /** A-law: 13-bit magnitude, negative values one's-complemented as in G.191; even bits inverted. */
    static byte linearToAlaw(short pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5; // sign bit set = positive, then the even-bit inversion 0x55
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int seg = segment(value);
        int code;
        if (seg >= 8) {
            code = 0x7F;
        } else {
            code = seg << 4;
            code |= seg < 2 ? (value >> 1) & 0x0F : (value >> seg) & 0x0F;
        }
        return (byte) (code ^ mask);
    }

    static short alawToLinear(int code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (seg - 1);
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    /** mu-law: 14-bit magnitude plus the bias 33, clipped at 8159, all bits inverted. */
    static byte linearToUlaw(short pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value - 1; // one's complement, as G.191 does
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (value > 8158) {
            value = 8158;
        }
        value += 33;
        int seg = segment(value >> 1); // biased value runs 33..8191: one bit wider than A-law's table
        int code;
        if (seg >= 8) {
            code = 0x7F;
        } else {
            code = (seg << 4) | ((value >> (seg + 1)) & 0x0F);
        }
        return (byte) (code ^ mask);
    }

    static short ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }
}
