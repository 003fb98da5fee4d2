package org.callpost.media.internal.srtp;

/**
 * SRTP and SRTCP (RFC 3711) for one direction of one call: the session keys derived from one
 * master key and salt (key derivation rate 0), AES-128 counter mode, HMAC-SHA1 tags, the
 * roll-over counter and a 64-packet replay window. Packets are transformed in place in the
 * caller's array, which must have room for the tag (and SRTCP's index) after the packet; nothing
 * is allocated per packet. Not thread-safe: one session's clock thread uses it.
 */
public final class SrtpContext {
    public static final int MASTER_KEY_BYTES = 16;
    public static final int MASTER_SALT_BYTES = 14;
    /** SRTCP's tag is 80 bits for both suites (RFC 3711 section 3.4, as libsrtp does). */
    public static final int SRTCP_TAG_BYTES = 10;
    /** What protecting adds at most: SRTCP's E flag and index plus its tag. */
    public static final int MAX_OVERHEAD = 4 + SRTCP_TAG_BYTES;

    /** Why a received packet was refused (negative lengths). */
    public static final int MALFORMED = -1;
    public static final int AUTH_FAILED = -2;
    public static final int REPLAYED = -3;

    private static final int REPLAY_WINDOW = 64;

    private final int rtpTagBytes;
    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final HmacSha1 rtpAuth;
    private final HmacSha1 rtcpAuth;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[16];
    private final byte[] tag = new byte[HmacSha1.BYTES];
    private final byte[] rocBytes = new byte[4];

    // sending
    private boolean sentAny;
    private int lastSentSequence;
    private long sendRoc;
    private long srtcpIndex;

    /**
     * Receiving: the far end's streams by SSRC (audio and telephone-events may differ), each with
     * its highest index and replay window. A fifth SSRC takes the place of the one heard from
     * least recently; only an authenticated packet makes a stream.
     */
    static final int STREAMS = 4;
    private final long[] streamSsrc = new long[STREAMS];
    private final long[] streamHighest = new long[STREAMS];
    private final long[] streamWindow = new long[STREAMS];
    private final long[] streamUsed = new long[STREAMS];
    private int streams;
    private long uses;
    private boolean receivingRtcp;
    private long highestRtcpIndex;
    private long rtcpReplayWindow;

    /**
     * @param masterKey  16 bytes
     * @param masterSalt 14 bytes
     * @param rtpTagBytes 10 (AES_CM_128_HMAC_SHA1_80) or 4 (_32)
     */
    public SrtpContext(byte[] masterKey, byte[] masterSalt, int rtpTagBytes) {
        if (masterKey.length != MASTER_KEY_BYTES || masterSalt.length != MASTER_SALT_BYTES) {
            throw new IllegalArgumentException("SRTP needs a 16-byte master key and a 14-byte master salt");
        }
        if (rtpTagBytes != 10 && rtpTagBytes != 4) {
            throw new IllegalArgumentException("SRTP tag of 10 or 4 bytes, not " + rtpTagBytes);
        }
        this.rtpTagBytes = rtpTagBytes;
        AesCounterMode master = new AesCounterMode(masterKey);
        rtpCipher = new AesCounterMode(derive(master, masterSalt, 0, 16));
        rtpAuth = new HmacSha1(derive(master, masterSalt, 1, 20));
        rtpSalt = derive(master, masterSalt, 2, 14);
        rtcpCipher = new AesCounterMode(derive(master, masterSalt, 3, 16));
        rtcpAuth = new HmacSha1(derive(master, masterSalt, 4, 20));
        rtcpSalt = derive(master, masterSalt, 5, 14);
    }

