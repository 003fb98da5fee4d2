package org.callpost.media.internal.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the WAV files prompts and messages are kept in: 8 kHz mono, 16-bit linear PCM, G.711
 * mu-law or A-law (WAVE_FORMAT_PCM 1, ALAW 6, MULAW 7, or EXTENSIBLE wrapping one of them).
 * Read whole at play time, on the caller's thread, so the media clock never touches the disk.
 */
public final class Wav {
    public static final int PCM = 1;
    public static final int ALAW = 6;
    public static final int MULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;

    private Wav() {
    }

    /** The file's audio as 16-bit samples. */
    public static short[] read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    static short[] decode(byte[] bytes, String name) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) { // "RIFF" "WAVE"
            throw new IOException(name + ": not a WAV file");
        }
        int format = -1;
        int bits = 0;
        int position = 12;
        while (position + 8 <= bytes.length) {
            int id = in.getInt(position);
            long size = in.getInt(position + 4) & 0xFFFFFFFFL;
            int body = position + 8;
            if (id == 0x20746D66) { // "fmt "
                if (size < 16 || body + 16 > bytes.length) {
                    throw new IOException(name + ": truncated fmt chunk");
                }
                format = in.getShort(body) & 0xFFFF;
                int channels = in.getShort(body + 2);
                int rate = in.getInt(body + 4);
                bits = in.getShort(body + 14);
                if (format == EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) {
                    format = in.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
                if (channels != 1 || rate != 8000) {
                    throw new IOException(name + ": need 8 kHz mono, found " + rate + " Hz, " + channels + " channels");
                }
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw new IOException(name + ": data before fmt");
                }
                int length = (int) Math.min(size, bytes.length - body); // tolerate a short last chunk
                return samples(bytes, body, length, format, bits, name);
            }
            position = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body);
        }
        throw new IOException(name + ": no data chunk");
    }

    private static short[] samples(byte[] bytes, int offset, int length, int format, int bits, String name)
            throws IOException {
        if (format == PCM && bits == 16) {
            short[] out = new short[length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) (bytes[offset + 2 * i] & 0xFF | bytes[offset + 2 * i + 1] << 8);
            }
            return out;
        }
        if ((format == ALAW || format == MULAW) && bits == 8) {
            short[] out = new short[length];
            for (int i = 0; i < length; i++) {
                int code = bytes[offset + i] & 0xFF;
                out[i] = format == ALAW ? alaw(code) : ulaw(code);
            }
            return out;
        }
        throw new IOException(name + ": unsupported WAV format " + format + " with " + bits + " bits");
    }

    /** G.711 A-law expansion (segment and step of the code, even bits inverted). */
    static short alaw(int code) {
        int a = code ^ 0x55;
        int seg = (a >> 4) & 7;
        int step = a & 15;
        int magnitude = (seg == 0 ? 2 * step + 1 : (2 * step + 33) << (seg - 1)) << 3;
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    /** G.711 mu-law expansion (bias 33, all bits inverted). */
    static short ulaw(int code) {
        int u = ~code & 0xFF;
        int magnitude = (((2 * (u & 15) + 33) << ((u >> 4) & 7)) - 33) << 2;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /** A 44-byte header for 8 kHz mono 16-bit PCM with {@code dataBytes} of audio. */
    public static void writeHeader(ByteBuffer out, long dataBytes) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
        out.putInt(0x20746D66).putInt(16).putShort((short) PCM).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        out.putInt(0x61746164).putInt((int) dataBytes);
    }
}
