package org.callpost.amis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.callpost.amis.internal.AmisFrames.Response;
import org.callpost.amis.internal.OriginatingSession.MessageResult;
import org.callpost.amis.internal.OriginatingSession.Outgoing;
import org.callpost.amis.internal.OriginatingSession.Result;
import org.callpost.api.amis.AmisNetwork;
import org.callpost.api.amis.AmisNodeStatus;
import org.callpost.api.amis.AmisQueued;
import org.callpost.api.amis.AmisSessionRecord;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AMIS-A networking: the queue per node, the sessions that send it (within the sending schedule,
 * at most {@code messages.per.session} per call, again after {@code retry.seconds} until
 * delivered), the sender told of a refusal by a message from the system in their own mailbox,
 * and the answering of other systems' calls to the AMIS answering number.
 * <p>
 * Incoming AMIS calls: this component registers a {@link CallHandler} with the service property
 * {@value #DNIS_PROPERTY} (the answering number) and the lowest ranking; the voicemail
 * application hands calls dialled to that number over to it.
 */
@Component(service = AmisNetwork.class, configurationPid = AmisNetworkService.PID, immediate = true)
@Designate(ocd = AmisConfig.class)
public final class AmisNetworkService implements AmisNetwork {
    static final String PID = "org.callpost.amis";
    /** The service property naming the dialled number a {@link CallHandler} takes calls for. */
    public static final String DNIS_PROPERTY = "callpost.dnis";
    private static final Logger LOG = LoggerFactory.getLogger(AmisNetworkService.class);
    private static final int TICK_SECONDS = 5;
    private static final int LAST_SESSIONS = 20;

    /** Settings checked. */
    record Settings(String systemNumber, String answeringNumber, SendingSchedule schedule, int perSession,
            int maxMessageSeconds, int retrySeconds, int noAnswerSeconds) {
        static Settings of(AmisConfig c) {
            String system = c.system_number().trim();
            String answering = c.answering_number().trim();
            if (!system.chars().allMatch(Character::isDigit) || system.length() > 20) {
                throw new IllegalArgumentException("AMIS system.number '" + system + "' is not up to 20 digits: set this "
                        + "system's number as the other systems know it, e.g. 5551000");
            }
            if (!answering.chars().allMatch(Character::isDigit) || answering.length() > 20) {
                throw new IllegalArgumentException("AMIS answering.number '" + answering + "' is not digits: set the "
                        + "dialled number (DNIS) the PBX gives AMIS calls, or leave it empty");
            }
            SendingSchedule schedule;
            try {
                schedule = SendingSchedule.parse(c.schedule());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("AMIS " + e.getMessage());
            }
            return new Settings(system, answering, schedule,
                    range("messages.per.session", c.messages_per_session(), 1, 9),
                    range("max.message.seconds", c.max_message_seconds(), 1, 480),
                    range("retry.seconds", c.retry_seconds(), 10, 86_400),
                    range("no.answer.seconds", c.no_answer_seconds(), 5, 120));
        }

        private static int range(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException("AMIS " + name + " " + v + " is out of range: set " + min + ".." + max);
            }
            return v;
        }
    }

    private final MessageStore store;
    private final Dialler dialler;
    private final Clock clock;
    private final List<AmisNode> nodes = new CopyOnWriteArrayList<>();
    private final Set<String> calling = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();
    private final Deque<AmisSessionRecord> sessions = new ArrayDeque<>();
    private final ScheduledExecutorService thread;
    private final AmisQueue queue;
    private final BundleContext context;
    private volatile Settings settings;
    private ServiceRegistration<CallHandler> answering;

    @Activate
    public AmisNetworkService(@Reference MessageStore store, @Reference Dialler dialler, AmisConfig config,
            BundleContext context) throws IOException {
        this(store, dialler, Settings.of(config), Path.of(System.getProperty("karaf.data", "data"), "callpost", "amis"),
                Clock.systemDefaultZone(), context);
    }

    AmisNetworkService(MessageStore store, Dialler dialler, Settings settings, Path folder, Clock clock,
            BundleContext context) throws IOException {
        this.store = store;
        this.dialler = dialler;
        this.settings = settings;
        this.clock = clock;
        this.context = context;
        this.queue = new AmisQueue(folder);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callpost-amis");
            t.setDaemon(true);
            return t;
        });
        if (context != null) {
            thread.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
            registerAnswering();
        }
        LOG.info("AMIS networking started: {}; queue in {}", describe(settings), folder);
    }

    private static String describe(Settings s) {
        return (s.systemNumber().isEmpty() ? "not sending (no system.number)" : "system " + s.systemNumber()
                + ", sending " + s.schedule() + ", " + s.perSession() + " messages a session, retry after "
                + s.retrySeconds() + " s") + ", " + (s.answeringNumber().isEmpty() ? "not answering"
                        : "answering calls to " + s.answeringNumber()) + ", messages up to " + s.maxMessageSeconds() + " s";
    }

    @Modified
    void modified(AmisConfig config) {
        Settings s;
        try {
            s = Settings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; AMIS keeps its last good settings", e.getMessage());
            return;
        }
        boolean answerChanged = !s.answeringNumber().equals(settings.answeringNumber());
        settings = s;
        if (answerChanged) {
            registerAnswering();
        }
        LOG.info("AMIS settings changed: {}", describe(s));
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (answering != null) {
                answering.unregister();
                answering = null;
            }
        }
        thread.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(AmisNode node) {
        nodes.add(node);
    }

    void removeNode(AmisNode node) {
        nodes.remove(node);
    }

    private synchronized void registerAnswering() {
        if (answering != null) {
            answering.unregister();
            answering = null;
        }
        String number = settings.answeringNumber();
        if (number.isEmpty() || context == null) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DNIS_PROPERTY, number);
        // never the PBX lines' choice of application: only the voicemail application hands calls over
        props.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
        answering = context.registerService(CallHandler.class, this::answered, props);
    }

    private Optional<AmisNode.Settings> node(String name) {
        return nodes.stream().map(AmisNode::settings).filter(n -> n.name().equals(name)).findFirst();
    }

    // ---- sending

    @Override
    public AmisQueued send(String node, String remoteMailbox, String localMailbox, String messageId) throws IOException {
        AmisNode.Settings n = node(node).orElseThrow(() -> new IllegalArgumentException("no AMIS node " + node
                + " (nodes: " + nodes.stream().map(x -> x.settings().name()).toList() + ")"));
        if (remoteMailbox.isEmpty() || !remoteMailbox.chars().allMatch(Character::isDigit) || remoteMailbox.length() > 20) {
            throw new IllegalArgumentException("remote mailbox '" + remoteMailbox + "' is not up to 20 digits");
        }
        Message m = store.message(localMailbox, messageId).orElseThrow(() -> new IllegalArgumentException(
                "no message " + messageId + " in mailbox " + localMailbox));
        if (m.duration().toSeconds() > settings.maxMessageSeconds()) {
            throw new IllegalArgumentException("message " + messageId + " is " + m.duration().toSeconds() + " s long; "
                    + "AMIS takes messages up to " + settings.maxMessageSeconds() + " s");
        }
        AmisQueued q = queue.add(n.name(), remoteMailbox, localMailbox, messageId, m.duration(), m.audio(), clock.instant());
        LOG.info("AMIS: message {} of mailbox {} queued for node {} mailbox {}", messageId, localMailbox, n.name(), remoteMailbox);
        thread.execute(this::tick);
        return q;
    }

    /** Starts a session to every node that has messages, is due and is not being called. */
    void tick() {
        try {
            Settings s = settings;
            if (s.systemNumber().isEmpty() || !s.schedule().open(ZonedDateTime.now(clock))) {
                return;
            }
            Instant now = clock.instant();
            for (AmisNode node : nodes) {
                AmisNode.Settings n = node.settings();
                if (calling.contains(n.name()) || nextAttempt.getOrDefault(n.name(), Instant.MIN).isAfter(now)) {
                    continue;
                }
                List<AmisQueued> waiting = queue.of(n.name());
                if (!waiting.isEmpty()) {
                    call(n, waiting.subList(0, Math.min(s.perSession(), waiting.size())), s);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("AMIS: sending round failed: {}", e.toString(), e);
        }
    }

    private void call(AmisNode.Settings n, List<AmisQueued> batch, Settings s) {
        calling.add(n.name());
        Instant started = clock.instant();
        LOG.info("AMIS: calling node {} at {} through {} with {} messages", n.name(), n.deliveryNumber(), n.integration(),
                batch.size());
        dialler.dial(n.integration(), n.deliveryNumber(), Dialler.Purpose.CALL, s.noAnswerSeconds())
                .whenComplete((r, failure) -> thread.execute(() -> {
                    if (failure != null || r.outcome() != DialResult.Outcome.ANSWERED || r.call().isEmpty()) {
                        String why = failure != null ? "call failed: " + failure : "call " + r.outcome().name().toLowerCase()
                                + (r.sipStatus() > 0 ? " (" + r.sipStatus() + ")" : "");
                        retryLater(n, batch, why, s);
                        done(n, started, 0, 0, why);
                        return;
                    }
                    Call call = r.call().get();
                    CallLine line = new CallLine(call, thread);
                    List<Outgoing> outgoing = batch.stream().map(q -> new Outgoing(q.id(), q.remoteMailbox(),
                            q.localMailbox(), (int) Math.max(1, Math.round(q.length().toMillis() / 1000.0)),
                            queue.audio(q))).toList();
                    line.after(AmisFrames.FIRST_FRAME_DELAY_MILLIS, () -> new OriginatingSession(line, s.systemNumber(), outgoing)
                            .run().whenComplete((report, e) -> {
                                if (e != null) {
                                    retryLater(n, batch, "session failed: " + e, s);
                                    done(n, started, 0, 0, "session failed: " + e);
                                    return;
                                }
                                settle(n, batch, report, s);
                                done(n, started, (int) report.count(Result.DELIVERED), (int) report.count(Result.REFUSED),
                                        report.outcome());
                            }));
                }));
    }

    private void settle(AmisNode.Settings n, List<AmisQueued> batch, OriginatingSession.Report report, Settings s) {
        boolean left = false;
        for (int i = 0; i < batch.size(); i++) {
            AmisQueued q = batch.get(i);
            MessageResult r = report.results().get(i);
            try {
                switch (r.result()) {
                    case DELIVERED -> {
                        LOG.info("AMIS: message {} of mailbox {} delivered to node {} mailbox {}", q.messageId(),
                                q.localMailbox(), n.name(), q.remoteMailbox());
                        queue.remove(q);
                    }
                    case REFUSED -> {
                        tellSender(n, q, r.response());
                        queue.remove(q);
                    }
                    case NOT_SENT -> {
                        queue.attempted(q, report.outcome());
                        left = true;
                    }
                }
            } catch (IOException e) {
                LOG.warn("AMIS: queue entry {} not updated: {}", q.id(), e.toString());
            }
        }
        if (left) {
            nextAttempt.put(n.name(), clock.instant().plusSeconds(s.retrySeconds()));
        } else {
            nextAttempt.remove(n.name());
        }
    }

    private void retryLater(AmisNode.Settings n, List<AmisQueued> batch, String why, Settings s) {
        LOG.info("AMIS: node {} not reached ({}); again in {} s", n.name(), why, s.retrySeconds());
        for (AmisQueued q : batch) {
            try {
                queue.attempted(q, why);
            } catch (IOException e) {
                LOG.warn("AMIS: queue entry {} not updated: {}", q.id(), e.toString());
            }
        }
        nextAttempt.put(n.name(), clock.instant().plusSeconds(s.retrySeconds()));
    }

    private void done(AmisNode.Settings n, Instant started, int delivered, int refused, String outcome) {
        calling.remove(n.name());
        remember(new AmisSessionRecord(n.name(), true, started, Duration.between(started, clock.instant()), delivered,
                refused, outcome));
        thread.execute(this::tick); // the next batch, when more are waiting
    }

    /**
     * The sender hears why: a message from the system in their own mailbox, its caller "AMIS" and
     * the remote address, its name the reason, its audio the message that was not delivered.
     */
    private void tellSender(AmisNode.Settings n, AmisQueued q, Response why) {
        String reason = switch (why) {
            case MAILBOX_UNKNOWN -> "mailbox unknown";
            case MAILBOX_FULL -> "mailbox full";
            case MESSAGE_TOO_LONG -> "message too long";
            default -> why.name().toLowerCase();
        };
        LOG.info("AMIS: message {} of mailbox {} refused by node {} mailbox {}: {}; the sender is told", q.messageId(),
                q.localMailbox(), n.name(), q.remoteMailbox(), reason);
        Envelope envelope = new Envelope(n.prefix() + q.remoteMailbox(),
                "Not delivered: " + reason + " (AMIS node " + n.name() + " mailbox " + q.remoteMailbox() + ")", "",
                ForwardReason.NONE, "", clock.instant(), false);
        try {
            MessageDraft d = store.beginMessage(q.localMailbox(), envelope);
            try (InputStream in = Files.newInputStream(queue.audio(q));
                    OutputStream out = Files.newOutputStream(d.recordingFile())) {
                in.transferTo(out);
            }
            d.commit();
        } catch (MailboxFullException e) {
            LOG.warn("AMIS: mailbox {} is full: the refusal of message {} could not be told", q.localMailbox(), q.messageId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("AMIS: the refusal of message {} could not be put into mailbox {}: {}", q.messageId(),
                    q.localMailbox(), e.toString());
        }
    }

    // ---- answering

    /** A call to the AMIS answering number: the destination's side. */
    void answered(Call call) {
        Instant started = clock.instant();
        Settings s = settings;
        LOG.info("AMIS: call {} from {} to {} answered", call.id(), call.info().callingNumber(), call.info().dialledNumber());
        thread.execute(() -> new DestinationSession(new CallLine(call, thread), this::begin, s.maxMessageSeconds()).run()
                .whenComplete((report, e) -> remember(new AmisSessionRecord(
                        report == null || report.remoteSystem().isEmpty() ? call.info().callingNumber()
                                : nodeName(report.remoteSystem()),
                        false, started, Duration.between(started, clock.instant()), report == null ? 0 : report.recorded(),
                        report == null ? 0 : report.refused(), report == null ? "failed: " + e : report.outcome()))));
    }

    private String nodeName(String system) {
        return nodes.stream().map(AmisNode::settings).filter(n -> n.nodeId().equals(system)).map(AmisNode.Settings::name)
                .findFirst().orElse(system);
    }

    /** A message from another system: the envelope's caller is the remote address (prefix and mailbox). */
    private MessageDraft begin(String mailbox, String remoteSystem, String remoteMailbox)
            throws MailboxFullException, IOException {
        if (store.mailbox(mailbox).isEmpty()) {
            return null;
        }
        Optional<AmisNode.Settings> n = nodes.stream().map(AmisNode::settings).filter(x -> x.nodeId().equals(remoteSystem))
                .findFirst();
        String from = n.map(x -> x.prefix() + remoteMailbox).orElse(remoteMailbox);
        String name = "AMIS " + n.map(x -> "node " + x.name()).orElse("system " + remoteSystem) + " mailbox " + remoteMailbox;
        return store.beginMessage(mailbox, new Envelope(from, name, "", ForwardReason.NONE, settings.answeringNumber(),
                clock.instant(), false));
    }

    // ---- status

    private synchronized void remember(AmisSessionRecord r) {
        sessions.addFirst(r);
        while (sessions.size() > LAST_SESSIONS) {
            sessions.removeLast();
        }
    }

    @Override
    public synchronized List<AmisSessionRecord> lastSessions() {
        return List.copyOf(sessions);
    }

    @Override
    public List<AmisNodeStatus> nodes() {
        List<AmisNodeStatus> out = new ArrayList<>();
        for (AmisNode node : nodes) {
            AmisNode.Settings n = node.settings();
            List<AmisQueued> q = queue.of(n.name());
            Optional<Instant> next = q.isEmpty() ? Optional.empty()
                    : Optional.of(nextAttempt.getOrDefault(n.name(), clock.instant()));
            out.add(new AmisNodeStatus(n.name(), n.nodeId(), n.deliveryNumber(), n.integration(), n.prefix(),
                    calling.contains(n.name()), next, q));
        }
        return out;
    }
}
