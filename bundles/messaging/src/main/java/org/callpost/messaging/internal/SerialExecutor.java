package org.callpost.messaging.internal;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's executor: runs the tasks posted to it one at a time, in the order they were posted,
 * on a thread borrowed from a shared pool (no thread of its own: 1,600 calls share a few). A task
 * sees everything the tasks before it did, whichever pool thread ran them. Tasks must not block.
 * <p>
 * When the pool refuses work (the application is stopping), the tasks run on the thread posting
 * them, still one at a time, so a hang-up still commits what was recorded.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final String name;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Whether a drain is queued on the pool or running: at most one at a time. */
    private final AtomicBoolean draining = new AtomicBoolean();

    /** @param name for the log (the call's id) */
    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task));
        schedule();
    }

    private void schedule() {
        if (!draining.compareAndSet(false, true)) {
            return; // the running drain takes it
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            drain();
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Call {}: a step of its flow failed", name, e);
                }
            }
        } finally {
            draining.set(false);
            if (!tasks.isEmpty()) {
                schedule(); // posted between the last poll and the flag's reset
            }
        }
    }
}
