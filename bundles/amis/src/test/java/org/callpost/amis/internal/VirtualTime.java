package org.callpost.amis.internal;

import java.util.PriorityQueue;

/** Time for the session tests: tasks run in order of their due time as the test moves the clock; nothing sleeps. */
final class VirtualTime {
    private record Task(long due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due)
            : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    long now() {
        return now;
    }

    Runnable after(long millis, Runnable run) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + millis, seq++, run, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything due up to {@code until}, the clock following each task. */
    void runUntil(long until) {
        while (!tasks.isEmpty() && tasks.peek().due <= until) {
            Task t = tasks.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
        now = Math.max(now, until);
    }

    void runFor(long millis) {
        runUntil(now + millis);
    }
}
