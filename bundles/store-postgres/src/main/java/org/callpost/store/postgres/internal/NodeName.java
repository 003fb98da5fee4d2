package org.callpost.store.postgres.internal;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** A node's name among the nodes on one database (setting node.name), checked; stateless. */
final class NodeName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private NodeName() {
    }

    /** The configured name, else the host's name with a random suffix; a wrong one refused naming the setting. */
    static String of(String configured) {
        String name = configured == null ? "" : configured.trim();
        if (name.isEmpty()) {
            return host() + "-" + Integer.toHexString(0x10000 + ThreadLocalRandom.current().nextInt(0xf0000));
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(PostgresStoreConfig.PID + " node.name '" + name + "' is not a name: set "
                    + "node.name to at most 40 letters, digits, '.', '_' or '-', or leave it empty");
        }
        return name;
    }

    private static String host() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9._-]", "");
        return host.isEmpty() ? "node" : host.substring(0, Math.min(30, host.length()));
    }
}
