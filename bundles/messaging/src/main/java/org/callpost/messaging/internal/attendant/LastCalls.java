package org.callpost.messaging.internal.attendant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.callpost.api.attendant.RoutedCall;

/** The last calls routed, newest first: a small ring for the shell, kept in memory only. */
final class LastCalls {
    private final int size;
    private final Deque<RoutedCall> calls = new ArrayDeque<>();

    LastCalls(int size) {
        this.size = size;
    }

    synchronized void add(RoutedCall call) {
        calls.addFirst(call);
        while (calls.size() > size) {
            calls.removeLast();
        }
    }

    synchronized List<RoutedCall> all() {
        return new ArrayList<>(calls);
    }
}
