package org.callpost.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kamailio (Debian's kamailio and kamailio-tls-modules) for tests: started in the
 * foreground ({@code -DD -E}) from a configuration template whose {@code __TLS_PORT__},
 * {@code __UDP_PORT__}, {@code __TLS_CFG__}, {@code __MODULES__}, {@code __KEY__} and
 * {@code __CERT__} it fills in, on free loopback ports; its log (stderr) goes to a file in the
 * folder. Closing it stops it by its PID (SIGTERM, then SIGKILL) with its children. Without
 * Kamailio installed the tests fail saying what to install.
 */
public final class KamailioServer implements AutoCloseable {
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
            Path.of("/usr/lib/aarch64-linux-gnu/kamailio/modules"), Path.of("/usr/lib/kamailio/modules"));

    private final Process process;
    private final Path log;
    public final int tlsPort;
    /** UDP and TCP (plain) on this port: where a test's PBX caller sends its calls. */
    public final int plainPort;

    private KamailioServer(Process process, Path log, int tlsPort, int plainPort) {
        this.process = process;
        this.log = log;
        this.tlsPort = tlsPort;
        this.plainPort = plainPort;
    }

    /**
     * Starts Kamailio with {@code cfgTemplate} and {@code tlsTemplate} (copied into {@code folder}
     * with the names filled in), presenting {@code key} and {@code certificate} over TLS; returns
     * when it accepts TCP on its plain port.
     */
    public static KamailioServer start(Path folder, Path cfgTemplate, Path tlsTemplate, Path key, Path certificate)
            throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/kamailio");
        Path modules = MODULE_DIRS.stream().filter(d -> Files.isRegularFile(d.resolve("tls.so"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Kamailio's TLS module is not installed (no tls.so in "
                        + MODULE_DIRS + "): apt-get install kamailio kamailio-tls-modules"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Kamailio is not installed: apt-get install kamailio kamailio-tls-modules");
        }
        Files.createDirectories(folder);
        int tls = Ports.free();
        int plain = Ports.free();
        Path tlsCfg = folder.resolve("tls.cfg").toAbsolutePath();
        Files.writeString(tlsCfg, Files.readString(tlsTemplate).replace("__KEY__", key.toAbsolutePath().toString())
                .replace("__CERT__", certificate.toAbsolutePath().toString()));
        Path cfg = folder.resolve("kamailio.cfg").toAbsolutePath();
        Files.writeString(cfg, Files.readString(cfgTemplate).replace("__TLS_PORT__", String.valueOf(tls))
                .replace("__UDP_PORT__", String.valueOf(plain)).replace("__TLS_CFG__", tlsCfg.toString())
                .replace("__MODULES__", modules.toString()));
        Path log = folder.resolve("kamailio.log").toAbsolutePath();
        Path runDir = folder.resolve("run").toAbsolutePath();
        Files.createDirectories(runDir);
        Process p = new ProcessBuilder(binary.toString(), "-DD", "-E", "-f", cfg.toString(), "-m", "64", "-M", "8",
                "-Y", runDir.toString(), "-P", runDir.resolve("kamailio.pid").toString())
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KamailioServer k = new KamailioServer(p, log, tls, plain);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException("Kamailio stopped at once (exit " + p.exitValue() + "): " + k.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", plain), 200);
                return k;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        k.close();
        throw new IOException("Kamailio did not listen on 127.0.0.1:" + plain + " within 20 s: " + k.log());
    }

    /** What Kamailio has logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        ProcessHandle h = process.toHandle();
        List<ProcessHandle> children = h.descendants().toList();
        h.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                h.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
