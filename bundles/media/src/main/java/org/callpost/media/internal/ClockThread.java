package org.callpost.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of the media clock. It owns a share of the sessions outright: it ticks each at its
 * packet interval against an absolute schedule (due += ptime, so no drift builds up however late
 * one tick ran) and reads their sockets through one NIO selector between ticks, waking on a 5 ms
 * grid rather than for each packet (one datagram a socket each wake-up: a second read per packet
 * would only learn that the socket is empty). Everything a
 * session does happens here, so session state needs no locks; other threads post commands.
 * Nothing a session throws gets past this loop.
 */
final class ClockThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClockThread.class);
    /** With no session due sooner: how long commands may wait (they also wake the thread). */
    private static final long IDLE_WAIT_NANOS = 50_000_000L;
    /**
     * Every session's ticks fall on this grid, so the sessions due in one wake-up are served
     * together and the thread sleeps in between. A wake-up costs a park, a futex, a context switch
     * and an epoll whatever it serves: on a 1 ms grid (before 2026-12-07) those 1,000 wake-ups a
     * second a thread were about a quarter of the clock's time in prompt calls. 5 ms divides every
     * packet time (10, 20, 30, 40 ms), so sessions stay on the grid. A socket is read up to four
     * times its packet rate (see RtpSession's read budget), so a burst drains in a few wake-ups.
     */
    static final long TICK_GRID_NANOS = 5_000_000L;
    /** The largest datagram read (a datagram filling it was cut short). */
    static final int DATAGRAM_BYTES = 2048;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<RtpSession> sessions = new ArrayList<>();
    private final Consumer<SelectionKey> onReadable = this::readable;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int sessionCount;
    /** When the next tick is due: reading stops then, so a burst of packets never delays a send. */
    private long readDeadline;

    // Scratch space of this thread's sessions: each uses them only within one read or one send,
    // so one set per thread serves them all (it was 8 KB a session, 36 KB with G.729).
    final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    final byte[] received = new byte[DATAGRAM_BYTES];
    private short[] decoded = new short[0];

    ClockThread(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean isClockThread() {
        return Thread.currentThread() == thread;
    }

    int sessionCount() {
        return sessionCount;
    }

    /** Runs {@code command} on this thread soon. */
    void post(Runnable command) {
        commands.add(command);
        LockSupport.unpark(thread);
    }

    /** Room for {@code samples} decoded samples (grows to the largest payload a codec here needs). */
    short[] decoded(int samples) {
        if (decoded.length < samples) {
            decoded = new short[samples];
        }
        return decoded;
    }

    /** The first tick time on the grid at least {@code fromNanos}. */
    static long onGrid(long fromNanos) {
        long rest = Math.floorMod(fromNanos, TICK_GRID_NANOS);
        return rest == 0 ? fromNanos : fromNanos + TICK_GRID_NANOS - rest;
    }

    void add(RtpSession session) {
        sessions.add(session);
        sessionCount = sessions.size();
    }

    void remove(RtpSession session) {
        sessions.remove(session);
        sessionCount = sessions.size();
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                runCommands();
                long now = System.nanoTime();
                long next = now + IDLE_WAIT_NANOS;
                for (int i = 0; i < sessions.size(); i++) {
                    RtpSession session = sessions.get(i);
                    try {
                        session.runDueTicks(now);
                    } catch (RuntimeException | Error e) {
                        LOG.error("Media session {} failed on a tick; closing it", session.label(), e);
                        session.failed();
                        i--;
                        continue;
                    }
                    if (session.due() - next < 0) {
                        next = session.due();
                    }
                }
                if (!sessions.isEmpty() && next - now > TICK_GRID_NANOS) {
                    next = now + TICK_GRID_NANOS; // each socket is read once a wake-up: keep reading
                }
                readDeadline = next;
                // everything that arrived since the last wake-up, in one system call for all sockets
                selector.selectNow(onReadable);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    // sleep to the next tick, not until the next packet: a blocking select woke for
                    // every arriving packet (40,000 times a second at 800 calls a thread) and scanned
                    // every session each time; audio waits at most a tick in its socket
                    LockSupport.parkNanos(this, wait);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Media clock loop error (continuing)", e);
            }
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.error("Media command failed", e);
            }
        }
    }

    private void readable(SelectionKey key) {
        if (System.nanoTime() - readDeadline > 0) {
            return; // a tick is due: the selector is level-triggered and reports this socket again
        }
        RtpSession session = (RtpSession) key.attachment();
        try {
            if (key.isValid() && key.isReadable()) {
                session.readable(key.channel());
            }
        } catch (RuntimeException e) {
            LOG.error("Media session {} failed reading a packet", session.label(), e);
        }
    }
}
