package org.callpost.media.internal;

import java.nio.charset.StandardCharsets;

import org.callpost.media.internal.rtp.ReceiveStatistics;
import org.callpost.media.internal.rtp.RtpPacket;

/**
 * RTCP for one session (RFC 3550 section 6): builds our compound sender or receiver report with
 * SDES CNAME (and BYE on hang-up) into a reusable buffer, and reads the far end's reports for
 * the loss and jitter it sees of our audio. Anything that is not a valid compound packet is
 * refused for the caller to count.
 */
final class Rtcp {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    /** 0x83AA7E80: seconds from 1900 (NTP) to 1970 (Java). */
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final byte[] cname;
    /** Room for the longest report and SRTCP's index and tag after it. */
    final byte[] out = new byte[512];

    // the far end's last sender report, for LSR/DLSR in ours
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    // what the far end reports of our audio
    double remoteLossFraction;
    double remoteJitterMillis;
    long reportsReceived;

    Rtcp(String cname) {
        byte[] bytes = cname.getBytes(StandardCharsets.UTF_8);
        this.cname = bytes.length > 255 ? java.util.Arrays.copyOf(bytes, 255) : bytes;
    }

    /**
     * Writes SR (when we have sent since the last report) or RR, then SDES, and BYE when
     * {@code bye}.
     *
     * @return the datagram length
     */
    int build(long ssrc, boolean sender, int rtpTimestamp, long packetsSent, long octetsSent,
            ReceiveStatistics received, boolean bye) {
        boolean block = received.started();
        int p = 0;
        int words = (sender ? 6 : 1) + (block ? 6 : 0);
        out[p] = (byte) (0x80 | (block ? 1 : 0));
        out[p + 1] = (byte) (sender ? SR : RR);
        RtpPacket.putU16(out, p + 2, words);
        RtpPacket.putU32(out, p + 4, ssrc);
        p += 8;
        if (sender) {
            long millis = System.currentTimeMillis();
            long seconds = millis / 1000 + NTP_EPOCH_OFFSET;
            long fraction = ((millis % 1000) << 32) / 1000;
            RtpPacket.putU32(out, p, seconds);
            RtpPacket.putU32(out, p + 4, fraction);
            RtpPacket.putU32(out, p + 8, rtpTimestamp & 0xFFFFFFFFL);
            RtpPacket.putU32(out, p + 12, packetsSent);
            RtpPacket.putU32(out, p + 16, octetsSent);
            p += 20;
        }
        if (block) {
            RtpPacket.putU32(out, p, received.ssrc());
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, received.lost()));
            RtpPacket.putU32(out, p + 4, (long) received.fractionLostSinceLastReport() << 24 | lost & 0xFFFFFF);
            RtpPacket.putU32(out, p + 8, received.extendedHighest() & 0xFFFFFFFFL);
            RtpPacket.putU32(out, p + 12, (long) received.jitter());
            RtpPacket.putU32(out, p + 16, haveSr ? lastSrMiddle : 0);
            long dlsr = haveSr ? (System.nanoTime() - lastSrArrivalNanos) * 65536 / 1_000_000_000L : 0;
            RtpPacket.putU32(out, p + 20, dlsr);
            p += 24;
        }
        int sdesBytes = 4 + 4 + 2 + cname.length + 1;
        int sdesPadded = (sdesBytes + 3) & ~3;
        out[p] = (byte) 0x81;
        out[p + 1] = (byte) SDES;
        RtpPacket.putU16(out, p + 2, sdesPadded / 4 - 1);
        RtpPacket.putU32(out, p + 4, ssrc);
        out[p + 8] = 1; // CNAME
        out[p + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, out, p + 10, cname.length);
        for (int i = p + 10 + cname.length; i < p + sdesPadded; i++) {
            out[i] = 0; // END item and padding
        }
        p += sdesPadded;
        if (bye) {
            out[p] = (byte) 0x81;
            out[p + 1] = (byte) BYE;
            RtpPacket.putU16(out, p + 2, 1);
            RtpPacket.putU32(out, p + 4, ssrc);
            p += 8;
        }
        return p;
    }

    /**
     * Reads a received compound RTCP packet.
     *
     * @return false if it is not valid RTCP (RFC 3550 A.2 checks): the caller drops and counts it
     */
    boolean read(byte[] data, int length, long ourSsrc) {
        if (length < 8 || (data[0] & 0xC0) != 0x80) {
            return false;
        }
        int first = data[1] & 0xFF;
        if (first != SR && first != RR) {
            return false;
        }
        int p = 0;
        while (p < length) {
            if (p + 4 > length || (data[p] & 0xC0) != 0x80) {
                return false;
            }
            int type = data[p + 1] & 0xFF;
            int bytes = (RtpPacket.u16(data, p + 2) + 1) * 4;
            if (type < 192 || type > 223 || p + bytes > length) {
                return false;
            }
            if (type == SR || type == RR) {
                int count = data[p] & 0x1F;
                int blocks = p + (type == SR ? 28 : 8);
                if (blocks + 24 * count > p + bytes) {
                    return false;
                }
                if (type == SR) {
                    lastSrMiddle = RtpPacket.u32(data, p + 10);
                    lastSrArrivalNanos = System.nanoTime();
                    haveSr = true;
                }
                for (int i = 0; i < count; i++) {
                    int b = blocks + 24 * i;
                    if (RtpPacket.u32(data, b) == ourSsrc) {
                        remoteLossFraction = (data[b + 4] & 0xFF) / 256.0;
                        remoteJitterMillis = RtpPacket.u32(data, b + 12) / 8.0;
                        reportsReceived++;
                    }
                }
            }
            p += bytes;
        }
        return true;
    }
}
