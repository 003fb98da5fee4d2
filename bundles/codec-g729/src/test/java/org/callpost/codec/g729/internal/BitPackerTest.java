package org.callpost.codec.g729.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Random;

import org.junit.Test;

public class BitPackerTest {
    @Test
    public void speechFrameRoundTrips() {
        Random r = new Random(1);
        int[] prm = new int[11];
        int[] back = new int[11];
        byte[] frame = new byte[10];
        for (int n = 0; n < 1000; n++) {
            for (int i = 0; i < 11; i++) {
                prm[i] = r.nextInt(1 << BitPacker.SPEECH_BITS[i]);
            }
            BitPacker.pack(prm, BitPacker.SPEECH_BITS, frame, 0, 10);
            BitPacker.unpack(frame, 0, 10, BitPacker.SPEECH_BITS, back);
            assertArrayEquals(prm, back);
        }
    }

    @Test
    public void fieldsAreMostSignificantBitFirstInRfc3551Order() {
        // L0 L1 = 1000 0001, L2 L3 all ones (bits 8-17), P1 = 0 (18-25), P0 = 1 (bit 26), the rest zero
        int[] prm = {0x81, 0x3ff, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        byte[] frame = new byte[10];
        BitPacker.pack(prm, BitPacker.SPEECH_BITS, frame, 0, 10);
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0xff, (byte) 0xc0, 0x20, 0, 0, 0, 0, 0, 0}, frame);
    }

    @Test
    public void sidFrameIsFifteenBitsPaddedWithZero() {
        int[] sid = {1, 31, 15, 31};
        byte[] frame = new byte[2];
        BitPacker.pack(sid, BitPacker.SID_BITS, frame, 0, 2);
        assertEquals((byte) 0xff, frame[0]);
        assertEquals((byte) 0xfe, frame[1]);
        int[] back = new int[4];
        BitPacker.unpack(frame, 0, 2, BitPacker.SID_BITS, back);
        assertArrayEquals(sid, back);
    }
}
