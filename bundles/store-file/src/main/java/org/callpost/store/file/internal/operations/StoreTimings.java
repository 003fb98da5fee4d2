package org.callpost.store.file.internal.operations;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long the store's message operations take, for the metrics: a count and a total per
 * operation, one add per call (a message begun, committed, listed, read), never per audio frame.
 */
public final class StoreTimings {
    /** The operations timed. */
    public enum Operation {
        BEGIN_MESSAGE("begin_message"),
        COMMIT_MESSAGE("commit_message"),
        LIST_MESSAGES("list_messages"),
        READ_MESSAGE("read_message");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        /** The value of the metric's {@code operation} tag. */
        public String label() {
            return label;
        }
    }

    /** An operation that may fail with an I/O error. */
    public interface Timed<T, E extends Exception> {
        T run() throws E;
    }

    private final Map<Operation, LongAdder> counts = new EnumMap<>(Operation.class);
    private final Map<Operation, LongAdder> nanos = new EnumMap<>(Operation.class);

    public StoreTimings() {
        for (Operation o : Operation.values()) {
            counts.put(o, new LongAdder());
            nanos.put(o, new LongAdder());
        }
    }

    /** Runs the operation and adds its time, failed or not. */
    public <T, E extends Exception> T time(Operation operation, Timed<T, E> work) throws E {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            add(operation, start);
        }
    }

    /** Adds one operation that started at {@code startNanos} ({@link System#nanoTime}) and ends now. */
    public void add(Operation operation, long startNanos) {
        nanos.get(operation).add(System.nanoTime() - startNanos);
        counts.get(operation).increment();
    }

    public long count(Operation operation) {
        return counts.get(operation).sum();
    }

    public double totalSeconds(Operation operation) {
        return nanos.get(operation).sum() / 1e9;
    }
}
