package org.callpost.media.internal.rtp;

/**
 * A reusable view of one received RTP datagram (RFC 3550 section 5.1): the parser fills the
 * fields in place so reading a packet allocates nothing.
 */
public final class RtpPacket {
    /** Why a datagram was refused, or {@link #OK}. */
    public static final int OK = 0;
    public static final int TOO_SHORT = 1;
    public static final int BAD_VERSION = 2;
    public static final int BAD_LAYOUT = 3;

    public static final int HEADER_BYTES = 12;

    public boolean marker;
    public int payloadType;
    public int sequence;
    public int timestamp;
    public long ssrc;
    public int payloadOffset;
    public int payloadLength;

    /** Parses {@code length} bytes of {@code data}; returns {@link #OK} or the reason to drop it. */
    public int parse(byte[] data, int length) {
        if (length < HEADER_BYTES) {
            return TOO_SHORT;
        }
        int b0 = data[0] & 0xFF;
        if ((b0 >>> 6) != 2) {
            return BAD_VERSION;
        }
        int b1 = data[1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = u16(data, 2);
        timestamp = (int) u32(data, 4);
        ssrc = u32(data, 8);
        int offset = HEADER_BYTES + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) { // header extension: skip it
            if (offset + 4 > length) {
                return BAD_LAYOUT;
            }
            offset += 4 + 4 * u16(data, offset + 2);
        }
        int end = length;
        if ((b0 & 0x20) != 0) { // padding: the last byte counts it
            int padding = data[length - 1] & 0xFF;
            if (padding == 0) {
                return BAD_LAYOUT;
            }
            end -= padding;
        }
        if (offset > end) {
            return BAD_LAYOUT;
        }
        payloadOffset = offset;
        payloadLength = end - offset;
        return OK;
    }

    /** Writes a 12-byte RTP header (no CSRC, no extension) at the start of {@code out}. */
    public static void writeHeader(byte[] out, boolean marker, int payloadType, int sequence, int timestamp, long ssrc) {
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[2] = (byte) (sequence >>> 8);
        out[3] = (byte) sequence;
        putU32(out, 4, timestamp & 0xFFFFFFFFL);
        putU32(out, 8, ssrc);
    }

    public static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    public static long u32(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | (data[offset + 1] & 0xFF) << 16
                | (data[offset + 2] & 0xFF) << 8 | data[offset + 3] & 0xFF;
    }

    public static void putU32(byte[] out, int offset, long value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    public static void putU16(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 8);
        out[offset + 1] = (byte) value;
    }
}
