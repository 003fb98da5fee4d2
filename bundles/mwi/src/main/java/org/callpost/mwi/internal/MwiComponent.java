package org.callpost.mwi.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.callpost.api.cluster.LampOwnership;
import org.callpost.api.lamp.Lamps;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.MessageStore;
import org.callpost.support.settings.RenamedSettings;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-waiting lamps: follows the message store (as a {@link MailboxListener}), keeps and
 * persists each extension's desired lamp state in a {@link LampEngine}, re-asserts the lamps when
 * an integration's lines are all registered (after start-up or an outage) and on a schedule.
 * One scheduler thread does all of it.
 *
 * <p>The listener is registered by hand once this component is built, not declared as a DS
 * service: the store's dynamic listener reference and this component's reference to the store
 * would otherwise form a cycle that Felix SCR resolves by failing whichever side it activates
 * second (seen as "Service factory returned null" and no MWI service at all).
 */
@Component(service = {MwiService.class, MwiComponent.class}, configurationPid = "org.callpost.mwi")
@Designate(ocd = MwiConfig.class)
public class MwiComponent implements MwiService, MailboxListener {
    private static final Logger LOG = LoggerFactory.getLogger(MwiComponent.class);
    static final String PID = "org.callpost.mwi";
    /**
     * Settings of {@link #PID} renamed to dotted lower case: name → deprecated name. The lamps'
     * {@code integration} is {@code callout.integration}, as in the voicemail application's pid.
     */
    static final Map<String, String> RENAMED = Map.ofEntries(Map.entry("callout.integration", "integration"),
            Map.entry("max.attempts", "maxAttempts"), Map.entry("retry.delay.millis", "retryDelayMillis"),
            Map.entry("coalesce.millis", "coalesceMillis"), Map.entry("reassert.at.startup", "reassertAtStartup"),
            Map.entry("reassert.on.reregistration", "reassertOnReregistration"),
            Map.entry("integration.poll.seconds", "integrationPollSeconds"),
            Map.entry("reassert.interval.hours", "reassertIntervalHours"),
            Map.entry("reassert.spread.minutes", "reassertSpreadMinutes"), Map.entry("state.directory", "stateDirectory"));

    private final RenamedSettings renamed = new RenamedSettings(MwiConfig.class, RENAMED);

    private final Integrations integrations;
    private final MessageStore store;
    private final ScheduledExecutorService scheduler;
    private final LampEngine engine;
    private volatile LampOwnership owning;

    /** Lamp requests by result, for the figures. */
    LampCounts lampCounts() {
        return engine.counts();
    }
    /** Integration name to whether all its lines were registered at the last poll (scheduler thread only). */
    private final Map<String, Boolean> registered = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    /**
     * Integration name to when a poll last saw not all its lines registered (scheduler thread
     * only): a lamp the PBX confirmed since needs no re-assertion when they all are.
     */
    private final Map<String, Instant> unregisteredAt = new HashMap<>();
    private final Clock clock = Clock.systemUTC();
    /** When this component started: what the PBX confirmed before is not known to hold. */
    private final Instant started = clock.instant();
    private volatile MwiConfig config;
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> periodic;
    private final ServiceRegistration<MailboxListener> listening;

