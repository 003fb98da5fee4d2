package org.callpost.messaging.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rest of a message's WAV from a point on, as a file of its own: how "back 5 s" and "ahead
 * 5 s" play from another position, as the media API plays whole files only.
 */
final class WavExcerpt {
    private WavExcerpt() {
    }

    /** The length of the audio in milliseconds. */
    static long millis(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        int[] chunk = dataChunk(b);
        return chunk[1] * 1000L / Math.max(1, chunk[2]);
    }

    /**
     * Writes the audio of {@code wav} from {@code fromMillis} on into a new temporary file (a
     * canonical 44-byte header with the original format).
     */
    static Path from(Path wav, long fromMillis) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        int[] chunk = dataChunk(b);
        int dataAt = chunk[0];
        int dataLength = chunk[1];
        int byteRate = chunk[2];
        int blockAlign = Math.max(1, chunk[3]);
        long skip = Math.min(dataLength, Math.max(0, fromMillis) * byteRate / 1000);
        skip -= skip % blockAlign;
        int rest = (int) (dataLength - skip);
        ByteBuffer out = ByteBuffer.allocate(44 + rest).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt(36 + rest).putInt(0x45564157);
        out.putInt(0x20746d66).putInt(16);
        out.put(b.array(), chunk[4], 16);
        out.putInt(0x61746164).putInt(rest);
        out.put(b.array(), dataAt + (int) skip, rest);
        Path excerpt = Files.createTempFile("callpost-excerpt", ".wav");
        Files.write(excerpt, out.array());
        return excerpt;
    }

    /** {data offset, data length, byte rate, block align, fmt body offset}. */
    private static int[] dataChunk(ByteBuffer b) throws IOException {
        if (b.limit() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException("not a RIFF/WAVE file");
        }
        int fmt = -1;
        int at = 12;
        while (at + 8 <= b.limit()) {
            int id = b.getInt(at);
            int size = b.getInt(at + 4);
            if (id == 0x20746d66) {
                fmt = at + 8;
            } else if (id == 0x61746164) {
                if (fmt < 0) {
                    throw new IOException("data before fmt");
                }
                int length = Math.min(size < 0 ? Integer.MAX_VALUE : size, b.limit() - at - 8);
                return new int[] {at + 8, length, b.getInt(fmt + 8), b.getShort(fmt + 12), fmt};
            }
            at += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk");
    }
}
