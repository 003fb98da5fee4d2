package org.callpost.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests, free on 127.0.0.1 for TCP and UDP, taken below the system's ephemeral range.
 *
 * <p>A port asked of the system (bind to 0) comes from the ephemeral range, so a test that keeps
 * it unbound for a while (a PBX that comes up later) can find it taken by any outgoing connection
 * made meanwhile: CI saw "Address already in use" that way. Ports here are handed out in turn, never
 * twice in one JVM. The JVM that boots Karaf and the tests running inside Karaf use separate lanes
 * (system property {@code callpost.test.ports.lane}, 0 or 1), since both hand out ports that Karaf
 * binds only later.
 */
public final class Ports {
    private static final int LANE_SIZE = 5000;
    private static final int LOW;
    private static int next;

    static {
        int ephemeralLow = 32768;
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            ephemeralLow = Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            // keep the usual Linux default
        }
        int lane = Integer.getInteger("callpost.test.ports.lane", 0);
        // two lanes below the ephemeral range, above the media ports (10000 up)
        LOW = Math.max(14000, ephemeralLow - 2 * LANE_SIZE - 500) + lane * LANE_SIZE;
        next = ThreadLocalRandom.current().nextInt(LANE_SIZE);
    }

    private Ports() {
    }

    /** The next port of this JVM's lane that is free for both TCP and UDP on 127.0.0.1. */
    public static synchronized int free() throws IOException {
        for (int attempt = 0; attempt < LANE_SIZE; attempt++) {
            int port = LOW + next;
            next = (next + 1) % LANE_SIZE;
            if (isFree(port)) {
                return port;
            }
        }
        throw new IOException("no free port on 127.0.0.1 in " + LOW + "-" + (LOW + LANE_SIZE - 1));
    }

    private static boolean isFree(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(address);
            try (DatagramSocket d = new DatagramSocket(address)) {
                return true;
            }
        } catch (IOException busy) {
            return false;
        }
    }
}
