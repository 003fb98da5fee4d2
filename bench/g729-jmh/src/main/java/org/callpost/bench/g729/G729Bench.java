package org.callpost.bench.g729;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH frame benchmark and, in the same run and on the same input, the bcg729 harness
 * (libbcg729-dev, built with gcc), then prints both and their ratio.
 *
 * <p>{@code java -jar bench/g729-jmh/target/g729-benchmarks.jar [work-dir]} from the repository
 * root; the harness source is the codec module's {@code src/test/c/g729ref.c} (or
 * {@code -Dharness=...}).
 */
public final class G729Bench {
    private G729Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        Files.createDirectories(work);
        Path source = harnessSource();
        Path input = speech(work);
        Path harness = work.resolve("g729ref");
        run(List.of("gcc", "-O2", "-o", harness.toString(), source.toString(), "-lbcg729"),
                "gcc and the Debian package libbcg729-dev are needed");

        // bcg729 before and after JMH, so that both see the same machine (it is shared)
        double[] before = timeReference(harness, input);
        Options opts = new OptionsBuilder()
                .include(G729FrameBenchmark.class.getSimpleName())
                .param("input", input.toString())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        double[] after = timeReference(harness, input);
        double enc = 0;
        double dec = 0;
        double encMin = 0;
        double decMin = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double ns = r.getPrimaryResult().getScore();
            double min = r.getPrimaryResult().getStatistics().getMin();
            if (name.endsWith("encodeFrame")) {
                enc = ns;
                encMin = min;
            } else if (name.endsWith("decodeFrame")) {
                dec = ns;
                decMin = min;
            }
        }
        double[] passes = javaPasses(input);
        double cEnc = (before[0] + after[0]) / 2;
        double cDec = (before[1] + after[1]) / 2;
        double cEncMin = Math.min(before[2], after[2]);
        double cDecMin = Math.min(before[3], after[3]);
        System.out.printf(Locale.ROOT, "%n%-30s %10s %10s %10s%n", "ns per 10 ms frame", "encode", "decode", "enc+dec");
        System.out.printf(Locale.ROOT, "%-30s %10.0f %10.0f %10.0f%n", "Callpost (Java, JMH mean)", enc, dec, enc + dec);
        System.out.printf(Locale.ROOT, "%-30s %10.0f %10.0f %10.0f%n", "bcg729 (C -O2, mean)", cEnc, cDec, cEnc + cDec);
        System.out.printf(Locale.ROOT, "%-30s %10.2f %10.2f %10.2f   (target enc+dec <= 1.50)%n", "ratio of means", enc / cEnc,
                dec / cDec, (enc + dec) / (cEnc + cDec));
        System.out.printf(Locale.ROOT, "%-30s %10.0f %10.0f %10.0f%n", "Callpost (best JMH iteration)", encMin, decMin,
                encMin + decMin);
        System.out.printf(Locale.ROOT, "%-30s %10.0f %10.0f %10.0f%n", "Callpost (best pass, as C)", passes[0],
                passes[1], passes[0] + passes[1]);
        System.out.printf(Locale.ROOT, "%-30s %10.0f %10.0f %10.0f%n", "bcg729 (best pass)", cEncMin, cDecMin,
                cEncMin + cDecMin);
        System.out.printf(Locale.ROOT, "%-30s %10.2f %10.2f %10.2f%n", "ratio of best passes", passes[0] / cEncMin,
                passes[1] / cDecMin, (passes[0] + passes[1]) / (cEncMin + cDecMin));
    }

    /**
     * The C harness's method in Java: whole-file encode and decode passes, best pass per frame
     * (the machine is shared, so the best pass is the least disturbed one on both sides).
     */
    private static double[] javaPasses(Path input) throws IOException {
        byte[] raw = Files.readAllBytes(input);
        int frames = raw.length / 160;
        short[] pcm = new short[frames * 80];
        java.nio.ByteBuffer.wrap(raw, 0, frames * 160).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        byte[] bits = new byte[frames * 10];
        short[] out = new short[frames * 80];
        org.callpost.codec.g729.internal.G729CodecProvider provider = new org.callpost.codec.g729.internal.G729CodecProvider();
        double enc = Double.MAX_VALUE;
        double dec = Double.MAX_VALUE;
        for (int pass = 0; pass < 150; pass++) {
            org.callpost.api.media.CodecChannel e = provider.newChannel();
            long t0 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                e.encode(pcm, f * 80, 80, bits, f * 10);
            }
            long t1 = System.nanoTime();
            org.callpost.api.media.CodecChannel d = provider.newChannel();
            long t2 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                d.decode(bits, f * 10, 10, out, f * 80, 80);
            }
            long t3 = System.nanoTime();
            if (pass >= 100) {
                enc = Math.min(enc, (double) (t1 - t0) / frames);
                dec = Math.min(dec, (double) (t3 - t2) / frames);
            }
        }
        return new double[] {enc, dec};
    }

    /** -Dharness, else the codec module's test source seen from the repository root or this module. */
    private static Path harnessSource() {
        String given = System.getProperty("harness");
        if (given != null) {
            return Path.of(given);
        }
        for (String candidate : List.of("bundles/codec-g729/src/test/c/g729ref.c",
                "../../bundles/codec-g729/src/test/c/g729ref.c")) {
            if (Files.exists(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("g729ref.c not found: run from the repository root or pass -Dharness=...");
    }

    /** {mean encode, mean decode, best encode, best decode} ns per frame of bcg729. */
    private static double[] timeReference(Path harness, Path input) throws Exception {
        String c = run(List.of(harness.toString(), "time", input.toString(), "30"), "bcg729 timing");
        Matcher m = Pattern.compile("encode_ns_per_frame=(\\d+) decode_ns_per_frame=(\\d+) "
                + "min_encode_ns_per_frame=(\\d+) min_decode_ns_per_frame=(\\d+)").matcher(c);
        if (!m.find()) {
            throw new IllegalStateException("unexpected harness output: " + c);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
    }

    private static Path speech(Path work) throws Exception {
        Path raw = work.resolve("speech.raw");
        if (Files.exists(raw)) {
            return raw;
        }
        Path wav = work.resolve("speech.wav");
        run(List.of("espeak-ng", "-w", wav.toString(),
                "Thank you for calling. The person you are trying to reach is not available. Please leave your "
                        + "message after the tone. You have three new messages and two saved messages."),
                "espeak-ng is needed (Debian package espeak-ng)");
        run(List.of("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw",
                raw.toString()), "sox is needed (Debian package sox)");
        return raw;
    }

    private static String run(List<String> cmd, String hint) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(hint + ": " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(hint + ": " + cmd + " failed\n" + out);
        }
        return out;
    }
}
