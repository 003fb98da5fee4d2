package org.callpost.codec.g729.internal;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external reference tools the conformance tests need: gcc with Debian's libbcg729-dev (the
 * black-box G.729A reference), espeak-ng and sox (speech). A missing tool fails the test with
 * the Debian package to install; it is never silently skipped.
 */
final class ReferenceTools {
    static final Path WORK = Paths.get("target", "g729-reference");

    private static Path harness;

    private ReferenceTools() {
    }

    static synchronized Path harness() throws Exception {
        if (harness != null) {
            return harness;
        }
        requireCommand("gcc", "gcc");
        if (!Files.exists(Paths.get("/usr/include/bcg729/encoder.h"))) {
            fail("bcg729 headers not found (/usr/include/bcg729/encoder.h): install the Debian package libbcg729-dev");
        }
        Files.createDirectories(WORK);
        Path exe = WORK.resolve("g729ref");
        Path src = Paths.get("src", "test", "c", "g729ref.c");
        run(List.of("gcc", "-O2", "-o", exe.toString(), src.toString(), "-lbcg729"),
                "building the bcg729 harness failed: is libbcg729-dev installed?");
        harness = exe;
        return exe;
    }

    static void requireCommand(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, command))) {
                return;
            }
        }
        fail(command + " not found on PATH: install the Debian package " + debianPackage);
    }

    static String run(List<String> command, String failure) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(failure + ": timed out running " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(failure + " (exit " + p.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }

    /** bcg729 encoder: 16-bit little-endian PCM file to a record stream. */
    static Path bcgEncode(Path pcm, boolean vad) throws Exception {
        Path out = WORK.resolve(pcm.getFileName() + (vad ? ".bcg-vad.bits" : ".bcg.bits"));
        run(List.of(harness().toString(), vad ? "encvad" : "enc", pcm.toString(), out.toString()), "bcg729 encode");
        return out;
    }

    /** bcg729 encoder with VAD/DTX (Annex B): speech, SID and untransmitted frames. */
    static Path bcgEncodeDtx(Path pcm) throws Exception {
        return bcgEncode(pcm, true);
    }

    /** bcg729 decoder: record stream to PCM. */
    static short[] bcgDecode(Path records) throws Exception {
        Path out = WORK.resolve(records.getFileName() + ".bcg.pcm");
        run(List.of(harness().toString(), "dec", records.toString(), out.toString()), "bcg729 decode");
        return Signals.readPcm(out);
    }

    static Path write(String name, byte[] data) throws IOException {
        Files.createDirectories(WORK);
        Path p = WORK.resolve(name);
        Files.write(p, data);
        return p;
    }

    static List<String> args(String... a) {
        return new ArrayList<>(Arrays.asList(a));
    }
}
