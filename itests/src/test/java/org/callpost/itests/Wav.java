package org.callpost.itests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads 16-bit PCM WAV files the way any player would: by their chunks. */
final class Wav {
    final int sampleRate;
    final short[] samples;

    private Wav(int sampleRate, short[] samples) {
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= b.limit()) {
            int id = b.getInt(at);
            int size = b.getInt(at + 4);
            if (id == 0x20746d66) { // "fmt "
                rate = b.getInt(at + 12);
                bits = b.getShort(at + 22);
            } else if (id == 0x61746164) { // "data"
                if (bits != 16) {
                    throw new IOException("not 16-bit PCM: " + bits);
                }
                int length = Math.min(size, b.limit() - at - 8) / 2;
                short[] s = new short[length];
                for (int i = 0; i < length; i++) {
                    s[i] = b.getShort(at + 8 + 2 * i);
                }
                return new Wav(rate, s);
            }
            at += 8 + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** Writes an 8 kHz 16-bit mono PCM WAV holding a tone (a recording, a greeting) at -12 dBFS. */
    static void writeTone(java.nio.file.Path file, int hz, int millis) throws IOException {
        int samples = 8 * millis;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0)));
        }
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, b.array());
    }
}
