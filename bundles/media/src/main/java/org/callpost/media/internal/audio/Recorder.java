package org.callpost.media.internal.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.callpost.api.media.Dtmf;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;

/**
 * Records a caller into an 8 kHz 16-bit WAV file. The media clock copies each played-out frame
 * into a half-second chunk; full chunks go to the recording writer thread, which appends them
 * and rewrites the header sizes, so the file is always a valid WAV, a crash of Callpost loses at
 * most half a second more than the session still holds for reordering (its record window), and the
 * clock never waits for the disk. With fsync on, the file is also
 * forced to the device once a second (power loss); it always is when the recording ends. Ends on the maximum length,
 * on N seconds of silence (cut off the file), on a chosen key or when told.
 */
public final class Recorder {
    static final int CHUNK_SAMPLES = 4000;
    /** Mean absolute level below which a frame counts as silence (about -40 dBm0). */
    static final int SILENCE_LEVEL = 250;

    private final Path file;
    private final FileChannel channel;
    private final Executor writer;
    private final boolean force;
    private final long maxSamples;
    private final long silenceSamples;
    private final int stopKeys;
    private final ChunkPool chunks;
    private final CompletableFuture<RecordOutcome> outcome = new CompletableFuture<>();

    // clock thread
    private byte[] chunk;
    private int chunkBytes;
    private long samples;
    private long silentRun;
    private long idleSamples;
    private boolean ended;

    // writer thread
    private final ByteBuffer sizeField = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long bytesOnDisk;
    private long lastForceNanos = System.nanoTime();
    private IOException failure;

    private Recorder(RecordRequest request, FileChannel channel, Executor writer, ChunkPool chunks, boolean force) {
        this.file = request.file();
        this.channel = channel;
        this.writer = writer;
        this.force = force;
        this.maxSamples = request.maxMillis() * 8L;
        this.silenceSamples = request.silenceMillis() * 8L;
        int keys = 0;
        for (int i = 0; i < request.stopKeys().length(); i++) {
            keys |= 1 << Dtmf.event(request.stopKeys().charAt(i));
        }
        this.stopKeys = keys;
        this.chunks = chunks;
        this.chunk = chunks.take();
    }

    /** Creates the file with an empty WAV header; on the caller's thread. */
    public static Recorder start(RecordRequest request, Executor writer, ChunkPool chunks, boolean force)
            throws IOException {
        FileChannel channel = FileChannel.open(request.file(), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(44);
            Wav.writeHeader(header, 0);
            header.flip();
            while (header.hasRemaining()) {
                channel.write(header);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Recorder(request, channel, writer, chunks, force);
    }

    public CompletableFuture<RecordOutcome> outcome() {
        return outcome;
    }

    public boolean ended() {
        return ended;
    }

    /**
     * Appends one played-out frame.
     *
     * @return the reason the recording must end now, or null to go on
     */
    public RecordOutcome.Reason onAudio(short[] pcm, int length) {
        int take = length;
        if (maxSamples > 0) {
            take = (int) Math.min(length, maxSamples - samples);
        }
        long level = 0;
        for (int i = 0; i < take; i++) {
            short s = pcm[i];
            level += Math.abs(s);
            chunk[chunkBytes++] = (byte) s;
            chunk[chunkBytes++] = (byte) (s >> 8);
            if (chunkBytes == chunk.length) {
                handOver();
            }
        }
        samples += take;
        if (take > 0 && level < (long) SILENCE_LEVEL * take) {
            silentRun += take;
        } else if (take > 0) {
            silentRun = 0;
        }
        if (maxSamples > 0 && samples >= maxSamples) {
            return RecordOutcome.Reason.MAX_LENGTH;
        }
        if (silenceSamples > 0 && silentRun >= silenceSamples) {
            return RecordOutcome.Reason.SILENCE;
        }
        return null;
    }

    /** An interval with no audio at all yet (the caller's phone has sent nothing). */
    public RecordOutcome.Reason onNothing(int length) {
        if (samples == 0) {
            idleSamples += length;
            if (silenceSamples > 0 && idleSamples >= silenceSamples) {
                return RecordOutcome.Reason.SILENCE;
            }
        }
        return null;
    }

    public boolean stopsOn(char key) {
        int event = Dtmf.event(key);
        return event >= 0 && (stopKeys & 1 << event) != 0;
    }

    private void handOver() {
        byte[] full = chunk;
        int bytes = chunkBytes;
        writer.execute(() -> append(full, bytes));
        chunk = chunks.take();
        chunkBytes = 0;
    }

    /** Ends the recording; the outcome completes on the writer thread once the file is closed. */
    public void end(RecordOutcome.Reason reason, char key) {
        if (ended) {
            return;
        }
        ended = true;
        byte[] last = chunk;
        int bytes = chunkBytes;
        long keep = reason == RecordOutcome.Reason.SILENCE ? samples - silentRun : samples;
        char endKey = reason == RecordOutcome.Reason.KEY ? key : PlayOutcome.NO_KEY;
        writer.execute(() -> close(last, bytes, keep, reason, endKey));
    }

    private void append(byte[] data, int length) {
        try {
            if (failure == null) {
                ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, 44 + bytesOnDisk + buffer.position());
                }
                bytesOnDisk += length;
                writeSizes(bytesOnDisk);
                // written to the OS every half second: survives a crash of Callpost; fsync (power
                // loss) at most once a second per message, as fsync is what a disk cannot do often
                if (force && System.nanoTime() - lastForceNanos >= 1_000_000_000L) {
                    channel.force(false);
                    lastForceNanos = System.nanoTime();
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            chunks.give(data);
        }
    }

    /**
     * Chunks shared by every recording of an engine: the writer hands a written chunk back long
     * before another fills (0.5 s), so a few serve all calls and a recording holds only the one it
     * is filling (a spare of its own was 8 KB a call). A slow disk only costs allocations, never audio.
     * Thread-safe: taken on the clock threads, given back on the writer thread.
     */
    public static final class ChunkPool {
        private final ArrayBlockingQueue<byte[]> free;

        /** @param kept chunks kept for re-use at most (8 KB each) */
        public ChunkPool(int kept) {
            free = new ArrayBlockingQueue<>(Math.max(1, kept));
        }

        byte[] take() {
            byte[] chunk = free.poll();
            return chunk != null ? chunk : new byte[CHUNK_SAMPLES * 2];
        }

        void give(byte[] chunk) {
            if (chunk.length == CHUNK_SAMPLES * 2) {
                free.offer(chunk);
            }
        }

        /** Chunks waiting to be re-used. */
        public int free() {
            return free.size();
        }
    }

    private void writeSizes(long dataBytes) throws IOException {
        sizeField.clear();
        sizeField.putInt(0, (int) (36 + dataBytes));
        channel.write(sizeField, 4);
        sizeField.clear();
        sizeField.putInt(0, (int) dataBytes);
        channel.write(sizeField, 40);
    }

    private void close(byte[] last, int length, long keepSamples, RecordOutcome.Reason reason, char key) {
        append(last, length);
        try {
            if (failure == null) {
                long keepBytes = Math.min(keepSamples * 2, bytesOnDisk);
                channel.truncate(44 + keepBytes);
                bytesOnDisk = keepBytes;
                writeSizes(keepBytes);
                channel.force(true);
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        long millis = bytesOnDisk / 16;
        if (failure != null) {
            outcome.complete(new RecordOutcome(file, RecordOutcome.Reason.FAILED, PlayOutcome.NO_KEY, millis,
                    String.valueOf(failure.getMessage())));
        } else {
            outcome.complete(new RecordOutcome(file, reason, key, millis, ""));
        }
    }
}
