package org.callpost.media.internal.srtp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.Test;

/**
 * RFC 3711 Appendix B's AES-CM keystream and key derivation, libsrtp's reference packets
 * (srtp_validate: the same master key, SSRC 0xcafebabe), and what a receiver must refuse.
 */
public class SrtpContextTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
    private static final String RTP_PLAIN = "800f1234decafbadcafebabe" + "ab".repeat(16);
    private static final String SRTP_80 = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
    private static final String RTCP_PLAIN = "81c8000bcafebabe" + "ab".repeat(16);
    private static final String SRTCP_INDEX_1 =
            "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

    @Test
    public void aesCounterModeKeystreamIsRfc3711AppendixB2() {
        AesCounterMode aes = new AesCounterMode(HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] out = new byte[48];
        aes.keystream(HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), out, 48);
        assertEquals("E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB"
                + "41E95B3BB0A2E8DD477901E4FCA894C0", HEX.withUpperCase().formatHex(out));
    }

    @Test
    public void keyDerivationIsRfc3711AppendixB3() {
        AesCounterMode master = new AesCounterMode(MASTER_KEY);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(SrtpContext.derive(master, MASTER_SALT, 0, 16)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(SrtpContext.derive(master, MASTER_SALT, 2, 14)));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4",
                HEX.formatHex(SrtpContext.derive(master, MASTER_SALT, 1, 20)));
    }

    @Test
    public void protectsRtpAsLibsrtpDoes() {
        byte[] packet = buffer(RTP_PLAIN);
        int length = new SrtpContext(MASTER_KEY, MASTER_SALT, 10).protectRtp(packet, 28);
        assertEquals(38, length);
        assertEquals(SRTP_80, HEX.formatHex(packet, 0, length));
    }

    @Test
    public void the32BitSuiteSendsTheFirstFourBytesOfTheTag() {
        byte[] packet = buffer(RTP_PLAIN);
        int length = new SrtpContext(MASTER_KEY, MASTER_SALT, 4).protectRtp(packet, 28);
        assertEquals(SRTP_80.substring(0, 64), HEX.formatHex(packet, 0, length));
    }

    @Test
    public void unprotectsLibsrtpsPacket() {
        byte[] packet = buffer(SRTP_80);
        int length = new SrtpContext(MASTER_KEY, MASTER_SALT, 10).unprotectRtp(packet, 38);
        assertEquals(28, length);
        assertEquals(RTP_PLAIN, HEX.formatHex(packet, 0, length));
    }

    @Test
    public void protectsAndUnprotectsRtcpAsLibsrtpDoes() {
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        sender.protectRtcp(buffer(RTCP_PLAIN), 24); // index 0; libsrtp's reference is index 1
        byte[] packet = buffer(RTCP_PLAIN);
        int length = sender.protectRtcp(packet, 24);
        assertEquals(SRTCP_INDEX_1, HEX.formatHex(packet, 0, length));

        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        assertEquals(24, receiver.unprotectRtcp(packet, length));
        assertEquals(RTCP_PLAIN, HEX.formatHex(packet, 0, 24));
        byte[] again = buffer(SRTCP_INDEX_1);
        assertEquals("the same SRTCP index twice", SrtpContext.REPLAYED, receiver.unprotectRtcp(again, 38));
    }

    @Test
    public void roundTripAcrossTheSequenceWrapAndRefusesReplaysAndTampering() {
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        byte[] packet = new byte[200];
        byte[] kept = null;
        int keptLength = 0;
        for (int i = 0; i < 300; i++) {
            int sequence = (0xFF00 + i) & 0xFFFF; // wraps at i = 256: the ROC goes to 1
            int length = rtp(packet, sequence, i);
            int protectedLength = sender.protectRtp(packet, length);
            byte[] clear = new byte[160];
            Arrays.fill(clear, (byte) i);
            assertNotEquals("payload not in the clear", Arrays.toString(clear), Arrays.toString(Arrays.copyOfRange(packet, 12, 172)));
            if (i == 280) {
                kept = Arrays.copyOf(packet, 200);
                keptLength = protectedLength;
            }
            assertEquals(length, receiver.unprotectRtp(packet, protectedLength));
            assertEquals((byte) i, packet[12]);
            assertEquals((byte) i, packet[length - 1]);
        }
        assertEquals("a replayed packet", SrtpContext.REPLAYED, receiver.unprotectRtp(kept.clone(), keptLength));

        int length = rtp(packet, (0xFF00 + 300) & 0xFFFF, 300);
        int protectedLength = sender.protectRtp(packet, length);
        byte[] tampered = Arrays.copyOf(packet, 200);
        tampered[20] ^= 1;
        assertEquals(SrtpContext.AUTH_FAILED, receiver.unprotectRtp(tampered, protectedLength));
        byte[] badTag = Arrays.copyOf(packet, 200);
        badTag[protectedLength - 1] ^= (byte) 0x80;
        assertEquals(SrtpContext.AUTH_FAILED, receiver.unprotectRtp(badTag, protectedLength));
        assertEquals("the genuine packet after the forgeries", length, receiver.unprotectRtp(packet, protectedLength));
    }

    @Test
    public void acceptsReorderedPacketsInsideTheWindowOnceAndRefusesOlderOnes() {
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT, 4);
        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT, 4);
        byte[][] packets = new byte[100][];
        int[] lengths = new int[100];
        for (int i = 0; i < 100; i++) {
            packets[i] = new byte[200];
            lengths[i] = sender.protectRtp(packets[i], rtp(packets[i], 1000 + i, i));
        }
        assertEquals(172, receiver.unprotectRtp(packets[0].clone(), lengths[0]));
        assertEquals(172, receiver.unprotectRtp(packets[90].clone(), lengths[90]));
        assertEquals("63 behind the highest: in the window", 172, receiver.unprotectRtp(packets[27].clone(), lengths[27]));
        assertEquals(SrtpContext.REPLAYED, receiver.unprotectRtp(packets[27].clone(), lengths[27]));
        assertEquals("64 behind: out of the window", SrtpContext.REPLAYED, receiver.unprotectRtp(packets[26].clone(), lengths[26]));
        assertEquals(172, receiver.unprotectRtp(packets[95].clone(), lengths[95]));
    }

    @Test
    public void eachSsrcHasItsOwnReplayWindow() {
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        byte[] audio = new byte[200];
        int audioLength = sender.protectRtp(audio, rtp(audio, 100, 1));
        byte[] event = new byte[200];
        int eventLength = sender.protectRtp(event, ssrc(event, rtp(event, 7000, 2), 0x33));
        assertEquals(172, receiver.unprotectRtp(audio.clone(), audioLength));
        assertEquals("another SSRC: a stream of its own", 172, receiver.unprotectRtp(event.clone(), eventLength));
        assertEquals("the first stream's packet again", SrtpContext.REPLAYED, receiver.unprotectRtp(audio.clone(), audioLength));
        assertEquals(SrtpContext.REPLAYED, receiver.unprotectRtp(event.clone(), eventLength));
    }

    private static int ssrc(byte[] packet, int length, int fill) {
        Arrays.fill(packet, 8, 12, (byte) fill);
        return length;
    }

    @Test
    public void theWrongKeyIsRefused() {
        byte[] packet = buffer(SRTP_80);
        byte[] otherKey = MASTER_KEY.clone();
        otherKey[0] ^= 1;
        assertEquals(SrtpContext.AUTH_FAILED, new SrtpContext(otherKey, MASTER_SALT, 10).unprotectRtp(packet, 38));
    }

    @Test
    public void protectingAndUnprotectingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT, 10);
        byte[] packet = new byte[256];
        byte[] rtcp = new byte[256];
        run(sender, receiver, packet, rtcp, 0, 10_000); // warm up: the JIT, the providers' first use
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        run(sender, receiver, packet, rtcp, 10_000, 10_000);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        System.out.println("SRTP: " + allocated + " bytes allocated over 10,000 RTP and 100 RTCP packets both ways");
        assertTrue("allocated " + allocated + " bytes over 10,000 packets", allocated < 10_000);
    }

    private static void run(SrtpContext sender, SrtpContext receiver, byte[] packet, byte[] rtcp, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int length = rtp(packet, i & 0xFFFF, i);
            if (receiver.unprotectRtp(packet, sender.protectRtp(packet, length)) != length) {
                throw new AssertionError("packet " + i);
            }
            if (i % 100 == 0) {
                Arrays.fill(rtcp, 0, 52, (byte) 0);
                rtcp[0] = (byte) 0x80;
                rtcp[1] = (byte) 201;
                if (receiver.unprotectRtcp(rtcp, sender.protectRtcp(rtcp, 52)) != 52) {
                    throw new AssertionError("rtcp " + i);
                }
            }
        }
    }

    /** A 20 ms PCMU packet: 160 payload bytes of {@code fill}. */
    private static int rtp(byte[] packet, int sequence, int fill) {
        packet[0] = (byte) 0x80;
        packet[1] = 0;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        Arrays.fill(packet, 4, 8, (byte) 0x11);
        Arrays.fill(packet, 8, 12, (byte) 0x22);
        Arrays.fill(packet, 12, 172, (byte) fill);
        return 172;
    }

    private static byte[] buffer(String hex) {
        return Arrays.copyOf(HEX.parseHex(hex), 256);
    }
}
