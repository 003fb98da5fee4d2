package org.callpost.shell.internal;

/**
 * Karaf's shell names the thread that runs a command after its whole command line
 * ({@code pipe-callpost:mailbox-add --pin 4321 201}), and every log line written on that thread
 * carries the name into {@code karaf.log}. A command given a PIN runs under its bare name instead,
 * for as long as it runs.
 */
final class CommandThreadName implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final String before = thread.getName();

    CommandThreadName(String command) {
        thread.setName("pipe-callpost:" + command);
    }

    @Override
    public void close() {
        thread.setName(before);
    }
}
