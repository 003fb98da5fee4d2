package org.callpost.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian's sip-tester) run as an outside SIP peer from a scenario in the repository's
 * {@code sipp/} folder. Its -trace_logs file is where scenarios log what they checked.
 */
final class Sipp implements AutoCloseable {
    private final Process process;
    private final Path workDir;
    private final String scenario;

    private Sipp(Process process, Path workDir, String scenario) {
        this.process = process;
        this.workDir = workDir;
        this.scenario = scenario;
    }

    /** The repository's sipp/ folder, handed to the container by the build. */
    static Path scenarios() {
        String dir = System.getProperty("callpost.sipp.dir");
        if (dir == null || !new File(dir).isDirectory()) {
            throw new IllegalStateException("callpost.sipp.dir does not name the repository's sipp/ folder: " + dir);
        }
        return Path.of(dir);
    }

    static String executable() {
        for (String candidate : List.of("/usr/bin/sipp", "/usr/local/bin/sipp")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new AssertionError("SIPp is not installed: apt-get install sip-tester (.ci/run does this)");
    }

    /** Starts SIPp as a server with the scenario file, copied with its injection files into a fresh folder. */
    static Sipp server(String scenarioFile, int port, String transport, String... extraArgs) throws IOException {
        Path work = Files.createTempDirectory("sipp");
        try (var files = Files.list(scenarios())) {
            for (Path f : files.toList()) {
                Files.copy(f, work.resolve(f.getFileName()));
            }
        }
        List<String> cmd = new ArrayList<>(List.of(executable(), "-sf", scenarioFile, "-i", "127.0.0.1", "-p",
                String.valueOf(port), "-t", transport, "-trace_logs", "-trace_err", "-nostdin", "-m", "1000"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp.out").toFile()).start();
        return new Sipp(p, work, scenarioFile.replaceFirst("\\.xml$", ""));
    }

    /**
     * Starts SIPp as a client placing one "call" of the scenario to {@code remote} (host:port),
     * tracing every message it sends and receives.
     */
    static Sipp client(String scenarioFile, String remote, String transport, String... extraArgs) throws IOException {
        Path work = Files.createTempDirectory("sipp");
        Files.copy(scenarios().resolve(scenarioFile), work.resolve(scenarioFile));
        List<String> cmd = new ArrayList<>(List.of(executable(), "-sf", scenarioFile, "-i", "127.0.0.1", "-p",
                String.valueOf(CallpostDistribution.freePort()), "-t", transport, "-trace_msg", "-trace_err", "-nostdin",
                "-m", "1", remote));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp.out").toFile()).start();
        return new Sipp(p, work, scenarioFile.replaceFirst("\\.xml$", ""));
    }

    /** Waits for SIPp to end; its exit code (0: every call of the scenario succeeded), or -1 if still running. */
    int awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Every message SIPp sent and received (-trace_msg). */
    String messages() throws IOException {
        try (var files = Files.list(workDir)) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(scenario + "_")
                    && f.getFileName().toString().endsWith("_messages.log")).toList()) {
                b.append(Files.readString(f));
            }
            return b.toString();
        }
    }

    /** What the scenario logged (its log actions), all of it so far. */
    String log() throws IOException {
        try (var files = Files.list(workDir)) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(scenario + "_")
                    && f.getFileName().toString().endsWith("_logs.log")).toList()) {
                b.append(Files.readString(f));
            }
            return b.toString();
        }
    }

    String output() throws IOException {
        Path out = workDir.resolve("sipp.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
