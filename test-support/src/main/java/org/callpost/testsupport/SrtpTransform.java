package org.callpost.testsupport;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP for the test peers (RFC 3711, AES_CM_128_HMAC_SHA1_80 or _32, SRTCP with an 80-bit tag),
 * written apart from Callpost's own so that a test checks one against the other: plain
 * javax.crypto (AES/CTR, HmacSHA1), new arrays per packet, one stream each way. The receiver
 * keeps the highest index and refuses a packet seen before (no reordering window: tests send in order).
 */
public final class SrtpTransform {
    private final int tagBytes;
    private final byte[] rtpKey;
    private final byte[] rtpAuth;
    private final byte[] rtpSalt;
    private final byte[] rtcpKey;
    private final byte[] rtcpAuth;
    private final byte[] rtcpSalt;
    private long sendRoc;
    private int lastSequence = -1;
    private long srtcpIndex;
    private long highestReceived = -1;
    private final java.util.Set<Long> seen = new java.util.HashSet<>();

    /** {@code inlineKey}: base64 of the 16-byte master key and 14-byte salt, as in {@code a=crypto}. */
    public SrtpTransform(String inlineKey, int tagBytes) {
        byte[] keySalt = Base64.getDecoder().decode(inlineKey);
        if (keySalt.length != 30) {
            throw new IllegalArgumentException("an SDES key is 30 bytes, not " + keySalt.length);
        }
        byte[] key = Arrays.copyOf(keySalt, 16);
        byte[] salt = Arrays.copyOfRange(keySalt, 16, 30);
        this.tagBytes = tagBytes;
        rtpKey = derive(key, salt, 0, 16);
        rtpAuth = derive(key, salt, 1, 20);
        rtpSalt = derive(key, salt, 2, 14);
        rtcpKey = derive(key, salt, 3, 16);
        rtcpAuth = derive(key, salt, 4, 20);
        rtcpSalt = derive(key, salt, 5, 14);
    }

    /** A fresh random SDES key. */
    public static String newKey() {
        byte[] b = new byte[30];
        new java.security.SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] derive(byte[] key, byte[] salt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return ctr(key, iv, new byte[length]);
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac m = Mac.getInstance("HmacSHA1");
            m.init(new SecretKeySpec(key, "HmacSHA1"));
            for (byte[] p : parts) {
                m.update(p);
            }
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] iv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }

    private static int headerLength(byte[] p) {
        int h = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0) {
            h += 4 + 4 * ((p[h + 2] & 0xFF) << 8 | p[h + 3] & 0xFF);
        }
        return h;
    }

    private static long u32(byte[] p, int at) {
        return ByteBuffer.wrap(p, at, 4).getInt() & 0xFFFFFFFFL;
    }

    /** The SRTP packet for the RTP packet {@code rtp}. */
    public synchronized byte[] protectRtp(byte[] rtp) {
        int seq = (rtp[2] & 0xFF) << 8 | rtp[3] & 0xFF;
        if (lastSequence >= 0 && seq < lastSequence && lastSequence - seq > 0x8000) {
            sendRoc++;
        }
        lastSequence = seq;
        int h = headerLength(rtp);
        byte[] out = Arrays.copyOf(rtp, rtp.length + tagBytes);
        byte[] enc = ctr(rtpKey, iv(rtpSalt, u32(rtp, 8), sendRoc << 16 | seq), Arrays.copyOfRange(rtp, h, rtp.length));
        System.arraycopy(enc, 0, out, h, enc.length);
        byte[] tag = hmac(rtpAuth, Arrays.copyOf(out, rtp.length), ByteBuffer.allocate(4).putInt((int) sendRoc).array());
        System.arraycopy(tag, 0, out, rtp.length, tagBytes);
        return out;
    }

    /** The RTP packet inside {@code srtp}, or null if its tag is wrong or it was seen before. */
    public synchronized byte[] unprotectRtp(byte[] srtp) {
        if (srtp.length < 12 + tagBytes) {
            return null;
        }
        int end = srtp.length - tagBytes;
        int seq = (srtp[2] & 0xFF) << 8 | srtp[3] & 0xFF;
        long roc = highestReceived < 0 ? 0 : highestReceived >>> 16;
        int sl = (int) (highestReceived & 0xFFFF);
        if (highestReceived >= 0) {
            if (sl < 0x8000 && seq - sl > 0x8000) {
                roc--;
            } else if (sl >= 0x8000 && sl - 0x8000 > seq) {
                roc++;
            }
        }
        long index = Math.max(0, roc) << 16 | seq;
        byte[] body = Arrays.copyOf(srtp, end);
        byte[] tag = hmac(rtpAuth, body, ByteBuffer.allocate(4).putInt((int) (index >>> 16)).array());
        if (!MessageDigest.isEqual(Arrays.copyOf(tag, tagBytes), Arrays.copyOfRange(srtp, end, srtp.length))
                || !seen.add(index)) {
            return null;
        }
        highestReceived = Math.max(highestReceived, index);
        int h = headerLength(body);
        byte[] clear = ctr(rtpKey, iv(rtpSalt, u32(body, 8), index), Arrays.copyOfRange(body, h, end));
        System.arraycopy(clear, 0, body, h, clear.length);
        return body;
    }

    /** The SRTCP packet for the compound RTCP packet {@code rtcp} (encrypted, E flag set). */
    public synchronized byte[] protectRtcp(byte[] rtcp) {
        long index = srtcpIndex++ & 0x7FFFFFFF;
        byte[] out = Arrays.copyOf(rtcp, rtcp.length + 14);
        byte[] enc = ctr(rtcpKey, iv(rtcpSalt, u32(rtcp, 4), index), Arrays.copyOfRange(rtcp, 8, rtcp.length));
        System.arraycopy(enc, 0, out, 8, enc.length);
        ByteBuffer.wrap(out, rtcp.length, 4).putInt((int) (0x80000000L | index));
        byte[] tag = hmac(rtcpAuth, Arrays.copyOf(out, rtcp.length + 4));
        System.arraycopy(tag, 0, out, rtcp.length + 4, 10);
        return out;
    }

    /** The RTCP inside an SRTCP packet, or null if its tag is wrong. */
    public byte[] unprotectRtcp(byte[] srtcp) {
        if (srtcp.length < 8 + 14) {
            return null;
        }
        int end = srtcp.length - 14;
        byte[] tag = hmac(rtcpAuth, Arrays.copyOf(srtcp, end + 4));
        if (!MessageDigest.isEqual(Arrays.copyOf(tag, 10), Arrays.copyOfRange(srtcp, end + 4, srtcp.length))) {
            return null;
        }
        long index = u32(srtcp, end) & 0x7FFFFFFF;
        byte[] out = Arrays.copyOf(srtcp, end);
        if ((srtcp[end] & 0x80) != 0) {
            byte[] clear = ctr(rtcpKey, iv(rtcpSalt, u32(srtcp, 4), index), Arrays.copyOfRange(srtcp, 8, end));
            System.arraycopy(clear, 0, out, 8, clear.length);
        }
        return out;
    }
}
