package org.callpost.bench.g729;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.callpost.api.media.CodecChannel;
import org.callpost.codec.g729.internal.G729CodecProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encode and decode of one 10 ms frame, cycling through a speech file. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G729FrameBenchmark {
    /** 16-bit little-endian 8 kHz PCM; set by {@link G729Bench}. */
    @Param("")
    public String input;

    private short[] pcm;
    private byte[] bits;
    private int frames;
    private int encodeAt;
    private int decodeAt;
    private CodecChannel encoder;
    private CodecChannel decoder;
    private final byte[] out = new byte[10];
    private final short[] decoded = new short[80];

    @Setup
    public void load() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of(input));
        frames = raw.length / 160;
        pcm = new short[frames * 80];
        ByteBuffer.wrap(raw, 0, frames * 160).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        G729CodecProvider provider = new G729CodecProvider();
        CodecChannel ch = provider.newChannel();
        bits = new byte[frames * 10];
        ch.encode(pcm, 0, frames * 80, bits, 0);
        encoder = provider.newChannel();
        decoder = provider.newChannel();
    }

    @Benchmark
    public byte[] encodeFrame() {
        encoder.encode(pcm, encodeAt * 80, 80, out, 0);
        if (++encodeAt == frames) {
            encodeAt = 0;
        }
        return out;
    }

    @Benchmark
    public short[] decodeFrame() {
        decoder.decode(bits, decodeAt * 10, 10, decoded, 0, 80);
        if (++decodeAt == frames) {
            decodeAt = 0;
        }
        return decoded;
    }
}
