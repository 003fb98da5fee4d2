package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.callpost.api.cluster.CalloutJobs;
import org.callpost.api.cluster.LampOwnership;
import org.callpost.api.cluster.WrongPinRecords;
import org.callpost.api.health.HealthCheck;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.StoreMigration;
import org.callpost.store.file.internal.FileStoreConfig;
import org.callpost.store.file.internal.Settings;
import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the message store on PostgreSQL (pid {@code org.callpost.store.postgres}) and offers it as
 * the {@link MessageStore} service once it is open: the database is reached, the schema migrated
 * and the mailboxes read. A database that does not answer (down when Karaf starts) is tried again
 * every {@value #RETRY_SECONDS} s on this component's own thread, and meanwhile there is no
 * message store at all (the file store is aside, {@link FileStoreAside}): callers are not taken
 * into files the administrator moved away from. The service is registered only when the store
 * works, so no user ever gets a store that cannot answer.
 * <p>
 * A wrong setting is refused naming it: at start the component does not start (DS says why); while
 * running, the store keeps its connection. The limits and PIN rules are read from this pid under
 * the file store's names ({@link FileStoreConfig}) and apply at once; connection and spool
 * settings are read at start. The health check {@code database} ({@link DatabaseHealth}) is offered
 * from activation on, so a database that is down at start shows too. State: the open store and its
 * registration, guarded by this.
 */
@Component(configurationPid = PostgresStoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = PostgresStoreConfig.class)
public final class PostgresStoreStarter {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStoreStarter.class);
    /** What a sealed password is bound to (see {@link PasswordSeal}). */
    static final String SEAL_PURPOSE = "callpost store.postgres password v1";
    static final long RETRY_SECONDS = 30;
    /** Above the file store's 0, for a consumer that looks while both are registered during the switch. */
    static final int RANKING = 100;

    private final BundleContext context;
    private final PasswordSeal seal;
    private final PasswordSealing sealing;
    private final String karafData;
    private final ConnectionSettings connection;
    private final String node;
    private final Path fileStoreFolder;
    private final ScheduledExecutorService opener = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callpost-store-postgres-open");
        t.setDaemon(true);
        return t;
    });
    private volatile Settings settings;
    private final DatabaseHealth health;
    private final ServiceRegistration<HealthCheck> healthRegistration;

    // guarded by this
    private final List<MailboxListener> listeners = new ArrayList<>();
    private PostgresMessageStore store;
    private ServiceRegistration<MessageStore> registration;
    private ServiceRegistration<StoreMigration> migration;
    private ServiceRegistration<LampOwnership> lampOwnership;
    private ServiceRegistration<CalloutJobs> calloutJobs;
    private ServiceRegistration<WrongPinRecords> wrongPinRecords;
    private boolean stopped;
    private int attempts;

    @Activate
    public PostgresStoreStarter(PostgresStoreConfig config, FileStoreConfig limits, Map<String, Object> properties,
            BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.seal = PasswordSeal.forFramework(context, SEAL_PURPOSE);
        this.karafData = karafData(context);
        this.connection = ConnectionSettings.of(config, seal, karafData);
        this.node = NodeName.of(config.node_name());
        this.settings = Settings.of(limits);
        this.fileStoreFolder = fileStoreFolder(configAdmin, karafData);
        this.sealing = new PasswordSealing(configAdmin, seal, PostgresStoreConfig.PID, "Message store on PostgreSQL",
                "password", null);
        sealing.sealIfClear(properties);
        this.health = new DatabaseHealth(connection.where());
        Hashtable<String, Object> check = new Hashtable<>();
        check.put("health.check", DatabaseHealth.CHECK);
        this.healthRegistration = context.registerService(HealthCheck.class, health, check);
        opener.execute(this::open);
    }

    private static String karafData(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? data : context.getDataFile("").getAbsolutePath();
    }

    /** The file store's folder as its pid sets it (else its default): what callpost:store-migrate copies by default. */
    private static Path fileStoreFolder(ConfigurationAdmin configAdmin, String karafData) {
        Object folder = null;
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=org.callpost.store.file)");
            if (found != null && found.length > 0 && found[0].getProperties() != null) {
                folder = found[0].getProperties().get("folder");
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("The file store's settings cannot be read ({}): its default folder is copied by default", e.toString());
        }
        String value = folder instanceof String f && !f.isBlank() ? f.trim() : "${karaf.data}/callpost/store";
        return Path.of(value.replace("${karaf.data}", karafData)).toAbsolutePath().normalize();
    }

    /** Opens the store and offers it; if the database does not answer, tries again later. */
    private void open() {
        PostgresMessageStore opened;
        try {
            opened = new PostgresMessageStore(StoreDatabase.open(connection, node), connection, settings, node);
        } catch (IOException | RuntimeException e) {
            int attempt;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                attempt = ++attempts;
            }
            health.notOpened(StoreDatabase.rootMessage(e));
            // the first failure with its cause in full, then one line per attempt
            String message = "Message store on PostgreSQL cannot start, so there is no message store: {}; trying again "
                    + "in " + RETRY_SECONDS + " s";
            if (attempt == 1) {
                LOG.error(message, e.getMessage(), e);
            } else {
                LOG.error(message, e.getMessage());
            }
            opener.schedule(this::open, RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        synchronized (this) {
            if (stopped) {
                opened.deactivate();
                return;
            }
            store = opened;
            health.opened(opened);
            listeners.forEach(opened::addListener);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_RANKING, RANKING);
            properties.put("callpost.store", "postgres");
            // before the store, so the MWI asks which lamps are this node's from the first change on
            lampOwnership = context.registerService(LampOwnership.class, opened.lamps(), null);
            calloutJobs = context.registerService(CalloutJobs.class, opened.callouts(), null);
            wrongPinRecords = context.registerService(WrongPinRecords.class, opened.wrongPins(), null);
            registration = context.registerService(MessageStore.class, opened, properties);
            migration = context.registerService(StoreMigration.class,
                    new FileStoreMigration(opened.database(), fileStoreFolder), null);
        }
    }

    @Modified
    void modified(PostgresStoreConfig config, FileStoreConfig limits, Map<String, Object> properties) {
        Settings next = Settings.of(limits);
        settings = next;
        PostgresMessageStore open;
        synchronized (this) {
            open = store;
        }
        if (open != null) {
            open.modified(next);
        }
        try {
            if (!ConnectionSettings.of(config, seal, karafData).sameConnection(connection)) {
                LOG.warn("Message store on PostgreSQL: the new url, user, password, pool.size or spool.folder takes "
                        + "effect when the store restarts (bundle:restart org.callpost.store.postgres); still using {}",
                        connection);
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Message store on PostgreSQL: setting refused, the running connection is kept: {}", e.getMessage());
        }
        sealing.sealIfClear(properties);
    }

    @Deactivate
    void deactivate() {
        PostgresMessageStore open;
        ServiceRegistration<MessageStore> offered;
        ServiceRegistration<StoreMigration> copying;
        ServiceRegistration<LampOwnership> owning;
        ServiceRegistration<CalloutJobs> jobs;
        ServiceRegistration<WrongPinRecords> pins;
        synchronized (this) {
            owning = lampOwnership;
            lampOwnership = null;
            jobs = calloutJobs;
            calloutJobs = null;
            pins = wrongPinRecords;
            wrongPinRecords = null;
            stopped = true;
            open = store;
            offered = registration;
            copying = migration;
            store = null;
            registration = null;
            migration = null;
        }
        opener.shutdownNow();
        health.stopped();
        try {
            healthRegistration.unregister();
        } catch (IllegalStateException e) {
            // the bundle stopped first
        }
        if (copying != null) {
            try {
                copying.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first
            }
        }
        if (offered != null) {
            try {
                offered.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first
            }
        }
        if (pins != null) {
            try {
                pins.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first
            }
        }
        if (jobs != null) {
            try {
                jobs.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first
            }
        }
        if (owning != null) {
            try {
                owning.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first
            }
        }
        if (open != null) {
            open.deactivate();
            LOG.info("Message store on PostgreSQL stopped");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(MailboxListener listener) {
        synchronized (this) {
            listeners.add(listener);
            if (store != null) {
                store.addListener(listener);
            }
        }
    }

    void removeListener(MailboxListener listener) {
        synchronized (this) {
            listeners.remove(listener);
            if (store != null) {
                store.removeListener(listener);
            }
        }
    }
}
