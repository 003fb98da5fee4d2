package org.callpost.media.internal;

import java.io.IOException;
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
 * one tick ran) and reads their sockets through one NIO selector between ticks. Everything a
 * session does happens here, so session state needs no locks; other threads post commands.
 * Nothing a session throws gets past this loop.
 */
final class ClockThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClockThread.class);
    private static final long IDLE_WAIT_NANOS = 50_000_000L;
    /** Below this a selector timeout is too coarse: poll and park instead. */
    private static final long SPIN_NANOS = 1_500_000L;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<RtpSession> sessions = new ArrayList<>();
    private final Consumer<SelectionKey> onReadable = this::readable;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int sessionCount;
    /** When the next tick is due: reading stops then, so a burst of packets never delays a send. */
    private long readDeadline;

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
        selector.wakeup();
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
        selector.wakeup();
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
                readDeadline = next;
                long wait = next - System.nanoTime();
                if (wait > SPIN_NANOS) {
                    // never 0: that would mean "block for ever"
                    selector.select(onReadable, Math.max(1, (wait - SPIN_NANOS / 2) / 1_000_000L));
                } else if (selector.selectNow(onReadable) == 0 && wait > 20_000) {
                    LockSupport.parkNanos(wait); // sub-millisecond: finer than a selector timeout
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
