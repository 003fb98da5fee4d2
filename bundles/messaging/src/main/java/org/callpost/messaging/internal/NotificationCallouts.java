package org.callpost.messaging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.callpost.api.call.Call;
import org.callpost.api.cluster.CalloutJobs;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.integration.Integrations;
import org.callpost.api.messaging.CalloutStatus;
import org.callpost.api.messaging.Callouts;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.prompt.Prompts;
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
 * Message notification callouts: when a mailbox with a callout number receives a new message,
 * Callpost calls that number; whoever answers hears that there are new messages for the mailbox
 * and logs on with its PIN, then has the subscriber's menu. Busy, no answer, or messages still
 * unheard after the call: called again after the retry interval, up to the attempts allowed.
 * Hearing the messages (by any way) ends the callouts; a later message starts them again.
 * <p>
 * With one node the schedule is kept in memory: after a restart, the next new message starts it
 * again (a restart does not call everyone with unheard messages). When several nodes share the
 * store it offers {@link CalloutJobs}: each mailbox's callouts are one job in the database, made by
 * the first node to hear of the new message, taken for each attempt by one node (looked for every
 * {@value #JOB_POLL_SECONDS} s), let go between attempts, and kept across restarts.
 * <p>
 * Threads: the schedule (every mailbox's callout) is shared by the store's listener thread, the
 * shell ({@link #all}), the timer and the worker ({@code callpost-callout-timer},
 * {@code callpost-callout-store}: attempts and after-call checks) and the thread reporting a
 * dial's outcome, so it is guarded by this component's lock. An answered callout is a call like
 * any other: its flow ({@link SubscriberSession}) runs on that call's own executor, over the
 * worker's thread (callouts are few).
 */
@Component(service = {Callouts.class, NotificationCallouts.class}, configurationPid = "org.callpost.messaging", immediate = true)
public final class NotificationCallouts implements MailboxListener, Callouts {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationCallouts.class);

    /** One mailbox's callouts for its current batch of new messages. */
    private static final class Callout {
        final String number;
        final int maxAttempts;
        int attempts;
        ScheduledFuture<?> next;
        Instant nextAt;
        Call call;
        CalloutStatus.State state = CalloutStatus.State.WAITING;
        String lastOutcome = "";
        /** Taken from the shared jobs ({@link CalloutJobs}), which are told how it went. */
        boolean job;

        Callout(String number, int maxAttempts) {
            this.number = number;
            this.maxAttempts = maxAttempts;
        }
    }

    private final MessageStore store;
    private final Prompts prompts;
    private final PinLogons pins;
    private final Dialler dialler;
    private final Integrations integrations;
    private final ScheduledExecutorService timer;
    private final ExecutorService storeWork;
    private final ServiceRegistration<MailboxListener> registration;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    // guarded by this: shared by every mailbox's callout and the threads above, not one call's state
    private final Map<String, Integer> unheard = new HashMap<>();
    private final Map<String, Callout> callouts = new HashMap<>();
    /** Each mailbox's last finished callout, for the administrator. */
    private final Map<String, Callout> finished = new HashMap<>();
    private volatile Settings settings;
    private volatile CalloutSettings callout;
    private volatile boolean stopped;
    /** The callouts' jobs, when several nodes share the store; null: the schedule is this node's, in memory. */
    private volatile CalloutJobs jobs;
    /** How often the shared jobs are looked at for one that is due. */
    static final int JOB_POLL_SECONDS = 2;
    /** How long a node holds a job it took (calling, and the subscriber's session): then another may take it. */
    static final Duration JOB_HOLD = Duration.ofMinutes(15);

    /** The callout part of {@link MessagingConfig}. */
    record CalloutSettings(int delaySeconds, int retrySeconds, int attempts, int noAnswerSeconds, String integration) {
        static CalloutSettings of(MessagingConfig c) {
            return new CalloutSettings(Settings.atLeast("callout.delay.seconds", c.callout_delay_seconds(), 0),
                    Settings.atLeast("callout.retry.seconds", c.callout_retry_seconds(), 1),
                    Settings.atLeast("callout.attempts", c.callout_attempts(), 1),
                    Settings.atLeast("callout.no.answer.seconds", c.callout_no_answer_seconds(), 5),
                    c.callout_integration().trim());
        }
    }

    private final CalloutCounts calloutCounts = new CalloutCounts();

    /** Callout batches ended, for the figures. */
    CalloutCounts calloutCounts() {
        return calloutCounts;
    }

    @Activate
    public NotificationCallouts(@Reference MessageStore store, @Reference Prompts prompts, @Reference PinLogons pins,
            @Reference Dialler dialler, @Reference Integrations integrations, MessagingConfig config,
            BundleContext context) {
        this.store = store;
        this.prompts = prompts;
        this.pins = pins;
        this.dialler = dialler;
        this.integrations = integrations;
        this.settings = Settings.of(config);
        this.callout = CalloutSettings.of(config);
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.named("callpost-callout-timer"));
        this.storeWork = Executors.newSingleThreadExecutor(Threads.named("callpost-callout-store"));
        synchronized (this) {
            // what is unheard now is not new: only messages from here on call out
            for (Mailbox m : store.mailboxes()) {
                try {
                    unheard.put(m.number(), store.counts(m.number()).unheardCount());
                } catch (RuntimeException e) {
                    // removed meanwhile
                }
            }
        }
        // registered by hand, not as a DS service: the store references its listeners, and this
        // component references the store (a DS cycle otherwise, as the MWI bundle found)
        this.registration = context.registerService(MailboxListener.class, this, null);
        timer.scheduleWithFixedDelay(() -> later(this::takeJobs), JOB_POLL_SECONDS, JOB_POLL_SECONDS, TimeUnit.SECONDS);
        LOG.info("Message notification callouts: {}", describe(callout));
    }

    /** The message store owns the minimum message length. */
    private int storeMinimumMillis() {
        try {
            return (int) Math.min(store.minimumMessageLength().toMillis(), Integer.MAX_VALUE);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Modified
    void modified(MessagingConfig config) {
        settings = Settings.of(config);
        callout = CalloutSettings.of(config);
        LOG.info("Message notification callouts: {}", describe(callout));
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework unregistered it already
        }
        for (Call call : List.copyOf(calls)) {
            call.hangUp();
        }
        timer.shutdownNow();
        storeWork.shutdown();
    }

    private static String describe(CalloutSettings c) {
        return c.delaySeconds() + " s after a new message, " + c.attempts() + " attempts " + c.retrySeconds()
                + " s apart, ringing " + c.noAnswerSeconds() + " s, through "
                + (c.integration().isEmpty() ? "the first running integration" : c.integration());
    }

    // ---- the shared jobs (several nodes) ------------------------------------------------------------

    /** A store shared by several nodes keeps the schedule as jobs one node at a time takes. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJobs(CalloutJobs jobs) {
        this.jobs = jobs;
        LOG.info("Message notification callouts: several nodes share the store; each mailbox's callouts are a job "
                + "one node takes, kept across restarts");
    }

    void unbindJobs(CalloutJobs gone) {
        if (jobs == gone) { // greedy: a replacement is bound before the old one goes
            jobs = null;
        }
    }

    /** On the store worker: the database work of the shared jobs, off the store's event thread. */
    private void later(Runnable work) {
        try {
            storeWork.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the jobs stay in the database for the next start or another node
        }
    }

    /** On the store worker: takes the jobs that are due and no node holds, and calls out for each. */
    private void takeJobs() {
        for (int taken = 0; taken < 10 && !stopped; taken++) {
            CalloutJobs j = jobs;
            Optional<CalloutJobs.Job> job = j == null ? Optional.empty() : j.take(JOB_HOLD);
            if (job.isEmpty()) {
                return;
            }
            String box = job.get().mailbox();
            Callout c = new Callout(job.get().number(), job.get().maxAttempts());
            c.attempts = job.get().attempts();
            c.job = true;
            synchronized (this) {
                Callout before = callouts.put(box, c);
                if (before != null && before.next != null) {
                    before.next.cancel(false);
                }
                finished.remove(box);
            }
            attempt(box, c);
        }
    }

    // ---- MailboxListener ------------------------------------------------------------------------

    @Override
    public synchronized void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
        String box = mailbox.number();
        int before = unheard.getOrDefault(box, 0);
        unheard.put(box, counts.unheardCount());
        Callout c = callouts.get(box);
        CalloutJobs j = jobs;
        if (counts.unheardCount() == 0 || !mailbox.notification().callsOut()) {
            if (c != null && c.call == null) {
                cancel(box, c, counts.unheardCount() == 0 ? "the new messages were heard" : "its callout number was removed");
            } else if (c == null && j != null) {
                later(() -> j.cancel(box)); // scheduled, here or on another node, and not being called
            }
            return;
        }
        if (c == null && counts.unheardCount() > before && !stopped && j != null) {
            // every node hears the new message; the mailbox's one job is made by the first
            String number = mailbox.notification().calloutNumber();
            CalloutSettings s = callout;
            later(() -> {
                if (j.schedule(box, number, Duration.ofSeconds(s.delaySeconds()), s.attempts())) {
                    LOG.info("Mailbox {}: new message; calling {} in {} s (a job any node may take)", box, number,
                            s.delaySeconds());
                }
            });
            return;
        }
        if (c == null && counts.unheardCount() > before && !stopped) {
            c = new Callout(mailbox.notification().calloutNumber(), callout.attempts());
            callouts.put(box, c);
            finished.remove(box);
            schedule(box, c, callout.delaySeconds());
            LOG.info("Mailbox {}: new message; calling {} in {} s", box, c.number, callout.delaySeconds());
        }
    }

    @Override
    public synchronized void mailboxRemoved(Mailbox mailbox) {
        unheard.remove(mailbox.number());
        Callout c = callouts.get(mailbox.number());
        if (c != null && c.call == null) {
            cancel(mailbox.number(), c, "the mailbox was removed");
        }
    }

    private void cancel(String box, Callout c, String why) {
        if (c.next != null) {
            c.next.cancel(false);
        }
        end(box, c, CalloutStatus.State.CANCELLED, why);
        LOG.info("Mailbox {}: callouts to {} stop: {}", box, c.number, why);
    }

    /** The batch is over: kept as the mailbox's last callout. Called with the lock held. */
    private void end(String box, Callout c, CalloutStatus.State state, String outcome) {
        CalloutJobs j = jobs;
        if (c.job && j != null) {
            later(() -> j.end(box));
        }
        calloutCounts.ended(state);
        c.state = state;
        c.lastOutcome = outcome;
        c.nextAt = null;
        callouts.remove(box, c);
        finished.put(box, c);
    }

    private void schedule(String box, Callout c, int seconds) {
        try {
            c.next = timer.schedule(() -> storeWork.execute(() -> attempt(box, c)), seconds, TimeUnit.SECONDS);
            c.state = CalloutStatus.State.WAITING;
            c.nextAt = Instant.now().plusSeconds(seconds);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            callouts.remove(box); // stopping
        }
    }

    @Override
    public synchronized List<CalloutStatus> all() {
        Map<String, Callout> all = new java.util.TreeMap<>(finished);
        all.putAll(callouts);
        List<CalloutStatus> list = new java.util.ArrayList<>();
        all.forEach((box, c) -> list.add(new CalloutStatus(box, c.number, c.state, c.attempts, c.maxAttempts,
                Optional.ofNullable(c.nextAt), c.lastOutcome)));
        return list;
    }

    // ---- one attempt ----------------------------------------------------------------------------

    /** On the store worker: the store is read, then the call placed; its outcome comes back later. */
    private void attempt(String box, Callout c) {
        Optional<Mailbox> mailbox;
        MailboxCounts counts;
        try {
            mailbox = store.mailbox(box);
            counts = mailbox.isPresent() ? store.counts(box) : null;
        } catch (RuntimeException e) {
            mailbox = Optional.empty();
            counts = null;
        }
        CalloutSettings s = callout;
        synchronized (this) {
            if (callouts.get(box) != c || stopped) {
                return;
            }
            if (mailbox.isEmpty() || counts.unheardCount() == 0 || !mailbox.get().notification().callsOut()) {
                cancel(box, c, "nothing new to announce");
                return;
            }
            c.attempts++;
            c.state = CalloutStatus.State.CALLING;
            c.nextAt = null;
        }
        Mailbox m = mailbox.get();
        String number = m.notification().calloutNumber();
        Optional<String> integration = integration(m, s);
        if (integration.isEmpty()) {
            retryOrGiveUp(box, c, !m.integration().isEmpty()
                    ? "integration " + m.integration() + " (the mailbox's) is not running"
                    : s.integration().isEmpty() ? "no integration is running"
                    : "integration " + s.integration() + " (callout.integration) is not running");
            return;
        }
        LOG.info("Mailbox {}: calling {} through {} to announce {} new message(s) (attempt {} of {})", box, number,
                integration.get(), counts.unheardCount(), c.attempts, c.maxAttempts);
        dialler.dial(integration.get(), number, Dialler.Purpose.CALL, s.noAnswerSeconds()).whenComplete((r, e) -> {
            if (e != null) {
                retryOrGiveUp(box, c, "the call failed: " + e);
            } else if (r.outcome() == DialResult.Outcome.ANSWERED && r.call().isPresent()) {
                announce(box, c, m, r.call().get());
            } else if (r.outcome() == DialResult.Outcome.REFUSED) {
                synchronized (this) {
                    end(box, c, CalloutStatus.State.REFUSED, "refused (" + r.sipStatus() + ")");
                }
                LOG.warn("Mailbox {}: the PBX refused calls to {} ({}): no more callouts until the number is corrected "
                        + "(callpost:mailbox-callout)", box, number, r.sipStatus());
            } else {
                retryOrGiveUp(box, c, r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (r.sipStatus() > 0 ? " (" + r.sipStatus() + ")" : ""));
            }
        });
    }

    /** Answered: the announcement, then the PIN and the subscriber's menu, as on a logon call. */
    private void announce(String box, Callout c, Mailbox m, Call call) {
        synchronized (this) {
            c.call = call;
            c.lastOutcome = "answered";
        }
        calls.add(call);
        if (stopped) {
            call.hangUp(); // answered as the bundle stops
        }
        call.ended().whenComplete((v, e) -> {
            calls.remove(call);
            try {
                storeWork.execute(() -> afterCall(box, c));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: the schedule goes with the component
            }
        });
        LOG.info("Mailbox {}: callout {} answered on line {}", box, call.id(), call.line());
        CallContext context = new CallContext(call, settings.withMinimumMessageMillis(storeMinimumMillis()), prompts, store, pins,
                storeWork, timer);
        call.listen(context.keypad);
        context.mailboxLanguage(m); // whoever answers is called for this mailbox: its language
        String language = context.language();
        context.executor.execute(() -> new SubscriberSession(context).logOnFromCallout(m, CallContext.join(
                context.say(PromptId.CALLOUT_NEW_MESSAGES_FOR_MAILBOX), prompts.sayDigits(language, m.number()))));
    }

    /** Delivered when nothing new is left unheard; else called again later. */
    private void afterCall(String box, Callout c) {
        int left;
        try {
            left = store.counts(box).unheardCount();
        } catch (RuntimeException e) {
            left = 0; // the mailbox is gone
        }
        synchronized (this) {
            c.call = null;
            if (callouts.get(box) != c) {
                return;
            }
            if (left == 0) {
                end(box, c, CalloutStatus.State.DELIVERED, "answered, the new messages were heard");
                LOG.info("Mailbox {}: callout delivered, the new messages were heard", box);
                return;
            }
        }
        retryOrGiveUp(box, c, "answered, but " + left + " message(s) still unheard");
    }

    private void retryOrGiveUp(String box, Callout c, String why) {
        CalloutSettings s = callout;
        synchronized (this) {
            if (callouts.get(box) != c || stopped) {
                return;
            }
            if (c.attempts >= c.maxAttempts) {
                end(box, c, CalloutStatus.State.GAVE_UP, why);
                LOG.warn("Mailbox {}: callout to {} {}; gave up after {} attempt(s) (a new message starts again)", box,
                        c.number, why, c.attempts);
                return;
            }
            LOG.info("Mailbox {}: callout to {} {}; calling again in {} s", box, c.number, why, s.retrySeconds());
            c.lastOutcome = why;
            CalloutJobs j = jobs;
            if (c.job && j != null) {
                // let go: the next attempt is any node's (this one's again, if it looks first)
                int attempts = c.attempts;
                later(() -> j.again(box, Duration.ofSeconds(s.retrySeconds()), attempts, why));
                c.state = CalloutStatus.State.WAITING;
                c.nextAt = Instant.now().plusSeconds(s.retrySeconds());
                callouts.remove(box, c);
                finished.put(box, c);
                return;
            }
            schedule(box, c, s.retrySeconds());
        }
    }

    /**
     * The integration to call through: the mailbox's own (its subscriber's PBX), else the one
     * callout.integration names, else Callpost's default (see {@link Integrations#forCalls}).
     */
    private Optional<String> integration(Mailbox m, CalloutSettings s) {
        String named = !m.integration().isEmpty() ? m.integration() : s.integration();
        try {
            return integrations.forCalls(named.isEmpty() ? Optional.empty() : Optional.of(named));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
