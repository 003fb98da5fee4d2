package org.callpost.media.internal.audio;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.Test;

public class WavTest {
    private static byte[] wav(int format, int bits, int rate, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(44 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt(36 + 8 + data.length).putInt(0x45564157);
        out.putInt(0x20746D66).putInt(16).putShort((short) format).putShort((short) 1).putInt(rate)
                .putInt(rate * bits / 8).putShort((short) (bits / 8)).putShort((short) bits);
        out.putInt(0x5453494C).putInt(0); // an empty LIST chunk to skip
        out.putInt(0x61746164).putInt(data.length).put(data);
        return out.array();
    }

    @Test
    public void readsLinearALawAndMuLaw() throws IOException {
        assertArrayEquals(new short[] {1, -2}, Wav.decode(wav(1, 16, 8000, new byte[] {1, 0, (byte) 0xFE, (byte) 0xFF}), "t"));
        assertArrayEquals(new short[] {8, -32256}, Wav.decode(wav(6, 8, 8000, new byte[] {(byte) 0xD5, 0x2A}), "t"));
        assertArrayEquals(new short[] {0, 32124}, Wav.decode(wav(7, 8, 8000, new byte[] {(byte) 0xFF, (byte) 0x80}), "t"));
    }

    @Test
    public void refusesWhatItCannotPlay() {
        assertThrows(IOException.class, () -> Wav.decode(wav(1, 16, 16000, new byte[4]), "wideband"));
        assertThrows(IOException.class, () -> Wav.decode(wav(3, 32, 8000, new byte[4]), "float"));
        assertThrows(IOException.class, () -> Wav.decode(new byte[10], "junk"));
    }

    @Test
    public void aTruncatedDataChunkPlaysWhatIsThere() throws IOException {
        byte[] full = wav(1, 16, 8000, new byte[8]);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);
        assertEquals(2, Wav.decode(cut, "cut").length);
    }
}