    @Activate
    public MwiComponent(MwiConfig config, Map<String, Object> properties, BundleContext context, @Reference Lamps lamps,
            @Reference Integrations integrations, @Reference MessageStore store) {
        config = current(config, properties);
        this.integrations = integrations;
        this.store = store;
        this.config = config;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callpost-mwi");
            t.setDaemon(true);
            return t;
        });
        Path file = stateDirectory(config.state_directory(), context).resolve("lamps.properties");
        this.engine = new LampEngine(lamps, this::resolve, scheduler, file, Settings.of(config), clock);
        engine.load();
        // lamps persisted for mailboxes that are gone are cleared
        Set<String> inStore = new HashSet<>();
        try {
            for (Mailbox m : store.mailboxes()) {
                if (!m.lampExtension().isEmpty()) {
                    inStore.add(LampEngine.key(m.integration(), m.lampExtension()));
                }
            }
            engine.reconcile(inStore);
        } catch (RuntimeException e) {
            LOG.warn("MWI: could not list the mailboxes: {}", e.toString());
        }
        schedule(config);
        listening = context.registerService(MailboxListener.class, this, null);
        LOG.info("MWI: started (integration: {}, concurrency {}, {} attempts, state in {})",
                config.callout_integration().isEmpty() ? "the first running" : config.callout_integration(),
                config.concurrency(), config.max_attempts(), file);
    }

    /** The typed settings, with values still under a deprecated name read (and warned of once). */
    private MwiConfig current(MwiConfig config, Map<String, Object> properties) {
        return renamed.deprecatedInUse(properties).isEmpty() ? config
                : RenamedSettings.typed(MwiConfig.class, renamed.current(PID, properties));
    }

    @Modified
    void modified(MwiConfig config, Map<String, Object> properties) {
        MwiConfig c = current(config, properties);
        this.config = c;
        engine.update(Settings.of(c));
        LOG.info("MWI: settings changed (integration: {}, concurrency {}, {} attempts, retry after {} ms)",
                c.callout_integration().isEmpty() ? "the first running" : c.callout_integration(), c.concurrency(),
                c.max_attempts(), c.retry_delay_millis());
        schedule(c);
    }

    @Deactivate
    void deactivate() {
        try {
            listening.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework has unregistered it
        }
        engine.close();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    private static Path stateDirectory(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = System.getProperty("karaf.data");
        if (data != null && !data.isEmpty()) {
            return Path.of(data, "callpost", "mwi");
        }
        return context.getDataFile("").toPath();
    }

    private synchronized void schedule(MwiConfig c) {
        if (poll != null) {
            poll.cancel(false);
        }
        if (periodic != null) {
            periodic.cancel(false);
        }
        poll = scheduler.scheduleWithFixedDelay(this::pollIntegrations, 0, c.integration_poll_seconds(), TimeUnit.SECONDS);
        if (c.reassert_interval_hours() > 0) {
            long every = TimeUnit.HOURS.toMillis(c.reassert_interval_hours());
            periodic = scheduler.scheduleAtFixedRate(() -> {
                int n = engine.reassertAsync(Optional.empty(), TimeUnit.MINUTES.toMillis(config.reassert_spread_minutes()));
                LOG.info("MWI: periodic re-assertion of {} lamps, spread over {} min", n, config.reassert_spread_minutes());
            }, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Notices an integration whose lines have all become registered: re-asserts its lamps. */
    private void pollIntegrations() {
        try {
            for (IntegrationStatus i : integrations.all()) {
                boolean all = allRegistered(i);
                Boolean before = registered.put(i.name(), all);
                boolean first = seen.add(i.name());
                if (!all) {
                    unregisteredAt.put(i.name(), clock.instant());
                }
                if (all && !Boolean.TRUE.equals(before)) {
                    boolean wanted = first ? config.reassert_at_startup() : config.reassert_on_reregistration();
                    if (wanted) {
                        Instant since = unregisteredAt.getOrDefault(i.name(), started);
                        int n = engine.reassertAsync(Optional.of(i.name()), 0, Optional.of(since));
                        LOG.info("MWI: integration {} has all its lines registered{}: re-asserting {} lamps", i.name(),
                                first ? "" : " again", n);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("MWI: could not look at the integrations: {}", e.toString());
        }
    }

    private static boolean allRegistered(IntegrationStatus i) {
        return i.state() == IntegrationState.RUNNING && !i.lines().isEmpty()
                && i.lines().stream().allMatch(l -> l.state() == LineState.REGISTERED);
    }

    /** The integration that sets lamps (see {@link Integrations#forCalls}). */
    private Optional<String> resolve(Optional<String> configured) {
        try {
            return integrations.forCalls(configured);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A store shared by several nodes says which lamps are this node's; none: all are. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOwnership(LampOwnership ownership) {
        owning = ownership;
        engine.ownership(ownership);
        LOG.info("MWI: several nodes share the store: this node sets the lamps it holds the lease of");
    }

    void unbindOwnership(LampOwnership ownership) {
        if (owning == ownership) { // greedy: a replacement is bound before the old one goes
            owning = null;
            engine.ownership(null);
        }
    }

    // ---- MailboxListener ------------------------------------------------------------------------

    @Override
    public void mailboxChanged(Mailbox mailbox, org.callpost.api.store.MailboxCounts counts) {
        engine.mailboxChanged(mailbox, counts);
    }

    @Override
    public void mailboxRemoved(Mailbox mailbox) {
        engine.mailboxRemoved(mailbox);
    }

    // ---- MwiService -----------------------------------------------------------------------------

    @Override
    public List<LampStatus> lamps() {
        return engine.lamps();
    }

    @Override
    public Optional<LampStatus> lamp(String extension) {
        return engine.lamp(extension);
    }

    @Override
    public Optional<LampStatus> lamp(String integration, String extension) {
        return engine.lamp(integration, extension);
    }

    @Override
    public void set(String extension, boolean on) {
        engine.set(extension, on);
    }

    @Override
    public int reassert(Optional<String> integration) {
        return engine.reassert(integration, 0);
    }
}
