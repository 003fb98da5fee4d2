package org.callpost.messaging.internal.logon;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.callpost.api.messaging.PinCheck;
import org.callpost.api.messaging.PinCheck.Outcome;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.messaging.internal.MessagingConfig;
import org.junit.Test;

/**
 * {@link PinGuard} over a store double that knows three mailboxes (201 and 202 with PIN 4321,
 * 203 without a PIN) and a clock the test moves.
 */
public class PinGuardTest {
    private static final String RIGHT = "4321";
    private static final String WRONG = "9876";
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final MovingClock clock = new MovingClock(T0);
    /** PINs the store was asked to check, by mailbox: the lockout's point is that it is not asked. */
    private final Map<String, AtomicInteger> checked = new ConcurrentHashMap<>();
    private final MessageStore store = store();
    private PinGuard guard = new PinGuard(store, clock, LockoutSettings.DEFAULT);

    private MessageStore store() {
        Map<String, Mailbox> boxes = new HashMap<>();
        boxes.put("201", Mailbox.of("201", "201", "").withPinSet(true));
        boxes.put("202", Mailbox.of("202", "202", "").withPinSet(true));
        boxes.put("203", Mailbox.of("203", "203", ""));
        return (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MessageStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "mailbox" -> Optional.ofNullable(boxes.get((String) args[0]));
                    case "checkPin" -> {
                        checked.computeIfAbsent((String) args[0], k -> new AtomicInteger()).incrementAndGet();
                        Thread.sleep(1); // a PIN hash takes a while: let parallel checks overlap
                        yield boxes.get((String) args[0]).pinSet() && RIGHT.equals(args[1]);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private int checks(String mailbox) {
        AtomicInteger n = checked.get(mailbox);
        return n == null ? 0 : n.get();
    }

    private PinCheck wrong(String mailbox) {
        return guard.check(mailbox, WRONG, "phone 0441234567");
    }

    @Test
    public void eachWrongPinIsCountedAndTheSixthLocksTheMailboxForThirtyMinutes() {
        for (int i = 1; i <= 5; i++) {
            PinCheck c = wrong("201");
            assertEquals(Outcome.WRONG, c.outcome());
            assertEquals(i, c.failures());
            assertEquals(Optional.empty(), c.lockedUntil());
            clock.advance(Duration.ofSeconds(30));
        }
        PinCheck sixth = guard.check("201", WRONG, "web 192.0.2.7");
        assertEquals(Outcome.LOCKED, sixth.outcome());
        assertEquals(6, sixth.failures());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(30))), sixth.lockedUntil());

        PinCheck right = guard.check("201", RIGHT, "phone 201");
        assertEquals("the right PIN is refused too", Outcome.LOCKED, right.outcome());
        assertEquals(sixth.lockedUntil(), right.lockedUntil());
        assertEquals("and not even checked", 6, checks("201"));
        assertEquals("another mailbox is not locked", Outcome.ACCEPTED, guard.check("202", RIGHT, "phone 202").outcome());
    }

