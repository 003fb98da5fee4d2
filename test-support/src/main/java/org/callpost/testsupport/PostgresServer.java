package org.callpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}),
 * a cluster made by initdb in a folder of the build (target/), listening on a free loopback port
 * only, no Unix socket, trusting its one user {@value #USER} (loopback only, a throwaway
 * cluster). Closing it stops that server by the PID in its postmaster.pid. Run as root (a CI
 * container) it runs initdb and the server as the {@code postgres} user, which PostgreSQL demands.
 * <p>
 * With the system property {@code callpost.test.postgres.url} set (and {@code .user},
 * {@code .password}) that server is used instead and nothing is started: point it at a database
 * the tests may empty. Without PostgreSQL installed the tests fail, saying to install it; they
 * are never skipped. Not an OSGi service: plain JUnit use.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "callpost";
    public static final String URL_PROPERTY = "callpost.test.postgres.url";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path data;
    private final int port;
    private final String externalUrl;
    private final boolean asPostgres;
    private final Thread stopAtExit;
    private List<String> startCommand = List.of();
    private boolean stopped;

    private PostgresServer(Path bin, Path data, int port, String externalUrl, boolean asPostgres) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.externalUrl = externalUrl;
        this.asPostgres = asPostgres;
        this.stopAtExit = new Thread(this::stopQuietly, "postgres-test-server-stop");
    }

    /**
     * A server for the tests of a module: the one {@code callpost.test.postgres.url} names, else a
     * new cluster in {@code folder} (emptied first), started and ready.
     */
    public static PostgresServer start(Path folder) throws IOException {
        String url = System.getProperty(URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(null, null, -1, url.trim(), false);
        }
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = folder.toAbsolutePath().resolve("data");
        stopLeftOver(bin, data);
        deleteTree(folder.toAbsolutePath());
        Files.createDirectories(data);
        if (root) {
            chownToPostgres(folder.toAbsolutePath());
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, data, port, null, root);
        server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-sync", "--locale=C"));
        server.startCommand = List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.toAbsolutePath().resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off", "start");
        server.run(server.startCommand);
        Runtime.getRuntime().addShutdownHook(server.stopAtExit);
        return server;
    }

    /** The newest PostgreSQL Debian installed, else a failure saying what to install. */
    static Path binaries() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))
                        && Files.isExecutable(b.resolve("pg_ctl"))).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Comparator<Path> byVersion = Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString()));
        return found.stream().max(byVersion).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed (no initdb in " + DEBIAN_BINARIES + "/*/bin): install postgresql "
                        + "(apt-get install postgresql), or set -D" + URL_PROPERTY + "=jdbc:postgresql://host:port/db "
                        + "to use a running server"));
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The JDBC URL of database {@code postgres}, or the one named by the system property. */
    public String url() {
        return externalUrl != null ? externalUrl : url("postgres");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return externalUrl != null ? System.getProperty(URL_PROPERTY.replace(".url", ".user"), USER) : USER;
    }

    public String password() {
        return externalUrl != null ? System.getProperty(URL_PROPERTY.replace(".url", ".password"), "") : "";
    }

    /** Whether this is a server of its own (not one the system property named). */
    public boolean isOwn() {
        return externalUrl == null;
    }

    /**
     * A new, empty database on this server, by createdb; its JDBC URL. On a server the system
     * property named, that one database is returned: the caller empties it.
     */
    public String createDatabase(String name) throws IOException {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Database name " + name + ": lower-case letters, digits and _ only");
        }
        if (externalUrl != null) {
            return externalUrl;
        }
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
                name));
        return url(name);
    }

    public int port() {
        return port;
    }

    /** The server's PID, from its postmaster.pid. */
    public Optional<Long> pid() {
        if (data == null) {
            return Optional.empty();
        }
        return pidOf(data);
    }

    private static Optional<Long> pidOf(Path data) {
        Path file = data.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the server for now (a database that is down), by its PID; {@link #startAgain} brings it back. */
    public synchronized void stopForNow() {
        requireOwn();
        stopServer(pid().orElse(null));
    }

    /** Starts the server {@link #stopForNow} stopped, on the same port and data. */
    public synchronized void startAgain() throws IOException {
        requireOwn();
        run(startCommand);
    }

    private void requireOwn() {
        if (externalUrl != null || stopped) {
            throw new IllegalStateException("only a running server of its own is stopped and started");
        }
    }

    /** Stops the server this started (fast shutdown: open sessions are ended), by its PID. */
    @Override
    public synchronized void close() {
        if (stopped || externalUrl != null) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // already exiting: the hook is what is running
        }
        stopServer(pid().orElse(null));
    }

    private void stopQuietly() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        stopServer(pid().orElse(null));
    }

    /** SIGINT is PostgreSQL's fast shutdown; the process is waited for, then killed if it lingers. */
    private static void stopServer(Long pid) {
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }

    /** A server a killed test run left on this folder: stopped, so its cluster can be made anew. */
    private static void stopLeftOver(Path bin, Path data) {
        pidOf(data).flatMap(ProcessHandle::of).filter(h -> h.info().command().map(c -> c.startsWith(bin.toString()))
                .orElse(true)).ifPresent(h -> stopServer(h.pid()));
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("postgres-test", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(data == null ? null : data.getParent().toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void chownToPostgres(Path folder) throws IOException {
        UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres = users.lookupPrincipalByName("postgres");
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, postgres);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
