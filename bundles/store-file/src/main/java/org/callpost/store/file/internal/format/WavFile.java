package org.callpost.store.file.internal.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The WAV files messages are recorded into (8 kHz 16-bit mono PCM, one {@code data} chunk at the
 * end, as the media engine writes them). A recording cut short by a crash has stale or zero
 * RIFF/data sizes, or only a zeroed header: {@link #repair} sets them from the file's length.
 */
public final class WavFile {
    public static final int RIFF = 0x46464952;
    public static final int WAVE = 0x45564157;
    public static final int FMT = 0x20746D66;
    public static final int DATA = 0x61746164;
    public static final int HEADER_BYTES = 44;
    /** 8 kHz, 16-bit, mono. */
    public static final int PCM_BYTES_PER_SECOND = 16_000;

    /**
     * Where the audio starts and how fast it runs.
     *
     * @param dataOffset   the first byte of the audio
     * @param bytesPerSecond the byte rate from the {@code fmt} chunk
     * @param valid        whether the header had a RIFF/WAVE, fmt and data chunk
     */
    public record Layout(long dataOffset, int bytesPerSecond, boolean valid) {
    }

    private WavFile() {
    }

    /** Reads the header: the {@code data} chunk runs to the end of the file whatever its size field says. */
    public static Layout layout(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 4096)).order(ByteOrder.LITTLE_ENDIAN);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read the header
        }
        head.flip();
        if (head.limit() < 12 || head.getInt(0) != RIFF || head.getInt(8) != WAVE) {
            return new Layout(HEADER_BYTES, PCM_BYTES_PER_SECOND, false);
        }
        int rate = 0;
        int position = 12;
        while (position + 8 <= head.limit()) {
            int id = head.getInt(position);
            long chunk = head.getInt(position + 4) & 0xFFFFFFFFL;
            if (id == FMT && position + 20 <= head.limit()) {
                rate = head.getInt(position + 8 + 8);
            } else if (id == DATA) {
                return rate > 0 ? new Layout(position + 8, rate, true)
                        : new Layout(HEADER_BYTES, PCM_BYTES_PER_SECOND, false);
            }
            position += 8 + (int) Math.min(chunk + (chunk & 1), 4096);
        }
        return new Layout(HEADER_BYTES, PCM_BYTES_PER_SECOND, false);
    }

    /**
     * Makes the header describe the whole file and forces it to disk: sizes from the file's
     * length, an odd last byte dropped, a missing or zeroed header rewritten as 8 kHz 16-bit
     * mono PCM. A missing file or one shorter than a header is empty.
     *
     * @return the length of the audio
     */
    public static Duration repair(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Duration.ZERO;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size <= HEADER_BYTES) {
                return Duration.ZERO;
            }
            Layout layout = layout(channel);
            long data = size - layout.dataOffset();
            if (layout.bytesPerSecond() == PCM_BYTES_PER_SECOND && (data & 1) != 0) {
                data--;
                channel.truncate(layout.dataOffset() + data);
            }
            ByteBuffer field = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            if (!layout.valid()) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                writeHeader(header, data);
                header.flip();
                channel.write(header, 0);
            } else {
                field.putInt(0, (int) Math.min(layout.dataOffset() - 8 + data, 0xFFFFFFFFL));
                channel.write(field, 4);
                field.clear();
                field.putInt(0, (int) Math.min(data, 0xFFFFFFFFL));
                channel.write(field, layout.dataOffset() - 4);
            }
            channel.force(true);
            return Duration.ofMillis(data * 1000 / layout.bytesPerSecond());
        }
    }

    /** The audio bytes of a WAV file (everything after its header). */
    public static byte[] audio(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout layout = layout(channel);
            long length = channel.size() - layout.dataOffset();
            ByteBuffer data = ByteBuffer.allocate((int) Math.max(0, length));
            while (data.hasRemaining() && channel.read(data, layout.dataOffset() + data.position()) > 0) {
                // read it all
            }
            return data.array();
        }
    }

    /** A 44-byte header for 8 kHz mono 16-bit PCM with {@code dataBytes} of audio. */
    public static void writeHeader(ByteBuffer out, long dataBytes) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(RIFF).putInt((int) (36 + dataBytes)).putInt(WAVE);
        out.putInt(FMT).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(PCM_BYTES_PER_SECOND).putShort((short) 2).putShort((short) 16);
        out.putInt(DATA).putInt((int) dataBytes);
    }
}
