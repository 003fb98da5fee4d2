package org.callpost.messaging.internal.logon;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PinLogons}: one count of wrong PINs per mailbox for the phone and the web, and the lockout.
 * <p>
 * The counts live in memory only: a restart (of Callpost, the messaging bundle, or this component
 * when the message store comes back) forgets every count and lockout. A mailbox removed is
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
                for (Iterator<WrongPins> it = wrong.values().iterator(); it.hasNext();) {
                    WrongPins w = it.next();
                    if (w.lockedAt(now).isPresent()) {
                        w.clear();
                        it.remove();
                        lifted++;
                    }
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
        WrongPins w = wrong.remove(mailbox);
        int before = w == null ? 0 : w.count();
        LOG.info("PIN logon to mailbox {} from {}: accepted{}", mailbox, where,
                before == 0 ? "" : " after " + before + " wrong PINs, which are forgotten");
        return new PinCheck(Outcome.ACCEPTED, 0, Optional.empty());
    }

    private synchronized PinCheck wrong(String mailbox, String where) {
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
        for (String mailbox : List.copyOf(wrong.keySet())) {
            WrongPins w = current(mailbox, now);
            if (w != null) {
                all.add(w.view(now));
            }
        }
        return all;
    }

    @Override
    public synchronized boolean unlock(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
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
        if (wrong.remove(mailbox) != null) {
            LOG.info("Mailbox {} removed: its wrong PINs and lockout are forgotten", mailbox);
        }
    }
}
