package org.callpost.web.internal.admin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;

/**
 * The last WARN and ERROR log entries of Callpost's bundles (symbolic name starting with
 * {@code org.callpost}), newest first, at most {@code capacity}: what the dashboard shows so that the
 * administrator need not read data/log. Fed by LogReaderService (pax-logging) as a LogListener.
 */
public final class LastErrors implements LogListener {
    /** One entry as kept: plain values, no reference to the bundle or the exception. */
    public record Entry(Instant time, String level, String bundle, String logger, String message) {
    }

    public static final String BUNDLE_PREFIX = "org.callpost";

    private final int capacity;
    private final Deque<Entry> entries; // newest first

    public LastErrors(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        if (level != LogLevel.WARN && level != LogLevel.ERROR) {
            return;
        }
        String bundle = entry.getBundle() == null ? null : entry.getBundle().getSymbolicName();
        if (bundle == null || !bundle.startsWith(BUNDLE_PREFIX)) {
            return;
        }
        String message = entry.getMessage();
        if (entry.getException() != null) {
            // the exception's own words only, no stack trace
            message = message + " (" + entry.getException().getClass().getSimpleName()
                    + (entry.getException().getMessage() == null ? "" : ": " + entry.getException().getMessage()) + ")";
        }
        add(new Entry(Instant.ofEpochMilli(entry.getTime()), level.name(), bundle, entry.getLoggerName(), message));
    }

    public synchronized void add(Entry entry) {
        if (entries.size() == capacity) {
            entries.removeLast();
        }
        entries.addFirst(entry);
    }

    /** Newest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
