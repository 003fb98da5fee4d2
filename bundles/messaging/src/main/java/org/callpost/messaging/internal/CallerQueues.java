package org.callpost.messaging.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.callpost.api.call.Call;

/**
 * The callers holding for busy extensions, one first-come-first-served queue per extension.
 * They are this Callpost's own: as the integration note says of each call server, another
 * Callpost does not see them.
 * <p>
 * Threads: one queue is read and changed by every call holding for the extension, each on its
 * own call's executor, so unlike a call's flow state it needs its lock.
 */
final class CallerQueues {
    private final Map<String, List<Call>> byExtension = new HashMap<>();

    /** Callers holding for {@code extension} now. */
    synchronized int waiting(String extension) {
        List<Call> q = byExtension.get(extension);
        return q == null ? 0 : q.size();
    }

    /** Puts {@code call} at the end of the extension's queue; returns its place (from 1). */
    synchronized int join(String extension, Call call) {
        List<Call> q = byExtension.computeIfAbsent(extension, e -> new ArrayList<>());
        if (!q.contains(call)) {
            q.add(call);
        }
        return q.indexOf(call) + 1;
    }

    /** The call's place in the extension's queue (from 1), or 0 when it is not in it. */
    synchronized int place(String extension, Call call) {
        List<Call> q = byExtension.get(extension);
        return q == null ? 0 : q.indexOf(call) + 1;
    }

    synchronized void leave(String extension, Call call) {
        List<Call> q = byExtension.get(extension);
        if (q != null) {
            q.remove(call);
            if (q.isEmpty()) {
                byExtension.remove(extension);
            }
        }
    }

    /** Every extension with callers holding, and how many, for the log and the shell. */
    synchronized Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new HashMap<>();
        byExtension.forEach((e, q) -> sizes.put(e, q.size()));
        return sizes;
    }
}
