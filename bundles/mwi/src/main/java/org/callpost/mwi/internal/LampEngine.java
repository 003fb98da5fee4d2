package org.callpost.mwi.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.callpost.api.cluster.LampOwnership;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.lamp.Lamps;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lamps: desired state per extension of a PBX (following the mailboxes that light it: two
 * PBXes' extension 201 are two lamps when each has its own mailbox), what the PBX
 * last confirmed, and the requests to the PBX, queued and coalesced per extension (a lamp has at
 * most one request on its way; when it completes the latest desired state is compared again),
 * limited in concurrency, retried with doubling back-off and given up after the configured
 * number of failed attempts.
 * <p>
 * All state is touched only on the one scheduler thread it is given, so there are no locks; the
 * public methods hand their work to that thread (queries wait for it briefly).
 */
final class LampEngine {
    private final LampCounts counts = new LampCounts();

    /** Requests to the PBX by result, for the figures. */
    LampCounts counts() {
        return counts;
    }
    private static final Logger LOG = LoggerFactory.getLogger(LampEngine.class);
    private static final long MAX_RETRY_DELAY_MS = TimeUnit.MINUTES.toMillis(10);
    /** A request the Lamps service never completes counts as no answer after this long. */
    static final long GUARD_MILLIS = TimeUnit.SECONDS.toMillis(60);
    /**
     * 503: the Lamps service had no free MWI line (e.g. the line is still in its on-hook delay) or the
     * PBX is overloaded: retried after this long without counting as an attempt, up to
     * {@link #MAX_BUSY_RETRIES} times per request.
     */
    static final long BUSY_RETRY_MS = 1000;
    static final int MAX_BUSY_RETRIES = 30;

    /** One extension's lamp; touched only on the scheduler thread. */
    private static final class Lamp {
        final String extension;
        /**
         * The integration of the mailboxes it shows, which alone sets it; "" for mailboxes of no
         * integration, whose lamps go through the one Callpost places its own calls through.
         */
        final String owner;
        /** Mailbox number to its counts, for every mailbox whose lamp this is. */
        final Map<String, MailboxCounts> mailboxes = new HashMap<>();
        /** The administrator's choice, until the store next changes one of its mailboxes. */
        Boolean manual;
        /** The desired state loaded from disk until the store tells us (start-up). */
        Boolean persistedDesired;
        Boolean confirmedOn;
        Instant confirmedAt;
        /** The integration it was last set through (its owner, when it has one). */
        String integration;
        /** A request should be sent even when the PBX confirmed the desired state (re-assertion). */
        boolean force;
        boolean queued;
        boolean inFlight;
        boolean retryScheduled;
        boolean sentOn;
        /** The counts last sent, for PBXes whose lamps show them (-1: none sent). */
        int sentNew = -1;
        int sentOld = -1;
        int sentNewUrgent = -1;
        int sentOldUrgent = -1;
        /** Whether the integration's lamps show counts (a NOTIFY), as of the last send. */
        boolean countsShown;
        long generation;
        int attempts;
        int busyRetries;
        boolean failed;
        /** The PBX's refusal (4xx/6xx final status) of the last request, 0 when it was not refused. */
        int refusedStatus;
        /** The last refusal logged at WARN ("on 404"), so each extension, state and code warns once. */
        String refusalWarned;
        String failure;
        /** This node holds the lamp's lease (several nodes: {@link LampOwnership}), as of the last send. */
        boolean ownedHere;

        Lamp(String owner, String extension) {
            this.owner = owner;
            this.extension = extension;
            this.integration = owner;
        }

        String key() {
            return LampEngine.key(owner, extension);
        }

        boolean desiredOn() {
            if (manual != null) {
                return manual;
            }
            if (mailboxes.isEmpty() && persistedDesired != null) {
                return persistedDesired;
            }
            return mailboxes.values().stream().anyMatch(c -> c.unheardCount() > 0);
        }

        int newCount() {
            return mailboxes.values().stream().mapToInt(MailboxCounts::unheardCount).sum();
        }

        int oldCount() {
            return mailboxes.values().stream().mapToInt(c -> c.newCount() - c.unheardCount() + c.savedCount()).sum();
        }

        int newUrgentCount() {
            return mailboxes.values().stream().mapToInt(MailboxCounts::unheardUrgentCount).sum();
        }

        int oldUrgentCount() {
            return mailboxes.values().stream().mapToInt(MailboxCounts::heardUrgentCount).sum();
        }

        /** Whether the lamp's message counts changed since they were sent to a PBX that shows them. */
        boolean countsChanged() {
            return countsShown && (newCount() != sentNew || oldCount() != sentOld || newUrgentCount() != sentNewUrgent
                    || oldUrgentCount() != sentOldUrgent);
        }

        /** Whether the PBX must be told something now. */
        boolean needsSend() {
            boolean desired = desiredOn();
            if (inFlight) {
                return desired != sentOn || countsChanged();
            }
            if (force) {
                return true;
            }
            if (confirmedOn != null && confirmedOn == desired && countsChanged()) {
                return true; // same lamp, new counts: a NOTIFY PBX shows them
            }
            // a lamp never confirmed is sent when it should be on; an unknown lamp wanted off
            // waits for the next re-assertion (a new empty mailbox does not dial a lamp-off)
            return confirmedOn == null ? desired : confirmedOn != desired;
        }
    }

    /** The SIP bundle's service that shows lamps on a PBX. */
    private final Lamps pbxLamps;
    private final Function<Optional<String>, Optional<String>> integrationResolver;
    private final ScheduledExecutorService scheduler;
    private final Path stateFile;
    private final Clock clock;
    private volatile Settings settings;
    /** Which lamps this node sets when several nodes share the store; null: all of them. */
    private volatile LampOwnership ownership;

    /** By {@link #key}. */
    private final Map<String, Lamp> lamps = new TreeMap<>();
    /** Mailbox number to the key of the lamp that shows it. */
    private final Map<String, String> lampOfMailbox = new HashMap<>();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private int running;
    private boolean pumpScheduled;
    private boolean saveScheduled;
    private boolean closed;

    /**
     * @param integrationResolver given the configured integration (empty when none is), the
     *                            integration that sets lamps now, or empty when none is running
     */
    LampEngine(Lamps pbxLamps, Function<Optional<String>, Optional<String>> integrationResolver,
            ScheduledExecutorService scheduler, Path stateFile, Settings settings, Clock clock) {
        this.pbxLamps = pbxLamps;
        this.integrationResolver = integrationResolver;
        this.scheduler = scheduler;
        this.stateFile = stateFile;
        this.settings = settings;
        this.clock = clock;
    }

    /** Several nodes share the store: only the lamps {@code ownership} says are this node's are set; null: all. */
    void ownership(LampOwnership ownership) {
        this.ownership = ownership;
    }

    /** A lamp's name in the map and the state file: "201" for a lamp of no integration, "branch/201" for one of branch's. */
    static String key(String owner, String extension) {
        return owner.isEmpty() ? extension : owner + "/" + extension;
    }

    private Lamp lampOf(String owner, String extension) {
        return lamps.computeIfAbsent(key(owner, extension), k -> new Lamp(owner, extension));
    }

    // ---- life cycle -----------------------------------------------------------------------------

    /** Loads the persisted lamps (on the calling thread, before anything else runs). */
    void load() {
        if (!Files.isRegularFile(stateFile)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("MWI: could not read the lamp state {}: {}; starting from the store alone", stateFile, e.toString());
            return;
        }
        for (String key : p.stringPropertyNames()) {
            // [owner/]extension=desired,confirmed(on|off|-),confirmedAtMillis(-),manual(on|off|-),integration
            // (a file from before lamps had an owner has extensions alone: lamps of no integration)
            String[] f = p.getProperty(key).split(",", -1);
            int slash = key.lastIndexOf('/');
            String owner = slash < 0 ? "" : key.substring(0, slash);
            String ext = key.substring(slash + 1);
            if (f.length < 4 || ext.isEmpty() || !ext.chars().allMatch(Character::isDigit) || slash == 0) {
                LOG.warn("MWI: ignoring the unreadable lamp entry {}={} in {}", key, p.getProperty(key), stateFile);
                continue;
            }
            Lamp l = new Lamp(owner, ext);
            l.persistedDesired = "on".equals(f[0]);
            l.confirmedOn = "-".equals(f[1]) ? null : "on".equals(f[1]);
            l.confirmedAt = "-".equals(f[2]) ? null : Instant.ofEpochMilli(Long.parseLong(f[2]));
            l.manual = "-".equals(f[3]) ? null : "on".equals(f[3]);
            l.integration = !owner.isEmpty() ? owner : f.length > 4 ? f[4] : "";
            lamps.put(l.key(), l);
        }
        LOG.info("MWI: loaded {} lamps from {}", lamps.size(), stateFile);
    }

    void update(Settings s) {
        settings = s;
        run(this::pump);
    }

    void close() {
        run(() -> {
            closed = true;
            if (saveScheduled) {
                save();
            }
        });
    }

    // ---- what changes the desired state -------------------------------------------------------

    /** The store says a mailbox's counts (or settings) changed. */
    void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
        String ext = mailbox.lampExtension();
        String key = key(mailbox.integration(), ext);
        run(() -> {
            String old = lampOfMailbox.remove(mailbox.number());
            if (old != null && !old.equals(key)) {
                Lamp l = lamps.get(old);
                if (l != null) {
                    l.mailboxes.remove(mailbox.number());
                    l.manual = null;
                    changed(l);
                }
            }
            if (ext.isEmpty()) {
                return;
            }
            lampOfMailbox.put(mailbox.number(), key);
            Lamp l = lampOf(mailbox.integration(), ext);
            l.mailboxes.put(mailbox.number(), counts);
            l.persistedDesired = null;
            l.manual = null;
            changed(l);
        });
    }

    /** The store says a mailbox was removed: its lamp goes off (unless another mailbox lights it). */
    void mailboxRemoved(Mailbox mailbox) {
        run(() -> {
            String key = lampOfMailbox.remove(mailbox.number());
            if (key == null) {
                key = key(mailbox.integration(), mailbox.lampExtension());
            }
            Lamp l = lamps.get(key);
            if (l != null) {
                l.mailboxes.remove(mailbox.number());
                l.persistedDesired = null;
                l.manual = null;
                changed(l);
            }
        });
    }

    /**
     * The store's full list of mailboxes (at start-up): lamps loaded from disk that no mailbox
     * lights any more are cleared.
     *
     * @param lampsInStore the {@link #key}s of the lamps the store's mailboxes light
     */
    void reconcile(Set<String> lampsInStore) {
        run(() -> {
            for (Lamp l : lamps.values()) {
                if (!lampsInStore.contains(l.key()) && l.mailboxes.isEmpty() && l.manual == null) {
                    l.persistedDesired = false;
                    changed(l);
                }
            }
        });
    }

    /**
     * The administrator's choice: every lamp of that extension (on each PBX with a mailbox for it),
     * or a new lamp of no integration when there is none.
     */
    void set(String extension, boolean on) {
        if (extension == null || extension.isEmpty() || !extension.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an extension is digits, not '" + extension + "'");
        }
        run(() -> {
            List<Lamp> of = lamps.values().stream().filter(l -> l.extension.equals(extension)).toList();
            for (Lamp l : of.isEmpty() ? List.of(lampOf("", extension)) : of) {
                l.manual = on;
                l.force = true;
                changed(l);
            }
        });
    }

    /**
     * Sends the lamps again (from any thread but the scheduler's).
     *
     * @param integration only lamps last set through this integration (or that would be now)
     * @param spreadMillis spread the requests over this long (0: at once, the queue paces them)
     * @return how many were queued
     */
    int reassert(Optional<String> integration, long spreadMillis) {
        Integer n = query(() -> reassertAsync(integration, spreadMillis));
        return n == null ? 0 : n;
    }

    /**
     * {@link #reassert} of the lamps the PBX has not confirmed in their desired state since
     * {@code since} (from any thread but the scheduler's).
     */
    int reassertUnconfirmedSince(Optional<String> integration, Instant since) {
        Integer n = query(() -> reassertAsync(integration, 0, Optional.of(since)));
        return n == null ? 0 : n;
    }

    /** {@link #reassert}, called on the scheduler thread. */
    int reassertAsync(Optional<String> integration, long spreadMillis) {
        return reassertAsync(integration, spreadMillis, Optional.empty());
    }

    /**
     * {@link #reassert}, called on the scheduler thread; with {@code confirmedSince}, a lamp the PBX
     * confirmed in its desired state at or after it is left alone: the PBX answered it after the
     * lines came back, so it shows it (a restarted node's first lamp-on is not sent twice).
     */
    int reassertAsync(Optional<String> integration, long spreadMillis, Optional<Instant> confirmedSince) {
        Optional<String> now = integrationResolver.apply(configured());
        int n = 0;
        for (Lamp l : lamps.values()) {
            if (confirmedSince.isPresent() && l.confirmedAt != null && !l.confirmedAt.isBefore(confirmedSince.get())
                    && l.confirmedOn != null && l.confirmedOn == l.desiredOn()) {
                continue;
            }
            if (integration.isPresent() && !l.owner.isEmpty() && !integration.get().equals(l.owner)) {
                continue; // another PBX's lamp
            }
            String its = l.integration.isEmpty() ? now.orElse("") : l.integration;
            if (integration.isPresent() && l.owner.isEmpty() && !integration.get().equals(its)
                    && !integration.get().equals(now.orElse(null))) {
                continue;
            }
            n++;
            String key = l.key();
            Runnable r = () -> {
                Lamp x = lamps.get(key);
                if (x != null) {
                    x.force = true;
                    x.failed = false;
                    if (!x.inFlight) {
                        x.attempts = 0;
                    }
                    changed(x);
                }
            };
            long delay = spreadMillis <= 0 ? 0 : (long) (Math.random() * spreadMillis);
            if (delay == 0) {
                r.run();
            } else {
                schedule(r, delay);
            }
        }
        return n;
    }

    // ---- queries -----------------------------------------------------------------------------

    List<LampStatus> lamps() {
        List<LampStatus> out = query(() -> lamps.values().stream().map(this::status).toList());
        return out == null ? List.of() : out;
    }

    Optional<LampStatus> lamp(String extension) {
        return lamps().stream().filter(s -> s.extension().equals(extension)).findFirst();
    }

    Optional<LampStatus> lamp(String integration, String extension) {
        return lamps().stream().filter(s -> s.extension().equals(extension) && s.integration().equals(integration))
                .findFirst();
    }

    private LampStatus status(Lamp l) {
        LampState state = l.failed && !l.inFlight && !l.queued ? LampState.FAILED
                : l.refusedStatus != 0 && !l.inFlight && !l.queued ? LampState.REFUSED
                : l.inFlight || l.queued || l.retryScheduled || l.needsSend() ? LampState.PENDING : LampState.CONFIRMED;
        return new LampStatus(l.extension, l.integration, l.desiredOn(), Optional.ofNullable(l.confirmedOn),
                Optional.ofNullable(l.confirmedAt), state, Optional.ofNullable(l.failure), l.attempts);
    }

    // ---- the queue -----------------------------------------------------------------------------

    /** The desired state of a lamp may have changed: queue a request if one is needed. */
    private void changed(Lamp l) {
        scheduleSave();
        if (l.inFlight || l.queued) {
            return; // coalesced: the completion (or the send) looks at the latest desired state
        }
        if (!l.needsSend()) {
            return;
        }
        if (l.retryScheduled && l.desiredOn() == l.sentOn) {
            return; // the retry already scheduled carries it
        }
        if (l.retryScheduled) {
            // a new desired state does not wait for the back-off of an old one
            l.retryScheduled = false;
            l.generation++;
        }
        if ((l.failed || l.refusedStatus != 0) && !l.force && l.sentOn == l.desiredOn()) {
            scheduleSave();
            return; // given up or refused: the next change or re-assertion asks again
        }
        l.failed = false;
        l.refusedStatus = 0;
        l.attempts = 0;
        l.busyRetries = 0;
        l.failure = null;
        enqueue(l);
    }

    private void enqueue(Lamp l) {
        l.queued = true;
        ready.add(l.key());
        if (!pumpScheduled) {
            pumpScheduled = true;
            schedule(() -> {
                pumpScheduled = false;
                pump();
            }, settings.coalesceMillis());
        }
    }

    private void pump() {
        while (!closed && running < settings.concurrency() && !ready.isEmpty()) {
            Lamp l = lamps.get(ready.poll());
            if (l == null || !l.queued) {
                continue;
            }
            l.queued = false;
            if (!l.needsSend()) {
                continue;
            }
            send(l);
        }
    }

    private void send(Lamp l) {
        // a mailbox's own PBX sets its lamp, never another one; the others' go by the configured rule
        Optional<String> integration = integrationResolver.apply(l.owner.isEmpty() ? configured() : Optional.of(l.owner));
        if (integration.isEmpty()) {
            l.failure = !l.owner.isEmpty() ? "integration " + l.owner + " (the mailbox's) is not running"
                    : "no integration is running" + configured().map(i -> " (configured: " + i + ")").orElse("");
            // not counted as an attempt: the integration poll re-asserts when one comes up
            return;
        }
        if (!ownedHere(l)) {
            return;
        }
        boolean on = l.desiredOn();
        l.integration = integration.get();
        l.inFlight = true;
        l.sentOn = on;
        l.sentNew = l.newCount();
        l.sentOld = l.oldCount();
        l.sentNewUrgent = l.newUrgentCount();
        l.sentOldUrgent = l.oldUrgentCount();
        try {
            l.countsShown = pbxLamps.showCounts(l.integration);
        } catch (RuntimeException e) {
            l.countsShown = false;
        }
        l.force = false;
        l.attempts++;
        counts.add(LampCounts.Result.SENT);
        long generation = ++l.generation;
        running++;
        LOG.debug("MWI: lamp {} {} via {} (attempt {})", l.extension, on ? "on" : "off", l.integration, l.attempts);
        CompletionStage<Integer> result;
        try {
            result = pbxLamps.set(l.integration,
                    new LampRequest(l.extension, on, l.sentNew, l.sentOld, l.sentNewUrgent, l.sentOldUrgent));
        } catch (RuntimeException e) {
            result = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        String key = l.key();
        result.whenComplete((status, error) -> run(() -> completed(key, generation, status, error)));
        schedule(() -> completed(key, generation, null, new java.util.concurrent.TimeoutException(
                "no outcome from the switch profile after " + GUARD_MILLIS / 1000 + " s")), GUARD_MILLIS);
    }

    /**
     * Whether this node sets the lamp (always, with one node). A lamp another node sets is left to
     * it, not counted as an attempt: a later change or re-assertion asks again, so a node whose
     * lease ran out is replaced. A lamp just taken over starts from what its last node recorded the
     * PBX confirmed, so it is sent only if that differs (or it is re-asserted).
     */
    private boolean ownedHere(Lamp l) {
        LampOwnership o = ownership;
        if (o == null) {
            return true;
        }
        if (!o.owns(l.owner, l.extension)) {
            l.ownedHere = false;
            l.force = false;
            l.failure = "set by another node";
            return false;
        }
        if (!l.ownedHere) {
            l.ownedHere = true;
            l.failure = null;
            o.confirmed(l.owner, l.extension).ifPresent(on -> l.confirmedOn = on);
            return l.needsSend();
        }
        return true;
    }

    private void completed(String key, long generation, Integer status, Throwable error) {
        Lamp l = lamps.get(key);
        if (l == null || !l.inFlight || l.generation != generation) {
            return; // already completed (the guard, or the result after the guard)
        }
        String extension = l.extension;
        l.inFlight = false;
        running--;
        int code = status == null ? 0 : status;
        if (error == null && confirmed(code)) {
            counts.add(LampCounts.Result.CONFIRMED);
            l.confirmedOn = l.sentOn;
            l.confirmedAt = clock.instant();
            LampOwnership o = ownership;
            if (o != null) {
                o.confirmed(l.owner, l.extension, l.sentOn); // for a node that takes the lamp over
            }
            l.attempts = 0;
            l.busyRetries = 0;
            l.failure = null;
            l.failed = false;
            l.refusedStatus = 0;
            l.refusalWarned = null;
            scheduleSave();
            if (l.needsSend()) {
                enqueue(l);
            }
        } else if (error == null && refused(code)) {
            // The PBX answered, and asking again would get the same answer: not retried, and not
            // confirmed either (what the lamp shows is unknown). A new state or re-assertion asks again.
            counts.add(LampCounts.Result.REFUSED);
            String state = l.sentOn ? "on" : "off";
            l.refusedStatus = code;
            l.attempts = 0;
            l.busyRetries = 0;
            l.force = false;
            l.failure = "refused by the PBX (SIP " + code + ")";
            String warned = state + " " + code;
            if (!warned.equals(l.refusalWarned)) {
                l.refusalWarned = warned;
                LOG.warn("MWI: the PBX refused lamp {} {} on integration {} with SIP {}: check the lamp {} code dialled "
                        + "(mwi.on.code / mwi.off.code of the switch profile, e.g. org.callpost.pbx.mivoice400) against the "
                        + "PBX's feature-code programming, and that {} is an extension of that PBX", extension, state,
                        l.integration, code, state, extension);
            } else {
                LOG.debug("MWI: lamp {} {} refused again with SIP {}", extension, state, code);
            }
            scheduleSave();
            if (l.desiredOn() != l.sentOn) {
                l.refusedStatus = 0;
                enqueue(l); // a different state is wanted now: a new request
            }
        } else {
            counts.add(LampCounts.Result.FAILED);
            l.failure = error != null ? "error: " + error.getMessage()
                    : code == 0 ? "no answer" : noAnswer(code) ? "no answer (SIP " + code + ")"
                    : code == 503 ? "no free MWI line or PBX busy (SIP 503)" : "SIP " + code;
            boolean busy = error == null && code == 503 && l.busyRetries < MAX_BUSY_RETRIES;
            if (busy) {
                l.attempts--; // not the PBX failing to answer: try again soon
                l.busyRetries++;
            }
            if (l.desiredOn() != l.sentOn) {
                l.attempts = 0; // a different state is wanted now: a new request
                l.busyRetries = 0;
                enqueue(l);
            } else if (busy) {
                LOG.debug("MWI: lamp {}: {}; trying again in {} ms", extension, l.failure, BUSY_RETRY_MS);
                retryLater(l, BUSY_RETRY_MS);
            } else if (l.attempts >= settings.maxAttempts()) {
                counts.add(LampCounts.Result.GAVE_UP);
                l.failed = true;
                l.force = false;
                LOG.warn("MWI: giving up the lamp of {} ({}) on integration {} after {} attempts; last: {}", extension,
                        l.sentOn ? "on" : "off", l.integration, l.attempts, l.failure);
            } else {
                long delay = Math.min(MAX_RETRY_DELAY_MS, settings.retryDelayMillis() << Math.min(20, l.attempts - 1));
                LOG.info("MWI: lamp {} {}: {} (attempt {} of {}); retrying in {} ms", extension, l.sentOn ? "on" : "off",
                        l.failure, l.attempts, settings.maxAttempts(), delay);
                retryLater(l, delay);
            }
        }
        pump();
    }

    private void retryLater(Lamp l, long delay) {
        l.retryScheduled = true;
        long retryGeneration = l.generation;
        l.force = true;
        schedule(() -> {
            if (l.retryScheduled && l.generation == retryGeneration) {
                l.retryScheduled = false;
                if (!l.queued && !l.inFlight) {
                    enqueue(l);
                }
            }
        }, delay);
    }

    /** The statuses that mean the PBX (or the extension) did not answer in time. */
    static boolean noAnswer(int status) {
        return status == 0 || status == 408 || status == 480 || status == 487;
    }

    /** Whether the PBX's final status confirms the lamp: only a 2xx does. */
    static boolean confirmed(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * Whether the PBX's final status refuses the lamp for good: the answers the MiVoice Office 400
     * documents for a feature code it will not carry out (403 not allowed, 404 / 484 unknown
     * extension or code, 486 / 600 busy, 603 declined, 488): repeating would get the same answer, so
     * the lamp is shown REFUSED, not retried. Timeouts (0, 408, 487 after the no-answer CANCEL), 480
     * and 5xx are retried; 503 (no free MWI line, e.g. in its on-hook delay) is retried soon without
     * counting as an attempt.
     */
    static boolean refused(int status) {
        return status == 403 || status == 404 || status == 484 || status == 486 || status == 488 || status == 600
                || status == 603;
    }

    private Optional<String> configured() {
        return settings.integration().isEmpty() ? Optional.empty() : Optional.of(settings.integration());
    }

    // ---- persistence ----------------------------------------------------------------------------

    private void scheduleSave() {
        if (!saveScheduled && !closed) {
            saveScheduled = true;
            schedule(this::save, 200);
        }
    }

    /** Writes the lamps: a temporary file, forced to disk, then renamed over the old one. */
    private void save() {
        saveScheduled = false;
        Properties p = new Properties() {
            @Override
            public synchronized java.util.Set<Map.Entry<Object, Object>> entrySet() {
                // sorted, so the file reads well and diffs well
                java.util.Set<Map.Entry<Object, Object>> sorted = new java.util.TreeSet<>(
                        Comparator.comparing(e -> e.getKey().toString()));
                sorted.addAll(super.entrySet());
                return sorted;
            }
        };
        for (Lamp l : lamps.values()) {
            p.setProperty(l.key(), (l.desiredOn() ? "on" : "off") + ","
                    + (l.confirmedOn == null ? "-" : l.confirmedOn ? "on" : "off") + ","
                    + (l.confirmedAt == null ? "-" : String.valueOf(l.confirmedAt.toEpochMilli())) + ","
                    + (l.manual == null ? "-" : l.manual ? "on" : "off") + "," + l.integration);
        }
        try {
            Files.createDirectories(stateFile.getParent());
            StringWriter w = new StringWriter();
            p.store(w, "Callpost MWI lamps: [integration/]extension=desired,confirmed,confirmedAtMillis,manual,integration");
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(w.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("MWI: could not persist the lamp state to {}: {}", stateFile, e.toString());
        }
    }

    // ---- the one thread ---------------------------------------------------------------------

    private void run(Runnable r) {
        try {
            scheduler.execute(guarded(r));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void schedule(Runnable r, long millis) {
        try {
            scheduler.schedule(guarded(r), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private static Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("MWI: unexpected failure", e);
            }
        };
    }

    private <T> T query(java.util.concurrent.Callable<T> c) {
        try {
            return scheduler.submit(c).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("MWI: could not read the lamps: {}", e.toString());
            return null;
        }
    }
}