    /** RFC 3711 section 4.3.1 with kdr 0: x = label at octet 7 XOR the salt, keystream of x * 2^16. */
    static byte[] derive(AesCounterMode master, byte[] masterSalt, int label, int length) {
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, 14);
        x[7] ^= (byte) label;
        byte[] out = new byte[length];
        master.keystream(x, out, length);
        return out;
    }

    public int rtpTagBytes() {
        return rtpTagBytes;
    }

    // ------------------------------------------------------------------ SRTP

    /**
     * Encrypts and signs the RTP packet in {@code packet[0..length)} in place and appends the tag.
     *
     * @return the protected length ({@code length} + the tag), or {@link #MALFORMED}
     */
    public int protectRtp(byte[] packet, int length) {
        int header = rtpHeaderBytes(packet, length);
        if (header < 0 || length + rtpTagBytes > packet.length) {
            return MALFORMED;
        }
        int sequence = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        if (sentAny && sequence < lastSentSequence && lastSentSequence - sequence > 0x8000) {
            sendRoc = (sendRoc + 1) & 0xFFFFFFFFL; // the sequence number wrapped
        }
        sentAny = true;
        lastSentSequence = sequence;
        long index = sendRoc << 16 | sequence;
        rtpIv(rtpSalt, u32(packet, 8), index);
        rtpCipher.apply(iv, packet, header, length - header);
        rtpTag(packet, length, sendRoc);
        System.arraycopy(tag, 0, packet, length, rtpTagBytes);
        return length + rtpTagBytes;
    }

    /**
     * Checks and decrypts the SRTP packet in {@code packet[0..length)} in place.
     *
     * @return the RTP length without the tag, or {@link #MALFORMED}, {@link #AUTH_FAILED},
     *         {@link #REPLAYED}: the packet is to be dropped
     */
    public int unprotectRtp(byte[] packet, int length) {
        int end = length - rtpTagBytes;
        int header = rtpHeaderBytes(packet, end);
        if (header < 0) {
            return MALFORMED;
        }
        long ssrc = u32(packet, 8);
        int sequence = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        int stream = -1;
        for (int i = 0; i < streams; i++) {
            if (streamSsrc[i] == ssrc) {
                stream = i;
            }
        }
        long index;
        long delta = 0;
        if (stream < 0) {
            index = sequence; // the first packet of a stream sets ROC 0 (RFC 3711 section 3.3.1)
        } else {
            index = estimateIndex(streamHighest[stream], sequence);
            delta = index - streamHighest[stream];
            if (delta <= 0 && (-delta >= REPLAY_WINDOW || (streamWindow[stream] & 1L << -delta) != 0)) {
                return REPLAYED;
            }
        }
        long roc = index >>> 16;
        rtpTag(packet, end, roc);
        if (!sameTag(packet, end, rtpTagBytes)) {
            return AUTH_FAILED;
        }
        rtpIv(rtpSalt, ssrc, index);
        rtpCipher.apply(iv, packet, header, end - header);
        if (stream < 0) {
            stream = newStream(ssrc);
            streamHighest[stream] = index;
            streamWindow[stream] = 1;
        } else if (delta > 0) {
            streamWindow[stream] = delta < REPLAY_WINDOW ? streamWindow[stream] << delta | 1 : 1;
            streamHighest[stream] = index;
        } else {
            streamWindow[stream] |= 1L << -delta;
        }
        streamUsed[stream] = ++uses;
        return end;
    }

    private int newStream(long ssrc) {
        int slot = streams;
        if (streams < STREAMS) {
            streams++;
        } else {
            slot = 0;
            for (int i = 1; i < STREAMS; i++) {
                if (streamUsed[i] < streamUsed[slot]) {
                    slot = i;
                }
            }
        }
        streamSsrc[slot] = ssrc;
        return slot;
    }

    /** RFC 3711 Appendix A: the index of {@code sequence} guessed from the highest one seen. */
    private static long estimateIndex(long highestIndex, int sequence) {
        long roc = highestIndex >>> 16;
        int highest = (int) (highestIndex & 0xFFFF);
        long v;
        if (highest < 0x8000) {
            v = sequence - highest > 0x8000 ? roc - 1 : roc;
        } else {
            v = highest - 0x8000 > sequence ? roc + 1 : roc;
        }
        if (v < 0) {
            v = 0; // before the first packet's ROC: nothing older can be valid anyway
        }
        return (v & 0xFFFFFFFFL) << 16 | sequence;
    }

    private void rtpTag(byte[] packet, int length, long roc) {
        rocBytes[0] = (byte) (roc >>> 24);
        rocBytes[1] = (byte) (roc >>> 16);
        rocBytes[2] = (byte) (roc >>> 8);
        rocBytes[3] = (byte) roc;
        rtpAuth.update(packet, 0, length);
        rtpAuth.update(rocBytes, 0, 4);
        rtpAuth.finish(tag, 0);
    }

    /** The fixed header, CSRCs and extension: what stays in the clear; -1 if they do not fit. */
    private static int rtpHeaderBytes(byte[] packet, int length) {
        if (length < 12 || (packet[0] & 0xC0) != 0x80) {
            return -1;
        }
        int header = 12 + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) {
            if (header + 4 > length) {
                return -1;
            }
            header += 4 + 4 * ((packet[header + 2] & 0xFF) << 8 | packet[header + 3] & 0xFF);
        }
        return header <= length ? header : -1;
    }

    /** IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 section 4.1.1. */
    private void rtpIv(byte[] salt, long ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        iv[14] = 0;
        iv[15] = 0;
    }

    /** Compares in constant time: how much of a forged tag was right must not show in timing. */
    private boolean sameTag(byte[] packet, int offset, int bytes) {
        int difference = 0;
        for (int i = 0; i < bytes; i++) {
            difference |= tag[i] ^ packet[offset + i];
        }
        return difference == 0;
    }

    private static long u32(byte[] packet, int offset) {
        return ((long) (packet[offset] & 0xFF) << 24) | (packet[offset + 1] & 0xFF) << 16
                | (packet[offset + 2] & 0xFF) << 8 | packet[offset + 3] & 0xFF;
    }

    // ------------------------------------------------------------------ SRTCP

    /**
     * Encrypts the compound RTCP packet in {@code packet[0..length)} after its first 8 bytes,
     * appends E flag and index, and the 80-bit tag.
     *
     * @return the protected length ({@code length} + 14), or {@link #MALFORMED}
     */
    public int protectRtcp(byte[] packet, int length) {
        if (length < 8 || length + MAX_OVERHEAD > packet.length) {
            return MALFORMED;
        }
        long index = srtcpIndex;
        srtcpIndex = (srtcpIndex + 1) & 0x7FFFFFFFL;
        rtpIv(rtcpSalt, u32(packet, 4), index);
        rtcpCipher.apply(iv, packet, 8, length - 8);
        packet[length] = (byte) (0x80 | index >>> 24);
        packet[length + 1] = (byte) (index >>> 16);
        packet[length + 2] = (byte) (index >>> 8);
        packet[length + 3] = (byte) index;
        rtcpAuth.update(packet, 0, length + 4);
        rtcpAuth.finish(tag, 0);
        System.arraycopy(tag, 0, packet, length + 4, SRTCP_TAG_BYTES);
        return length + MAX_OVERHEAD;
    }

    /**
     * Checks and decrypts an SRTCP packet in place. A 32-bit-tag suite also accepts a 32-bit
     * SRTCP tag: libre (baresip) signs SRTCP with the suite's RTP tag length.
     *
     * @return the RTCP length, or a negative reason to drop it
     */
    public int unprotectRtcp(byte[] packet, int length) {
        int verdict = unprotectRtcp(packet, length, SRTCP_TAG_BYTES);
        if (verdict == AUTH_FAILED && rtpTagBytes != SRTCP_TAG_BYTES) {
            verdict = unprotectRtcp(packet, length, rtpTagBytes);
        }
        return verdict;
    }

    private int unprotectRtcp(byte[] packet, int length, int tagBytes) {
        int end = length - tagBytes - 4;
        if (end < 8 || (packet[0] & 0xC0) != 0x80) {
            return MALFORMED;
        }
        boolean encrypted = (packet[end] & 0x80) != 0;
        long index = ((long) (packet[end] & 0x7F) << 24) | (packet[end + 1] & 0xFF) << 16
                | (packet[end + 2] & 0xFF) << 8 | packet[end + 3] & 0xFF;
        long delta = index - highestRtcpIndex;
        if (receivingRtcp && delta <= 0
                && (-delta >= REPLAY_WINDOW || (rtcpReplayWindow & 1L << -delta) != 0)) {
            return REPLAYED;
        }
        rtcpAuth.update(packet, 0, end + 4);
        rtcpAuth.finish(tag, 0);
        if (!sameTag(packet, end + 4, tagBytes)) {
            return AUTH_FAILED;
        }
        if (encrypted) {
            rtpIv(rtcpSalt, u32(packet, 4), index);
            rtcpCipher.apply(iv, packet, 8, end - 8);
        }
        if (!receivingRtcp) {
            receivingRtcp = true;
            highestRtcpIndex = index;
            rtcpReplayWindow = 1;
        } else if (delta > 0) {
            rtcpReplayWindow = delta < REPLAY_WINDOW ? rtcpReplayWindow << delta | 1 : 1;
            highestRtcpIndex = index;
        } else {
            rtcpReplayWindow |= 1L << -delta;
        }
        return end;
    }
}
