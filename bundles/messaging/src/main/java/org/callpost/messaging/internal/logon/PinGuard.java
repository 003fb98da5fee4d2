package org.callpost.messaging.internal.logon;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.callpost.api.cluster.WrongPinRecords;
import org.callpost.api.messaging.PinCheck;
import org.callpost.api.messaging.PinCheck.Outcome;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.MessageStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PinLogons}: one count of wrong PINs per mailbox for the phone and the web, and the lockout.
 * <p>
 * With one node the counts live in memory only: a restart (of Callpost, the messaging bundle, or
 * this component when the message store comes back) forgets every count and lockout. When several
 * nodes share the store it offers {@link WrongPinRecords}: each mailbox's entry is then read from
 * and kept in the shared record on every change, so the nodes count one set of guesses. A mailbox removed is
 * forgotten too, so one created again with its number starts clean.
 * <p>
 * A lockout that runs out is lifted (and logged) at the next look at that mailbox: its next PIN,
 * {@link #lockouts()} or {@link #unlock}. Nothing is timed.
 * <p>
 * Threads: {@link #check} runs on the callers' threads (the phone's store workers, the web's
 * request threads) and hashes the PIN in the store, which is slow. Two locks: each mailbox's
 * checks run one at a time under its gate (one of {@link #GATES}, by the number's hash), so a burst
 * of parallel guesses is counted one by one and none is checked once the mailbox is locked; the
 * counts and the settings are guarded by {@code this}, held only briefly and never while
 * hashing. Order: a gate, then {@code this}.
 */
@Component(service = PinLogons.class, configurationPid = "org.callpost.messaging", immediate = true)
public final class PinGuard implements PinLogons {
    private static final Logger LOG = LoggerFactory.getLogger(PinGuard.class);
    static final int GATES = 64;

    private final MessageStore store;
    private final Clock clock;
    private final Object[] gates = new Object[GATES];
    // guarded by this
    private final Map<String, WrongPins> wrong = new TreeMap<>();
    private LockoutSettings settings;
    /** The wrong PINs of every node, when several share the store; null: this node's, in {@link #wrong}. */
    private volatile WrongPinRecords records;
    private ServiceRegistration<MailboxListener> registration;

    @Activate
    public PinGuard(@Reference MessageStore store, Map<String, Object> properties, BundleContext context) {
        this(store, Clock.systemUTC(), LockoutSettings.of(properties, LockoutSettings.DEFAULT));
        // by hand, not as a DS service: the store references its listeners and this references the store
        MailboxListener removals = new MailboxListener() {
            @Override
            public void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
            }

            @Override
            public void mailboxRemoved(Mailbox mailbox) {
                forget(mailbox.number());
            }
        };
        synchronized (this) {
            registration = context.registerService(MailboxListener.class, removals, null);
        }
    }

    /** The default settings, without the removals listener: for the bundle's tests of the call flows. */
    public PinGuard(MessageStore store, Clock clock) {
        this(store, clock, LockoutSettings.DEFAULT);
    }

    /** @param clock where the window and the lockouts take their time from (tests: a clock they move) */
    PinGuard(MessageStore store, Clock clock, LockoutSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        for (int i = 0; i < GATES; i++) {
            gates[i] = new Object();
        }
        LOG.info("PIN logons: {}", settings.describe());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        LockoutSettings next;
        int lifted = 0;
        synchronized (this) {
            next = LockoutSettings.of(properties, settings);
            if (next.equals(settings)) {
                return;
            }
            settings = next;
            if (!next.enabled()) {
                // off means off: a mailbox locked under the old settings is not left locked by none
                Instant now = clock.instant();
                for (String mailbox : mailboxesWithEntries()) {
                    boolean unlocked = onEntry(mailbox, () -> {
                        WrongPins w = wrong.get(mailbox);
                        if (w != null && w.lockedAt(now).isPresent()) {
                            w.clear();
                            wrong.remove(mailbox);
                            return true;
                        }
                        return false;
                    });
                    lifted += unlocked ? 1 : 0;
                }
            }
        }
        LOG.info("PIN logons: {}{}", next.describe(), lifted == 0 ? "" : "; " + lifted + " locked mailboxes unlocked");
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the framework unregistered it already
            }
        }
    }

    @Override
    public PinCheck check(String mailbox, String pin, String from) {
        Objects.requireNonNull(mailbox, "mailbox");
        String where = from == null || from.isBlank() ? "an unknown place" : from.strip();
        synchronized (gate(mailbox)) {
            Optional<PinCheck> locked = refusedWhileLocked(mailbox, where);
            if (locked.isPresent()) {
                return locked.get();
            }
            Optional<Mailbox> box = store.mailbox(mailbox);
            if (box.isEmpty()) {
                LOG.info("PIN logon to mailbox {} from {}: no such mailbox", mailbox, where);
                return new PinCheck(Outcome.NO_MAILBOX, 0, Optional.empty());
            }
            if (!box.get().pinSet()) {
                LOG.info("PIN logon to mailbox {} from {}: refused, the mailbox has no PIN yet", mailbox, where);
                return new PinCheck(Outcome.NO_PIN, 0, Optional.empty());
            }
            return store.checkPin(mailbox, pin == null ? "" : pin) ? accepted(mailbox, where) : wrong(mailbox, where);
        }
    }

    private Object gate(String mailbox) {
        return gates[Math.floorMod(mailbox.hashCode(), GATES)];
    }

    private synchronized Optional<PinCheck> refusedWhileLocked(String mailbox, String where) {
        return onEntry(mailbox, () -> refusedWhileLockedHere(mailbox, where));
    }

    private Optional<PinCheck> refusedWhileLockedHere(String mailbox, String where) {
        Instant now = clock.instant();
        WrongPins w = current(mailbox, now);
        if (w == null) {
            return Optional.empty();
        }
        Optional<Instant> until = w.lockedAt(now);
        if (until.isEmpty()) {
            return Optional.empty();
        }
        LOG.warn("PIN logon to mailbox {} from {}: refused unchecked, the mailbox is locked until {}", mailbox, where,
                toSecond(until.get()));
        return Optional.of(new PinCheck(Outcome.LOCKED, w.count(), until));
    }

    private synchronized PinCheck accepted(String mailbox, String where) {
        return onEntry(mailbox, () -> acceptedHere(mailbox, where));
    }

    private PinCheck acceptedHere(String mailbox, String where) {
        WrongPins w = wrong.remove(mailbox);
        int before = w == null ? 0 : w.count();
        LOG.info("PIN logon to mailbox {} from {}: accepted{}", mailbox, where,
                before == 0 ? "" : " after " + before + " wrong PINs, which are forgotten");
        return new PinCheck(Outcome.ACCEPTED, 0, Optional.empty());
    }

    private synchronized PinCheck wrong(String mailbox, String where) {
        return onEntry(mailbox, () -> wrongHere(mailbox, where));
    }

    private PinCheck wrongHere(String mailbox, String where) {
        Instant now = clock.instant();
        LockoutSettings s = settings;
        WrongPins w = current(mailbox, now);
        if (w == null) {
            w = new WrongPins(mailbox);
            wrong.put(mailbox, w);
        }
        int n = w.add(now, where);
        if (!s.enabled()) {
            LOG.warn("Wrong PIN for mailbox {} from {}: {} within {} min (no lockout set)", mailbox, where, n,
                    s.window().toMinutes());
            return new PinCheck(Outcome.WRONG, n, Optional.empty());
        }
        LOG.warn("Wrong PIN for mailbox {} from {}: {} of {} within {} min", mailbox, where, n, s.failures(),
                s.window().toMinutes());
        if (n < s.failures()) {
            return new PinCheck(Outcome.WRONG, n, Optional.empty());
        }
        Instant until = now.plus(s.lockout());
        w.lock(until);
        LOG.warn("Mailbox {} locked until {} ({} min) after {} wrong PINs within {} min, the last from {}: every PIN is "
                + "refused until then; callpost:mailbox-unlock {} lifts it", mailbox, toSecond(until),
                s.lockout().toMinutes(), n, s.window().toMinutes(), where, mailbox);
        return new PinCheck(Outcome.LOCKED, n, Optional.of(until));
    }

    /**
     * A mailbox's entry brought up to {@code now}: a lockout that ran out is lifted, the window
     * slides; null when nothing is left (the entry is then dropped).
     */
    private WrongPins current(String mailbox, Instant now) {
        assert Thread.holdsLock(this);
        WrongPins w = wrong.get(mailbox);
        if (w == null) {
            return null;
        }
        if (w.lockoutEnded(now)) {
            LOG.info("Mailbox {}: PIN lockout ended at {}; its wrong PINs are forgotten", mailbox,
                    toSecond(w.lockedUntil()));
            w.clear();
        }
        w.slide(now, settings.window());
        if (w.empty()) {
            wrong.remove(mailbox);
            return null;
        }
        return w;
    }

    @Override
    public synchronized List<PinLockout> lockouts() {
        Instant now = clock.instant();
        List<PinLockout> all = new ArrayList<>();
        for (String mailbox : mailboxesWithEntries()) {
            PinLockout view = onEntry(mailbox, () -> {
                WrongPins w = current(mailbox, now);
                return w == null ? null : w.view(now);
            });
            if (view != null) {
                all.add(view);
            }
        }
        return all;
    }

    @Override
    public synchronized boolean unlock(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        return onEntry(mailbox, () -> unlockHere(mailbox));
    }

    private boolean unlockHere(String mailbox) {
        Instant now = clock.instant();
        WrongPins w = current(mailbox, now);
        if (w == null) {
            LOG.info("Mailbox {} unlocked by the administrator: it was not locked and had no wrong PINs", mailbox);
            return false;
        }
        wrong.remove(mailbox);
        Optional<Instant> until = w.lockedAt(now);
        LOG.info("Mailbox {} unlocked by the administrator: {}", mailbox, until.isPresent()
                ? "it was locked until " + toSecond(until.get()) + " after " + w.count() + " wrong PINs"
                : "it was not locked; its " + w.count() + " wrong PINs are forgotten");
        return true;
    }

    /** For the log: the clock's nanoseconds say nothing to an administrator. */
    private static Instant toSecond(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A mailbox was removed: one created again with its number starts clean. */
    synchronized void forget(String mailbox) {
        onEntry(mailbox, () -> {
            if (wrong.remove(mailbox) != null) {
                LOG.info("Mailbox {} removed: its wrong PINs and lockout are forgotten", mailbox);
            }
            return null;
        });
    }

    // ---- shared by several nodes ----------------------------------------------------------------

    /** A store shared by several nodes keeps the wrong PINs for all of them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecords(WrongPinRecords records) {
        this.records = records;
        LOG.info("PIN logons: several nodes share the store; wrong PINs and lockouts are counted for all of them");
    }

    void unbindRecords(WrongPinRecords gone) {
        if (records == gone) { // greedy: a replacement is bound before the old one goes
            records = null;
        }
    }

    /** The mailboxes with an entry: this node's, and with shared records every node's. Call holding this. */
    private java.util.Set<String> mailboxesWithEntries() {
        java.util.Set<String> all = new java.util.TreeSet<>(wrong.keySet());
        WrongPinRecords r = records;
        if (r != null) {
            all.addAll(r.mailboxes());
        }
        return all;
    }

    /**
     * Runs {@code work} on a mailbox's entry; with shared records, on the entry as the nodes left
     * it, kept for all of them when it is done (no other node changes it meanwhile). When the records
     * cannot be reached this node counts alone until they can. Call holding this: the entry is in
     * {@link #wrong} while {@code work} runs.
     */
    private <T> T onEntry(String mailbox, java.util.function.Supplier<T> work) {
        WrongPinRecords r = records;
        if (r == null) {
            return work.get();
        }
        List<T> done = new ArrayList<>(1);
        r.update(mailbox, kept -> {
            done.clear(); // run again on the other node's row: what it counted first counts
            WrongPins w = WrongPins.of(mailbox, kept);
            if (w.empty()) {
                wrong.remove(mailbox);
            } else {
                wrong.put(mailbox, w);
            }
            done.add(work.get());
            WrongPins after = wrong.get(mailbox);
            return after == null ? WrongPinRecords.Record.NONE : after.record();
        });
        // not shared after all (the database went away): what ran here still counts here
        return done.isEmpty() ? work.get() : done.get(0);
    }
}
