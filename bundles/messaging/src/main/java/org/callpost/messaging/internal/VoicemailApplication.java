package org.callpost.messaging.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.CallInfo;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.callpost.messaging.internal.attendant.Attendant;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicemail application: takes every answered call and decides what the caller meets. A
 * forwarded call leaves a message in the forwarding extension's mailbox (unless a route takes
 * calls forwarded from that extension, e.g. the attendant's: then it gets that route's answer
 * mode; an extension without a mailbox gets the route its DNIS, trunk group or caller match, else
 * {@code default.answer.mode}); a direct call from a
 * subscriber's own extension logs on to that mailbox; any other direct call gets the answer mode
 * of the first route it matches (DNIS, trunk group, caller), else is asked for a mailbox.
 * <p>
 * Registered below the default ranking, so an application a site (or a test) registers with the
 * default ranking takes the calls instead.
 * <p>
 * Threads: {@link #answered} runs on the SIP bundle's application thread and only sets the call
 * up; where it goes is decided on a store worker ({@code callpost-messaging-store}, 2 threads,
 * disk work), and its flow then runs on the call's own {@link SerialExecutor} over the shared
 * call pool ({@code callpost-messaging-call}, a thread per core, at least 2): one step at a time, never
 * two threads in one call. Key timeouts and queue retries wait on one shared timer thread
 * ({@code callpost-messaging-timer}) that only posts them to the call's executor.
 */
@Component(service = {CallHandler.class, VoicemailApplication.class}, configurationPid = "org.callpost.messaging",
        property = "service.ranking:Integer=-100")
@Designate(ocd = MessagingConfig.class)
public final class VoicemailApplication implements CallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VoicemailApplication.class);
    static final String PID = "org.callpost.messaging";
    /**
     * Deprecated here: the minimum message length belongs to the message store (pid
     * {@code org.callpost.store.file}, the same name), which also applies it to drafts recovered
     * after a crash. Still read: a value set here that is longer than the store's is used as well.
     */
    static final String DEPRECATED_MINIMUM = "minimum.message.millis";

    private final MessageStore store;
    private final Prompts prompts;
    private final PinLogons pins;
    private final ScheduledExecutorService timer;
    private final ExecutorService storeWork;
    /** The threads every call's executor borrows; not the store workers, so no key waits behind an fsync or a PIN hash. */
    private final ExecutorService callPool;
    private final Set<Call> active = ConcurrentHashMap.newKeySet();
    private final CallerQueues queues = new CallerQueues();
    private final MessageCounts messages = new MessageCounts();
    private volatile Settings settings;
    /** The answer modes and routes; the same bundle's, so always there once DS has wired it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Attendant attendant;
    /** {@code default.answer.mode}: a mode or schedule for forwarded calls to extensions without a mailbox, "" for none. */
    private volatile String defaultAnswerMode = "";
    private volatile boolean minimumWarned;
    /**
     * Applications for one dialled number (service property {@value #DNIS_PROPERTY}, e.g. AMIS
     * answering): a call dialled to that number is theirs from its start.
     */
    private final Map<CallHandler, String> byDnis = new ConcurrentHashMap<>();
    static final String DNIS_PROPERTY = "callpost.dnis";
    /** AMIS networking, when installed: subscribers forward messages to other systems' mailboxes by a node's prefix. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile org.callpost.api.amis.AmisNetwork amis;

    @Activate
    public VoicemailApplication(@Reference MessageStore store, @Reference Prompts prompts, @Reference PinLogons pins,
            MessagingConfig config, Map<String, Object> properties) {
        // disk work (commits with fsync, PIN hashes) off the media and SIP threads; two is plenty
        this(store, prompts, pins, Settings.of(config).withMinimumMessageMillis(deprecatedMinimum(properties)), Executors.newFixedThreadPool(2, Threads.named("callpost-messaging-store")),
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                        Threads.named("callpost-messaging-call")),
                Executors.newSingleThreadScheduledExecutor(Threads.named("callpost-messaging-timer")));
        warnDeprecatedMinimum(properties);
        defaultAnswerMode = config.default_answer_mode().trim();
    }

    /** The deprecated messaging minimum message length in ms, 0 when not set (or not a number: the store's applies). */
    static int deprecatedMinimum(Map<String, ?> properties) {
        Object v = properties.get(DEPRECATED_MINIMUM);
        if (v == null) {
            return 0;
        }
        try {
            return Math.max(0, v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Once per component: the administrator is told to move the setting to the store's pid. */
    private void warnDeprecatedMinimum(Map<String, ?> properties) {
        if (properties.containsKey(DEPRECATED_MINIMUM) && !minimumWarned) {
            minimumWarned = true;
            LOG.warn("Setting {} (pid {}) is deprecated, rename it to {} in pid org.callpost.store.file (the message "
                    + "store's minimum, which also applies to recovered recordings); meanwhile the longer of the two is used",
                    DEPRECATED_MINIMUM, PID, DEPRECATED_MINIMUM);
        }
    }

    /** A call's settings: the minimum message length is the store's, or the deprecated messaging one if longer. */
    private Settings forCall(Settings s) {
        long store;
        try {
            store = this.store.minimumMessageLength().toMillis();
        } catch (RuntimeException e) {
            store = 0;
        }
        return s.withMinimumMessageMillis((int) Math.max(s.minimumMessageMillis(), Math.min(store, Integer.MAX_VALUE)));
    }

    /** The calls' flows borrow the store workers' threads (tests: the test's own thread). */
    VoicemailApplication(MessageStore store, Prompts prompts, PinLogons pins, Settings settings,
            ExecutorService storeWork, ScheduledExecutorService timer) {
        this(store, prompts, pins, settings, storeWork, storeWork, timer);
    }

    VoicemailApplication(MessageStore store, Prompts prompts, PinLogons pins, Settings settings,
            ExecutorService storeWork, ExecutorService callPool, ScheduledExecutorService timer) {
        this.store = store;
        this.prompts = prompts;
        this.pins = pins;
        this.settings = settings;
        this.storeWork = storeWork;
        this.callPool = callPool;
        this.timer = timer;
        LOG.info("Voicemail application started: {}", describe(settings));
    }

    /** Tests: the attendant DS would wire, and {@code default.answer.mode}. */
    VoicemailApplication withAttendant(Attendant value, String defaultMode) {
        attendant = value;
        defaultAnswerMode = defaultMode;
        return this;
    }

    /** Messages left by callers, for the figures. */
    MessageCounts messages() {
        return messages;
    }

    /** Calls in the application now. */
    int activeCalls() {
        return active.size();
    }

    @Modified
    void modified(MessagingConfig config, Map<String, Object> properties) {
        settings = Settings.of(config).withMinimumMessageMillis(deprecatedMinimum(properties));
        warnDeprecatedMinimum(properties);
        defaultAnswerMode = config.default_answer_mode().trim();
        LOG.info("Voicemail application settings changed: {}", describe(settings));
    }

    /**
     * Stopping (the store or prompts went away, the bundle stops): calls still here are ended,
     * so nobody waits on a menu that no longer answers; what they recorded is committed first.
     */
    @Deactivate
    void deactivate() {
        if (!active.isEmpty()) {
            LOG.info("Voicemail application stopping: {} calls ended", active.size());
        }
        for (Call call : List.copyOf(active)) {
            call.hangUp();
        }
        storeWork.shutdown(); // queued commits still run; later work runs on the caller's thread
        callPool.shutdown(); // likewise: queued steps run; a call's later steps run on the thread reporting them
        timer.shutdownNow();
    }

    private static String describe(Settings s) {
        return "operator " + (s.hasOperator() ? s.operatorExtension() : "none") + ", fax "
                + (s.faxExtension().isEmpty() ? "none" : s.faxExtension()) + ", messages from "
                + (s.minimumMessageMillis() == 0 ? "the store's minimum" : s.minimumMessageMillis() + " ms") + " to "
                + s.maximumMessageSeconds() + " s, silence end " + s.silenceEndSeconds() + " s, language "
                + s.language() + (s.languageByIntegration().isEmpty() ? "" : " (by integration " + s.languageByIntegration() + ")")
                + ", mailboxes of " + s.mailboxLength() + " digits from " + s.firstExtension()
                + ", caller queuing " + (s.queue().enabled() ? "on (retry " + s.queue().retrySeconds() + " s, hold up to "
                        + s.queue().maxHoldSeconds() + " s)" : "off");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + DNIS_PROPERTY + "=*)")
    void addDnisHandler(CallHandler handler, Map<String, Object> properties) {
        byDnis.put(handler, String.valueOf(properties.get(DNIS_PROPERTY)).trim());
    }

    void removeDnisHandler(CallHandler handler) {
        byDnis.remove(handler);
    }

    @Override
    public void answered(Call call) {
        String dnis = call.info().dialledNumber();
        for (Map.Entry<CallHandler, String> h : byDnis.entrySet()) {
            if (!dnis.isEmpty() && h.getValue().equals(dnis)) {
                LOG.info("Call {}: dialled {}: handed to the application for that number", call.id(), dnis);
                h.getKey().answered(call);
                return;
            }
        }
        CallContext context = new CallContext(call, forCall(settings), prompts, store, pins, storeWork, callPool, timer, queues);
        context.messages = messages;
        context.amis = amis;
        active.add(call);
        call.ended().thenRun(() -> active.remove(call)); // the application's set, on the SIP thread that ends the call
        call.listen(context.keypad);
        context.inStore(() -> route(call.integration(), call.info(), call.id())).whenComplete((route, failure) -> {
            if (failure != null) {
                context.fail("the store could not be asked about call " + call.info(), failure);
            } else {
                route.run(context);
            }
        });
    }

    /** Where a call goes, decided on a store worker (mailbox look-ups read the disk), run on the call's executor. */
    @FunctionalInterface
    interface Route {
        void run(CallContext context);
    }

    /** @param integration the PBX the call came through: its extensions' mailboxes, not another PBX's */
    private Route route(String integration, CallInfo info, String callId) {
        Attendant a = attendant;
        if (info.forwarded()) {
            String extension = info.mailbox().orElseThrow();
            // the attendant's overflow (or a pilot number's extension) before any mailbox it may have
            Optional<Attendant.Decision> overflow = a == null ? Optional.empty() : a.route(integration, info, callId);
            if (overflow.isPresent()) {
                return c -> new AnswerModeMenu(c, a, overflow.get().mode()).start();
            }
            Optional<Mailbox> mailbox = store.mailboxOfExtension(integration, extension)
                    .or(() -> store.mailbox(extension).filter(m -> m.belongsTo(integration)));
            if (mailbox.isEmpty()) {
                Optional<Attendant.Decision> d = a == null ? Optional.empty()
                        : a.unclaimed(defaultAnswerMode, integration, info, callId);
                if (d.isPresent()) {
                    LOG.info("Call {}: forwarded from extension {} which has no mailbox: route {}, answer mode {}", callId,
                            extension, d.get().route(), d.get().mode().name());
                    return c -> new AnswerModeMenu(c, a, d.get().mode()).start();
                }
                return c -> unknownMailbox(c, extension);
            }
            return c -> new LeaveMessageFlow(c, mailbox.get(), extension).start();
        }
        if (info.internalCaller() && !info.callingNumber().isEmpty()) {
            Optional<Mailbox> own = store.mailboxOfExtension(integration, info.callingNumber());
            if (own.isPresent()) {
                return c -> new SubscriberSession(c).logOn(own.get(), false);
            }
        }
        Optional<Attendant.Decision> d = a == null ? Optional.empty() : a.route(integration, info, callId);
        if (d.isPresent()) {
            return c -> new AnswerModeMenu(c, a, d.get().mode()).start();
        }
        return c -> new SubscriberSession(c).askMailbox();
    }

    /** A call forwarded from an extension without a mailbox: say so, offer the operator, end. */
    private static void unknownMailbox(CallContext c, String extension) {
        LOG.info("Call {}: forwarded from extension {} which has no mailbox", c.call.id(), extension);
        var items = CallContext.join(c.say(PromptId.GREETING_PERSON_AT_EXTENSION),
                c.prompts.sayDigits(c.language(), extension), c.say(PromptId.GREETING_IS_NOT_AVAILABLE));
        if (!c.settings.hasOperator()) {
            c.play(items, "").thenRun(() -> c.endWith());
            return;
        }
        c.keypad.collect(CallContext.join(items, c.say(PromptId.GREETING_FOR_OPERATOR_PRESS_0)), 1).thenAccept(key -> {
            if (key.equals("0")) {
                c.toOperator().thenAccept(handedOver -> {
                    if (!handedOver) {
                        c.endWith();
                    }
                });
            } else if (!c.ended()) {
                c.endWith();
            }
        });
    }
}
