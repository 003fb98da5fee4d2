package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.FileStoreConfig;
import org.callpost.store.file.internal.Settings;
import org.callpost.store.file.internal.operations.Greetings;
import org.callpost.store.file.internal.operations.MailboxEvents;
import org.callpost.store.file.internal.operations.Mailboxes;
import org.callpost.store.file.internal.operations.MessageIds;
import org.callpost.store.file.internal.operations.Messages;
import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import org.osgi.framework.BundleContext;
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
 * The message store on PostgreSQL, as a DS component (pid {@code org.callpost.store.postgres},
 * required): the file store's operations ({@link Mailboxes}, {@link Messages}, {@link Greetings},
 * the same rules, copied into this bundle at build time) over a {@link PostgresMailboxStorage}.
 * Immediate, so it is up as soon as it is configured, and the file store steps aside
 * ({@link FileStoreAside}). The limits and PIN rules are read from this pid under the file store's
 * names ({@link FileStoreConfig}); the connection and spool are read at start, and a change to
 * them is refused while running, said in the log. State: the settings, volatile, replaced whole.
 */
@Component(service = MessageStore.class, configurationPid = PostgresStoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, property = "service.ranking:Integer=100")
@Designate(ocd = PostgresStoreConfig.class)
public class PostgresMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageStore.class);
    /** What a sealed password is bound to (see {@link PasswordSeal}). */
    static final String SEAL_PURPOSE = "callpost store.postgres password v1";

    private final DataSource db;
    private final ConnectionSettings connection;
    private final PasswordSeal seal;
    private final String karafData;
    private final PasswordSealing sealing;
    private volatile Settings settings;
    private final MailboxEvents events;
    private final Mailboxes mailboxes;
    private final Messages messages;
    private final Greetings greetings;

    @Activate
    public PostgresMessageStore(PostgresStoreConfig config, FileStoreConfig limits, Map<String, Object> properties,
            BundleContext context, @Reference ConfigurationAdmin configAdmin) throws IOException {
        this(config, limits, PasswordSeal.forFramework(context, SEAL_PURPOSE), karafData(context), configAdmin);
        sealing.sealIfClear(properties);
    }

    private PostgresMessageStore(PostgresStoreConfig config, FileStoreConfig limits, PasswordSeal seal, String karafData,
            ConfigurationAdmin configAdmin) throws IOException {
        this(ConnectionSettings.of(config, seal, karafData), Settings.of(limits), seal, karafData,
                new PasswordSealing(configAdmin, seal, PostgresStoreConfig.PID, "Message store on PostgreSQL", "password",
                        null));
    }

    private PostgresMessageStore(ConnectionSettings connection, Settings settings, PasswordSeal seal, String karafData,
            PasswordSealing sealing) throws IOException {
        this(StoreDatabase.open(connection), connection, settings, seal, karafData, sealing);
    }

    /** A store on {@code db} (migrated first) with its spool in {@code connection.spool()}; closes {@code db} if it fails. */
    PostgresMessageStore(DataSource db, ConnectionSettings connection, Settings settings, PasswordSeal seal,
            String karafData, PasswordSealing sealing) throws IOException {
        this.db = db;
        this.connection = connection;
        this.seal = seal;
        this.karafData = karafData;
        this.sealing = sealing;
        this.settings = settings;
        this.events = new MailboxEvents(this::settings);
        PostgresMailboxStorage storage = new PostgresMailboxStorage(db, connection.spool());
        MessageIds ids = new MessageIds();
        this.mailboxes = new Mailboxes(storage, this::settings, events);
        this.messages = new Messages(mailboxes, storage, this::settings, events, ids);
        this.greetings = new Greetings(mailboxes, storage, this::settings, ids);
        try {
            SchemaMigrations.migrate(db);
            int count = mailboxes.load();
            LOG.info("Message store on PostgreSQL {} as {}, spool {}: {} mailboxes, {} messages", connection.where(),
                    connection.user(), connection.spool(), mailboxes.count(), count);
        } catch (IOException | RuntimeException e) {
            events.stop();
            StoreDatabase.close(db);
            throw e;
        }
    }

    private static String karafData(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? data : context.getDataFile("").getAbsolutePath();
    }

    private Settings settings() {
        return settings;
    }

    /** Limits apply at once; connection and spool changes are refused while running (they need a restart). */
    @Modified
    void modified(PostgresStoreConfig config, FileStoreConfig limits, Map<String, Object> properties) {
        settings = Settings.of(limits);
        try {
            ConnectionSettings next = ConnectionSettings.of(config, seal, karafData);
            if (!next.sameConnection(connection)) {
                LOG.warn("Message store on PostgreSQL: the new url, user, password, pool.size or spool.folder takes "
                        + "effect when the store restarts (bundle:restart org.callpost.store.postgres); still using {}",
                        connection);
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Message store on PostgreSQL: setting refused, the running connection is kept: {}", e.getMessage());
        }
        if (sealing != null) {
            sealing.sealIfClear(properties);
        }
        LOG.info("Message store settings: minimum message {} ms, {} messages and {} minutes per mailbox, PIN {}..{} digits",
                settings.minimumLength().toMillis(), settings.maxMessages(), settings.maxTotal().toMinutes(),
                settings.pinRules().minLength(), settings.pinRules().maxLength());
    }

    @Deactivate
    void deactivate() {
        events.stop();
        StoreDatabase.close(db);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(MailboxListener listener) {
        events.add(listener, mailboxes);
    }

    public void removeListener(MailboxListener listener) {
        events.remove(listener);
    }

    // ---- mailboxes ----

    @Override
    public List<Mailbox> mailboxes() {
        return mailboxes.mailboxes();
    }

    @Override
    public Optional<Mailbox> mailbox(String number) {
        return mailboxes.mailbox(number);
    }

    @Override
    public Optional<Mailbox> mailboxOfExtension(String integration, String extension) {
        return mailboxes.mailboxOfExtension(integration, extension);
    }

    @Override
    public Mailbox createMailbox(Mailbox mailbox, String pin) throws IOException {
        return mailboxes.create(mailbox, pin);
    }

    @Override
    public Mailbox updateMailbox(Mailbox mailbox) throws IOException {
        return mailboxes.update(mailbox);
    }

    @Override
    public void removeMailbox(String number) throws IOException {
        mailboxes.remove(number);
    }

    @Override
    public MailboxCounts counts(String number) {
        return mailboxes.counts(number);
    }

    @Override
    public PinRules pinRules() {
        return mailboxes.pinRules();
    }

    @Override
    public boolean checkPin(String number, String pin) {
        return mailboxes.checkPin(number, pin);
    }

    @Override
    public void changePin(String number, String pin) throws IOException {
        mailboxes.changePin(number, pin);
    }

    // ---- greetings ----

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        return greetings.greeting(number, greeting);
    }

    @Override
    public GreetingDraft beginGreeting(String number, Greeting greeting) throws IOException {
        return greetings.begin(number, greeting);
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        greetings.delete(number, greeting);
    }

    // ---- messages ----

    @Override
    public Duration minimumMessageLength() {
        return messages.minimumMessageLength();
    }

    @Override
    public MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, IOException {
        return messages.begin(number, envelope);
    }

    @Override
    public List<Message> messages(String number, Folder folder) {
        return messages.messages(number, folder);
    }

    @Override
    public Optional<Message> message(String number, String id) {
        return messages.message(number, id);
    }

    @Override
    public Message move(String number, String id, Folder folder) throws IOException {
        return messages.move(number, id, folder);
    }

    @Override
    public Message markHeard(String number, String id) throws IOException {
        return messages.markHeard(number, id);
    }

    @Override
    public int purgeDeleted(String number) throws IOException {
        return messages.purgeDeleted(number);
    }

    @Override
    public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
            throws MailboxFullException, IOException {
        return messages.forward(fromNumber, id, toNumber, envelope, introduction);
    }
}
