package org.callpost.messaging.internal.logon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.callpost.api.cluster.WrongPinRecords;
import org.callpost.api.messaging.PinLockout;

/**
 * One mailbox's wrong PINs within the window and its lockout. Not thread-safe: {@link PinGuard}
 * touches it only under its lock.
 */
final class WrongPins {
    /** Bounds the memory of a mailbox guessed at while the lockout is off. */
    static final int MAX_KEPT = 1000;

    private final String mailbox;
    private final Deque<Instant> times = new ArrayDeque<>();
    private String lastFrom = "";
    private Instant lastFailure;
    private Instant lockedUntil;

    WrongPins(String mailbox) {
        this.mailbox = mailbox;
    }

    /**
     * Drops the wrong PINs older than the window (one exactly {@code window} old no longer counts).
     * Not while locked: the administrator sees the count that locked the mailbox.
     */
    void slide(Instant now, Duration window) {
        if (lockedUntil != null) {
            return;
        }
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }

    /** @return the wrong PINs now counted */
    int add(Instant now, String from) {
        times.addLast(now);
        if (times.size() > MAX_KEPT) {
            times.removeFirst();
        }
        lastFrom = from;
        lastFailure = now;
        return times.size();
    }

    int count() {
        return times.size();
    }

    void lock(Instant until) {
        lockedUntil = until;
    }

    /** The lockout's end while it lasts at {@code now}. */
    Optional<Instant> lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    /** Whether a lockout was set and has run out by {@code now}. */
    boolean lockoutEnded(Instant now) {
        return lockedUntil != null && !now.isBefore(lockedUntil);
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    /** After a lockout the count starts again: its wrong PINs were paid for. */
    void clear() {
        times.clear();
        lockedUntil = null;
    }

    /** Whether there is nothing left to keep. */
    boolean empty() {
        return times.isEmpty() && lockedUntil == null;
    }

    /** An entry as the nodes' shared record has it. */
    static WrongPins of(String mailbox, WrongPinRecords.Record r) {
        WrongPins w = new WrongPins(mailbox);
        w.times.addAll(r.times());
        w.lastFrom = r.lastFrom();
        w.lastFailure = r.lastFailure().orElse(null);
        w.lockedUntil = r.lockedUntil().orElse(null);
        return w;
    }

    /** The entry as a shared record. */
    WrongPinRecords.Record record() {
        return empty() ? WrongPinRecords.Record.NONE : new WrongPinRecords.Record(List.copyOf(times), lastFrom,
                Optional.ofNullable(lastFailure), Optional.ofNullable(lockedUntil));
    }

    PinLockout view(Instant now) {
        return new PinLockout(mailbox, times.size(), lastFrom, lastFailure == null ? now : lastFailure, lockedAt(now));
    }
}
