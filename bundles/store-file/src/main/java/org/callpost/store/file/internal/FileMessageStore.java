package org.callpost.store.file.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
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
import org.callpost.store.file.internal.operations.Greetings;
import org.callpost.store.file.internal.operations.MailboxEvents;
import org.callpost.store.file.internal.operations.Mailboxes;
import org.callpost.store.file.internal.operations.MessageIds;
import org.callpost.store.file.internal.operations.Messages;
import org.callpost.store.file.internal.operations.StoreTimings;
import org.callpost.store.file.internal.storage.FileMailboxStorage;
import org.callpost.store.file.internal.storage.FreeSpace;
import org.osgi.framework.BundleContext;
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
 * The embedded message store on the file system, as a DS component: its folder and settings from
 * Config Admin (pid {@code org.callpost.store.file}), the {@link MessageStore} service, and the
 * mailbox listeners. The work is done by the operations ({@code operations}: {@link Mailboxes},
 * {@link Messages}, {@link Greetings}), which know nothing of files, over a
 * {@link FileMailboxStorage} ({@code storage}, with the file formats in {@code format} and start-up
 * recovery in {@code recovery}). State here: the settings, volatile, replaced whole by
 * {@link #modified} on the Config Admin thread and read by every operation. No recording (message,
 * forwarded copy, greeting) begins while the disk is below the minimum ({@link FreeSpace}); the
 * store is also the health check {@code store} ({@link StoreHealth}).
 */
@Component(service = {MessageStore.class, FileMessageStore.class, HealthCheck.class}, configurationPid = "org.callpost.store.file",
        property = "health.check=" + StoreHealth.CHECK)
@Designate(ocd = FileStoreConfig.class)
public class FileMessageStore implements MessageStore, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(FileMessageStore.class);

    static final String DEFAULT_FOLDER = "${karaf.data}/callpost/store";

    private final Path root;
    private final String configuredFolder;
    private volatile Settings settings;
    private final MailboxEvents events;
    private final Mailboxes mailboxes;
    private final Messages messages;
    private final Greetings greetings;
    private final FreeSpace space;
    private final StoreHealth health;

    @Activate
    public FileMessageStore(FileStoreConfig config, BundleContext context) throws IOException {
        this(folder(config.folder(), System.getProperty("karaf.data"), context),
                Settings.of(config, Settings.DEFAULT_DISK_FREE_MINIMUM_MEGABYTES, LOG::warn), config.folder());
        health.startProbing();
    }

    /** A store on {@code root} (created if missing), recovering what a crash left. */
    FileMessageStore(Path root, Settings settings) throws IOException {
        this(root, settings, root.toString());
    }

    private FileMessageStore(Path root, Settings settings, String configuredFolder) throws IOException {
        this.root = root;
        this.settings = settings;
        this.configuredFolder = configuredFolder;
        FileMailboxStorage storage = new FileMailboxStorage(root);
        MessageIds ids = new MessageIds();
        this.events = new MailboxEvents(this::settings);
        this.mailboxes = new Mailboxes(storage, this::settings, events);
        this.messages = new Messages(mailboxes, storage, this::settings, events, ids);
        this.greetings = new Greetings(mailboxes, storage, this::settings, ids);
        this.space = new FreeSpace(root, () -> this.settings.diskFreeMinimumMegabytes());
        this.health = new StoreHealth(space);
        try {
            int count = mailboxes.load();
            LOG.info("Message store in {}: {} mailboxes, {} messages", root, mailboxes.count(), count);
        } catch (IOException | RuntimeException e) {
            events.stop();
            throw e;
        }
    }

    private Settings settings() {
        return settings;
    }

    /** The store's folder: {@code ${karaf.data}} from the system property, else the bundle's data area. */
    static Path folder(String configured, String karafData, BundleContext context) {
        String value = configured == null || configured.isBlank() ? DEFAULT_FOLDER : configured.trim();
        if (value.contains("${karaf.data}")) {
            String data = karafData;
            if (data == null || data.isBlank()) {
                File area = context == null ? null : context.getDataFile("");
                if (area == null) {
                    throw new IllegalStateException("No karaf.data system property and no bundle data area: "
                            + "set the store's folder (pid org.callpost.store.file)");
                }
                data = area.getAbsolutePath();
            }
            value = value.replace("${karaf.data}", data);
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    @Modified
    void modified(FileStoreConfig config) {
        settings = Settings.of(config, settings.diskFreeMinimumMegabytes(), LOG::warn);
        if (!String.valueOf(config.folder()).equals(configuredFolder)) {
            LOG.warn("The message store folder {} takes effect when the store restarts; still using {}",
                    config.folder(), root);
        }
        LOG.info("Message store settings: minimum message {} ms, {} messages and {} minutes per mailbox, PIN {}..{} digits, "
                + "minimum free disk {} MB", settings.minimumLength().toMillis(), settings.maxMessages(),
                settings.maxTotal().toMinutes(), settings.pinRules().minLength(), settings.pinRules().maxLength(),
                settings.diskFreeMinimumMegabytes());
    }

    @Deactivate
    void deactivate() {
        health.stop();
        events.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(MailboxListener listener) {
        events.add(listener, mailboxes);
    }

    public void removeListener(MailboxListener listener) {
        events.remove(listener);
    }

    Path root() {
        return root;
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
        space.requireRoom("a greeting");
        return greetings.begin(number, greeting);
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        greetings.delete(number, greeting);
    }

    // ---- messages ----

    /** How long the message operations take, for the metrics. */
    StoreTimings timings() {
        return messages.timings();
    }

    @Override
    public Duration minimumMessageLength() {
        return messages.minimumMessageLength();
    }

    @Override
    public MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, IOException {
        long start = System.nanoTime();
        try {
            space.requireRoom("a message");
            return messages.begin(number, envelope);
        } finally {
            messages.timings().add(StoreTimings.Operation.BEGIN_MESSAGE, start);
        }
    }

    @Override
    public List<Message> messages(String number, Folder folder) {
        return messages.timings().time(StoreTimings.Operation.LIST_MESSAGES, () -> messages.messages(number, folder));
    }

    @Override
    public Optional<Message> message(String number, String id) {
        return messages.timings().time(StoreTimings.Operation.READ_MESSAGE, () -> messages.message(number, id));
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
        space.requireRoom("a forwarded message");
        return messages.forward(fromNumber, id, toNumber, envelope, introduction);
    }

    // ---- health ----

    @Override
    public List<HealthResult> check() {
        return health.check();
    }
}