    @Test
    public void aWrongPinCountsForFifteenMinutesOnly() {
        wrong("201"); // T0
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 4; i++) {
            wrong("201"); // T0 + 10 min: 5 in all
        }
        clock.advance(Duration.ofMinutes(5)); // the first is exactly 15 min old: no longer counted
        PinCheck c = wrong("201");
        assertEquals(Outcome.WRONG, c.outcome());
        assertEquals(5, c.failures());
        assertEquals(Outcome.LOCKED, wrong("201").outcome());
    }

    @Test
    public void aLockoutEndsByTheClockAndTheCountStartsAgain() {
        lock("201");
        Instant until = T0.plus(Duration.ofMinutes(30));
        clock.set(until.minusSeconds(1));
        assertEquals(Outcome.LOCKED, guard.check("201", RIGHT, "phone 201").outcome());
        clock.set(until.plusNanos(123_456_789));
        String log = logOf(() -> assertEquals("over at its end", Outcome.WRONG, wrong("201").outcome()));
        assertTrue(log, log.contains("INFO") && log.contains("Mailbox 201: PIN lockout ended at 2026-12-04T10:30:00Z;"));
        assertEquals("the wrong PINs before the lockout are forgotten", 1, guard.lockouts().get(0).failures());
        assertEquals(Outcome.ACCEPTED, guard.check("201", RIGHT, "phone 201").outcome());
    }

    private void lock(String mailbox) {
        for (int i = 0; i < 6; i++) {
            wrong(mailbox);
        }
        assertTrue(guard.lockouts().stream().anyMatch(l -> l.mailbox().equals(mailbox) && l.locked()));
    }

    @Test
    public void unlockLiftsALockoutAndForgetsTheWrongPins() {
        lock("201");
        assertTrue("it was locked", guard.unlock("201"));
        assertEquals(List.of(), guard.lockouts());
        assertEquals(Outcome.ACCEPTED, guard.check("201", RIGHT, "phone 201").outcome());
        assertFalse("nothing left to lift", guard.unlock("201"));

        wrong("202");
        assertTrue("wrong PINs counted, not locked", guard.unlock("202"));
        assertEquals("counted from 1 again", 1, wrong("202").failures());
        assertFalse("an unknown mailbox", guard.unlock("999"));
    }

    @Test
    public void unlockSaysNothingWasLockedOnceTheLockoutRanOut() {
        lock("201");
        clock.advance(Duration.ofMinutes(30));
        assertFalse(guard.unlock("201"));
    }

    @Test
    public void noPinAndNoMailboxAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            PinCheck none = guard.check("203", WRONG, "web 192.0.2.7");
            assertEquals(Outcome.NO_PIN, none.outcome());
            assertEquals(0, none.failures());
            assertEquals(Outcome.NO_MAILBOX, guard.check("999", WRONG, "web 192.0.2.7").outcome());
        }
        assertEquals(List.of(), guard.lockouts());
        assertEquals("no PIN is checked for them", 0, checks("203") + checks("999"));
    }

    @Test
    public void anAcceptedPinStartsTheCountAgain() {
        for (int i = 0; i < 5; i++) {
            wrong("201");
        }
        PinCheck ok = guard.check("201", RIGHT, "phone 201");
        assertTrue(ok.accepted());
        assertEquals(0, ok.failures());
        assertEquals(List.of(), guard.lockouts());
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.WRONG, wrong("201").outcome());
        }
    }

    @Test
    public void lockoutsListWhatIsCountedWhereTheLastCameFromAndWhenTheLockEnds() {
        wrong("202");
        clock.advance(Duration.ofMinutes(1));
        guard.check("202", WRONG, "web 192.0.2.7");
        lock("201");
        List<PinLockout> all = guard.lockouts();
        assertEquals(2, all.size());
        PinLockout a = all.get(0);
        assertEquals("201", a.mailbox());
        assertEquals(6, a.failures());
        assertEquals("phone 0441234567", a.lastFrom());
        assertEquals(clock.instant(), a.lastFailure());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(30))), a.lockedUntil());
        PinLockout b = all.get(1);
        assertEquals(new PinLockout("202", 2, "web 192.0.2.7", T0.plus(Duration.ofMinutes(1)), Optional.empty()), b);

        clock.advance(Duration.ofMinutes(20)); // 202's wrong PINs are out of the window, 201 still locked
        assertEquals(List.of("201"), guard.lockouts().stream().map(PinLockout::mailbox).toList());
        assertEquals("the count that locked it is shown", 6, guard.lockouts().get(0).failures());
    }

    @Test
    public void withNoLockoutWrongPinsAreCountedButNeverLock() {
        guard = new PinGuard(store, clock, new LockoutSettings(0, Duration.ofMinutes(15), Duration.ofMinutes(30)));
        for (int i = 1; i <= 20; i++) {
            PinCheck c = wrong("201");
            assertEquals(Outcome.WRONG, c.outcome());
            assertEquals(i, c.failures());
        }
        assertEquals(Outcome.ACCEPTED, guard.check("201", RIGHT, "phone 201").outcome());
    }

    @Test
    public void newSettingsApplyToTheNextPinAndTurningTheLockoutOffUnlocks() {
        guard.modified(Map.of(LockoutSettings.FAILURES, 2, LockoutSettings.WINDOW, "5", LockoutSettings.LOCKOUT, 60));
        wrong("201");
        PinCheck locked = wrong("201");
        assertEquals(Outcome.LOCKED, locked.outcome());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(60))), locked.lockedUntil());

        guard.modified(Map.of(LockoutSettings.FAILURES, 0));
        assertEquals(Outcome.ACCEPTED, guard.check("201", RIGHT, "phone 201").outcome());
    }

    @Test
    public void badSettingsAreNamedWithTheirFixAndTheLastGoodOnesStay() {
        guard.modified(Map.of(LockoutSettings.FAILURES, 3));
        String log = logOf(() -> guard.modified(Map.of(LockoutSettings.FAILURES, 2, LockoutSettings.WINDOW, -1,
                LockoutSettings.LOCKOUT, "soon")));
        assertTrue(log, log.contains("pin.lockout.window.minutes = -1 is out of range: set it to a number from 1"));
        assertTrue(log, log.contains("pin.lockout.minutes = 'soon' is not a whole number: set it to a number of 1 or more"));
        assertTrue(log, log.contains("keeps its last good settings: 3 wrong PINs within 15 min"));
        wrong("201");
        assertEquals("not the bad configuration's 2", Outcome.WRONG, wrong("201").outcome());
        assertEquals(Outcome.LOCKED, wrong("201").outcome());

        assertEquals(LockoutSettings.DEFAULT, LockoutSettings.of(Map.of(LockoutSettings.FAILURES, -1), LockoutSettings.DEFAULT));
        assertEquals(new LockoutSettings(0, Duration.ofMinutes(15), Duration.ofMinutes(30)),
                LockoutSettings.of(Map.of(LockoutSettings.FAILURES, " 0 "), LockoutSettings.DEFAULT));
    }

    @Test
    public void theDefaultsAreTheConfigurationsDefaults() throws Exception {
        assertEquals(MessagingConfig.class.getMethod("pin_lockout_failures").getDefaultValue(), LockoutSettings.DEFAULT.failures());
        assertEquals(MessagingConfig.class.getMethod("pin_lockout_window_minutes").getDefaultValue(),
                (int) LockoutSettings.DEFAULT.window().toMinutes());
        assertEquals(MessagingConfig.class.getMethod("pin_lockout_minutes").getDefaultValue(),
                (int) LockoutSettings.DEFAULT.lockout().toMinutes());
        assertEquals(LockoutSettings.DEFAULT, LockoutSettings.of(Map.of(), new LockoutSettings(1, Duration.ofMinutes(1),
                Duration.ofMinutes(1))));
    }

    @Test
    public void aRemovedMailboxIsForgotten() {
        lock("201");
        guard.forget("201");
        assertEquals(List.of(), guard.lockouts());
    }

    @Test
    public void theLogSaysEachAttemptButNeverThePin() {
        String log = logOf(() -> {
            for (int i = 0; i < 6; i++) {
                guard.check("201", "86420", "phone 0441234567");
            }
            guard.check("201", "97531", "phone 0441234567");
            guard.unlock("201");
            guard.check("201", RIGHT, "web 192.0.2.7");
        });
        assertTrue(log, log.contains("WARN") && log.contains("Wrong PIN for mailbox 201 from phone 0441234567: 5 of 6"));
        assertTrue(log, log.contains("Mailbox 201 locked until 2026-12-04T10:30:00Z"));
        assertTrue(log, log.contains("refused unchecked, the mailbox is locked"));
        assertTrue(log, log.contains("INFO") && log.contains("Mailbox 201 unlocked by the administrator: it was locked"));
        assertTrue(log, log.contains("PIN logon to mailbox 201 from web 192.0.2.7: accepted"));
        assertFalse(log, log.contains("86420") || log.contains("97531") || log.contains(RIGHT));
    }

    /** Parallel guesses at one mailbox: exactly six reach the store, the others find it locked. */
    @Test
    public void parallelGuessesAreCountedOneByOneAndNoneIsCheckedOnceLocked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CyclicBarrier start = new CyclicBarrier(16);
            List<Callable<List<Outcome>>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(() -> {
                    start.await();
                    List<Outcome> seen = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        seen.add(guard.check("201", WRONG, "web 192.0.2.7").outcome());
                    }
                    return seen;
                });
            }
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Future<List<Outcome>> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                for (Outcome o : f.get()) {
                    outcomes.merge(o, 1, Integer::sum);
                }
            }
            assertEquals(Map.of(Outcome.WRONG, 5, Outcome.LOCKED, 155), outcomes);
            assertEquals(6, checks("201"));
            assertEquals(6, guard.lockouts().get(0).failures());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Many mailboxes at once with the lockout off: no wrong PIN is lost. */
    @Test
    public void parallelWrongPinsForSeveralMailboxesAreAllCounted() throws Exception {
        guard = new PinGuard(store, clock, new LockoutSettings(0, Duration.ofMinutes(15), Duration.ofMinutes(30)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String box = t % 2 == 0 ? "201" : "202";
                tasks.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        guard.check(box, WRONG, "web 192.0.2." + i);
                        guard.lockouts();
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                f.get();
            }
            assertEquals(List.of(200, 200), guard.lockouts().stream().map(PinLockout::failures).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What slf4j-simple printed (to System.err) while {@code r} ran. */
    private static String logOf(Runnable r) {
        PrintStream before = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A clock the test sets. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The records of a store shared by nodes, as WrongPinRecords promises them: one change at a time. */
    static final class Records implements org.callpost.api.cluster.WrongPinRecords {
        final Map<String, Record> kept = new java.util.TreeMap<>();

        @Override
        public synchronized boolean update(String mailbox, java.util.function.UnaryOperator<Record> change) {
            Record after = change.apply(kept.getOrDefault(mailbox, Record.NONE));
            if (after.none()) {
                kept.remove(mailbox);
            } else {
                kept.put(mailbox, after);
            }
            return true;
        }

        @Override
        public synchronized List<String> mailboxes() {
            return List.copyOf(kept.keySet());
        }
    }

    @Test
    public void wrongPinsOnTwoNodesAreCountedTogetherAndTheLockoutHoldsOnBoth() {
        Records records = new Records();
        guard.bindRecords(records);
        PinGuard other = new PinGuard(store, clock, LockoutSettings.DEFAULT);
        other.bindRecords(records);
        for (int i = 1; i <= 2; i++) {
            assertEquals(i * 2 - 1, wrong("201").failures());
            assertEquals("the other node counts on", i * 2, other.check("201", WRONG, "web 10.0.0.9").failures());
        }
        assertEquals(5, wrong("201").failures());
        assertEquals("the sixth wrong PIN, on either node, locks", Outcome.LOCKED,
                other.check("201", "1111", "web 10.0.0.9").outcome());
        int checksBefore = checks("201");
        assertEquals("locked on the first node too", Outcome.LOCKED, guard.check("201", RIGHT, "phone 201").outcome());
        assertEquals("refused unchecked", checksBefore, checks("201"));
        assertEquals(List.of("201"), guard.lockouts().stream().map(PinLockout::mailbox).toList());
        assertTrue("unlocked on one node", other.unlock("201"));
        assertEquals("is unlocked on both", Outcome.ACCEPTED, guard.check("201", RIGHT, "phone 201").outcome());
        assertTrue(records.kept.isEmpty());
    }
}
