package org.callpost.codec.g729.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.junit.Test;
import org.openjdk.jol.info.GraphLayout;

public class G729ChannelTest {
    private final CodecProvider provider = new G729CodecProvider();

    private static short[] speechLike(int n) {
        short[] pcm = new short[n];
        java.util.Random r = new java.util.Random(5);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double f = 120 + 40 * Math.sin(i / 800.0);
            phase += 2 * Math.PI * f / 8000;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            pcm[i] = (short) (6000 * v * (0.6 + 0.4 * Math.sin(i / 1500.0)) + r.nextGaussian() * 200);
        }
        return pcm;
    }

    @Test
    public void describesG729AnnexA() {
        assertEquals("G729", provider.encodingName());
        assertEquals(18, provider.staticPayloadType());
        assertEquals(8000, provider.clockRate());
        assertEquals(80, provider.frameSamples());
        assertEquals(20, provider.encodedBytes(160));
        assertEquals("annexb=no", provider.fmtp());
    }

    @Test
    public void twentyMillisecondPacketCarriesTwoFrames() {
        CodecChannel ch = provider.newChannel();
        short[] pcm = speechLike(160);
        byte[] packet = new byte[40];
        assertEquals(20, ch.encode(pcm, 0, 160, packet, 0));
        short[] out = new short[160];
        assertEquals(160, ch.decode(packet, 0, 20, out, 0, 160));
    }

    @Test
    public void trailingSidAndDtxGapsBecomeComfortNoise() {
        CodecChannel ch = provider.newChannel();
        byte[] packet = new byte[22];
        ch.encode(speechLike(160), 0, 160, packet, 0);
        BitPacker.pack(new int[] {0, 10, 5, 20}, BitPacker.SID_BITS, packet, 20, 2);
        short[] out = new short[400];
        assertEquals(240, ch.decode(packet, 0, 22, out, 0, 240));
        // nothing sent for the next 20 ms: noise continues at the SID's level
        assertEquals(160, ch.decode(packet, 0, 0, out, 240, 160));
        double sid = rms(out, 160, 80);
        double gap = rms(out, 240, 160);
        assertTrue("SID frame silent: " + sid, sid > 20);
        assertTrue("DTX gap level " + gap + " far from SID level " + sid, gap > sid / 3 && gap < sid * 3);
    }

    @Test
    public void louderSidGivesLouderNoise() {
        double last = 0;
        for (int gain : new int[] {5, 15, 25}) {
            CodecChannel ch = provider.newChannel();
            byte[] sid = new byte[2];
            BitPacker.pack(new int[] {0, 3, 3, gain}, BitPacker.SID_BITS, sid, 0, 2);
            short[] out = new short[800];
            ch.decode(sid, 0, 2, out, 0, 80);
            ch.decode(sid, 0, 0, out, 80, 720);
            double level = rms(out, 160, 640);
            assertTrue("gain index " + gain + ": " + level + " after " + last, level > last * 2);
            last = level;
        }
    }

    @Test
    public void erasedFramesFadeOut() {
        CodecChannel ch = provider.newChannel();
        short[] pcm = speechLike(1600);
        byte[] bits = new byte[200];
        ch.encode(pcm, 0, 1600, bits, 0);
        short[] out = new short[1600 + 80 * 40];
        ch.decode(bits, 0, 200, out, 0, 1600);
        assertEquals(80 * 40, ch.conceal(out, 1600, 80 * 40));
        double first = rms(out, 1600, 400);
        double last = rms(out, 1600 + 80 * 35, 400);
        assertTrue("concealment silent at once: " + first, first > 50);
        assertTrue("concealment does not fade: " + first + " -> " + last, last < first / 10);
        // and the decoder recovers on the next good frames
        short[] again = new short[1600];
        ch.decode(bits, 0, 200, again, 0, 1600);
        assertTrue(rms(again, 800, 800) > 100);
    }

    @Test
    public void partialFramesAndEmptyPayloads() {
        CodecChannel ch = provider.newChannel();
        short[] out = new short[100];
        assertEquals(100, ch.decode(new byte[0], 0, 0, out, 0, 100));
        assertEquals(100, ch.conceal(out, 0, 100));
        assertEquals(0, ch.encode(new short[50], 0, 50, new byte[10], 0));
    }

    @Test
    public void noAllocationPerFrame() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CodecChannel ch = provider.newChannel();
        short[] pcm = speechLike(8000);
        byte[] bits = new byte[1000];
        short[] out = new short[8000];
        for (int warm = 0; warm < 20; warm++) {
            ch.encode(pcm, 0, 8000, bits, 0);
            ch.decode(bits, 0, 1000, out, 0, 8000);
            ch.conceal(out, 0, 160);
            ch.decode(bits, 0, 0, out, 0, 160);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int n = 0; n < 10; n++) {
            ch.encode(pcm, 0, 8000, bits, 0);
            ch.decode(bits, 0, 1000, out, 0, 8000);
            ch.conceal(out, 0, 160);
            ch.decode(bits, 0, 0, out, 0, 160);
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // 2,000 frames each way: anything per frame would show as tens of kilobytes
        assertTrue("allocated " + allocated + " bytes", allocated < 2048);
    }

    @Test
    public void reportsBytesPerChannel() {
        CodecChannel ch = provider.newChannel();
        long bytes = GraphLayout.parseInstance(ch).totalSize();
        System.out.println("G.729 channel (encoder + decoder, state and scratch): " + bytes + " bytes retained");
        assertTrue(bytes < 24 * 1024);
    }

    private static double rms(short[] s, int off, int n) {
        double e = 0;
        for (int i = off; i < off + n; i++) {
            e += (double) s[i] * s[i];
        }
        return Math.sqrt(e / n);
    }
}
