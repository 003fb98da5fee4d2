package org.callpost.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Callpost distribution run as an administrator runs it: its own directory, {@code bin/karaf
 * server} as a separate process, the shell reached through {@code bin/client}. Unlike the Pax Exam
 * container it can be killed with SIGKILL and started again on the same data.
 */
final class KarafProcess implements AutoCloseable {
    private final Path home;
    private Process process;
    private int httpPort;

    /** A fresh copy of the distribution the reactor built, with free ports for ssh and JMX. */
    static KarafProcess copyOfDistribution(Path target) throws IOException {
        Path built = Path.of("..", "karaf-assembly", "target", "assembly").toAbsolutePath().normalize();
        if (!Files.isExecutable(built.resolve("bin/karaf"))) {
            throw new IllegalStateException("no built distribution at " + built + ": run mvn install from the top");
        }
        Path home = target.resolve("karaf-" + System.nanoTime());
        try (Stream<Path> files = Files.walk(built)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = home.resolve(built.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        KarafProcess k = new KarafProcess(home);
        k.setting("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(CallpostDistribution.freePort()));
        k.setting("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(CallpostDistribution.freePort()));
        k.setting("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(CallpostDistribution.freePort()));
        k.httpPort = CallpostDistribution.freePort();
        k.setting("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(k.httpPort));
        return k;
    }

    private KarafProcess(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** The free port the distribution's HTTP server (Pax Web: the pages and the REST API) listens on. */
    int httpPort() {
        return httpPort;
    }

    Path data() {
        return home.resolve("data");
    }

    /** Sets {@code key = value} in a cfg file, replacing the line that set it before. */
    void setting(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        List<String> lines = Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
        StringBuilder out = new StringBuilder();
        boolean set = false;
        for (String line : lines) {
            if (line.matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                out.append(key).append(" = ").append(value).append('\n');
                set = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!set) {
            out.append(key).append(" = ").append(value).append('\n');
        }
        Files.writeString(f, out, StandardCharsets.UTF_8);
    }

    void start() throws IOException {
        process = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .start();
    }

    /** The longest a shell command may take (a feature install is the slowest, some seconds). */
    private static final long SHELL_TIMEOUT_SECONDS = 180;

    /** Runs a shell command through bin/client; returns what it printed, or "" when the shell is not up. */
    String shell(String command) throws IOException, InterruptedException {
        // the command on standard input (batch mode), as bench/run does: arguments after -r are unreliable
        // the output to a file, so a command that never returns costs its time-out, not the whole run
        Path output = Files.createTempFile("callpost-shell-", ".out");
        try {
            Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", "karaf", "-p", "karaf", "-b")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try (var in = client.getOutputStream()) {
                in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!client.waitFor(SHELL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                System.err.println("Karaf shell command did not return in " + SHELL_TIMEOUT_SECONDS + " s: " + command);
                return "";
            }
            return client.exitValue() == 0 ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Waits until the shell answers a command with output containing {@code expected}. */
    String awaitShell(String command, String expected, long millis) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + millis;
        String out = "";
        while (System.currentTimeMillis() < end) {
            out = shell(command);
            if (out.contains(expected)) {
                return out;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("'" + command + "' did not show '" + expected + "' within " + millis + " ms; last:\n" + out);
    }

    /** SIGKILL: the JVM gets no chance to close files, un-register or save anything. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        }
        process = null;
    }

    /** A clean stop, as bin/stop does it; killed if it has not ended after 30 s. */
    void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(30, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
        process = null;
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() {
        try {
            Path log = data().resolve("log/karaf.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
