package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.callpost.api.store.StoreUnavailableException;
import org.callpost.store.file.internal.Settings;
import org.callpost.store.file.internal.operations.Greetings;
import org.callpost.store.file.internal.operations.MailboxEvents;
import org.callpost.store.file.internal.operations.Mailboxes;
import org.callpost.store.file.internal.operations.MessageIds;
import org.callpost.store.file.internal.operations.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message store on PostgreSQL: the file store's operations ({@link Mailboxes},
 * {@link Messages}, {@link Greetings}, the same rules, copied into this bundle at build time) over
 * a {@link PostgresMailboxStorage}. Made and offered as the MessageStore by
 * {@link PostgresStoreStarter} once the database answers.
 * <p>
 * While PostgreSQL does not answer, what the store holds is still read from memory (mailboxes,
 * counts, messages, and their audio from the spool's local copies), so lamps keep their state and
 * callers are still taken; a message left meanwhile waits in the spool ({@link SpooledDraft},
 * {@link PendingDeliveries}); every other change is refused at once with a
 * {@link StoreUnavailableException}. State: the settings, volatile, replaced whole by {@link #modified}.
 */
public class PostgresMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageStore.class);

    private final DataSource db;
    private volatile Settings settings;
    private final MailboxEvents events;
    private final Mailboxes mailboxes;
    private final Messages messages;
    private final Greetings greetings;
    private final PendingDeliveries deliveries;
    private final PostgresMailboxStorage storage;
    private final String node;
    private final OtherNodes otherNodes;
    private final LampLeases lamps;
    private final CalloutQueue callouts;
    private final SharedWrongPins wrongPins;

    /** A store on {@code db} (migrated first) with its spool in {@code connection.spool()}; closes {@code db} if it fails. */
    PostgresMessageStore(DataSource db, ConnectionSettings connection, Settings settings) throws IOException {
        this(db, connection, settings, "");
    }

    /**
     * A store of the node {@code node} ({@link PostgresStoreConfig#node_name}): {@code db} must be
     * {@link StoreDatabase#open(ConnectionSettings, String) opened} under the same name, which is how
     * this node tells its own changes from the other nodes' ({@link OtherNodes}).
     */
    PostgresMessageStore(DataSource db, ConnectionSettings connection, Settings settings, String node)
            throws IOException {
        this.db = db;
        this.node = node;
        this.settings = settings;
        this.events = new MailboxEvents(this::settings);
        this.storage = new PostgresMailboxStorage(db, connection.spool());
        MessageIds ids = new MessageIds();
        this.mailboxes = new Mailboxes(storage, this::settings, events);
        this.messages = new Messages(mailboxes, storage, this::settings, events, ids);
        this.greetings = new Greetings(mailboxes, storage, this::settings, ids);
        this.deliveries = new PendingDeliveries(db);
        this.lamps = new LampLeases(db, node, deliveries);
        this.callouts = new CalloutQueue(db, node, deliveries);
        this.wrongPins = new SharedWrongPins(db, deliveries);
        this.otherNodes = new OtherNodes(connection, node, new OtherNodes.Mailboxes() {
            @Override
            public void refresh(String number) throws IOException {
                mailboxes.refresh(number, storage::read);
            }

            @Override
            public void refreshAll() throws IOException {
                java.util.Set<String> numbers = new java.util.LinkedHashSet<>(storage.numbers());
                numbers.addAll(mailboxes.numbers()); // removed meanwhile
                for (String number : numbers) {
                    mailboxes.refresh(number, storage::read);
                }
            }
        });
        try {
            SchemaMigrations.migrate(db);
            int count = mailboxes.load();
            LOG.info("Message store on PostgreSQL {} as {}, spool {}: {} mailboxes, {} messages", connection.where(),
                    connection.user(), connection.spool(), mailboxes.count(), count);
            deliveries.start();
            callouts.start();
            otherNodes.start();
        } catch (IOException | RuntimeException e) {
            lamps.stop();
            events.stop();
            StoreDatabase.close(db);
            throw e;
        }
    }

    private Settings settings() {
        return settings;
    }

    /** New limits and PIN rules, applied at once. */
    void modified(Settings next) {
        settings = next;
        LOG.info("Message store settings: minimum message {} ms, {} messages and {} minutes per mailbox, PIN {}..{} digits",
                next.minimumLength().toMillis(), next.maxMessages(), next.maxTotal().toMinutes(),
                next.pinRules().minLength(), next.pinRules().maxLength());
    }

    void deactivate() {
        otherNodes.stop();
        lamps.stop();
        deliveries.stop();
        events.stop();
        StoreDatabase.close(db);
    }

    /** This node's name ("" when it has none), as its connections give it. */
    String node() {
        return node;
    }

    /** The wrong PINs every node counts. */
    SharedWrongPins wrongPins() {
        return wrongPins;
    }

    /** The callouts' jobs. */
    CalloutQueue callouts() {
        return callouts;
    }

    /** Which lamps this node sets. */
    LampLeases lamps() {
        return lamps;
    }

    /** Whether the other nodes' changes are listened to now. */
    boolean listening() {
        return otherNodes.listening();
    }

    /** The store's pool of connections. */
    DataSource database() {
        return db;
    }

    /** A change to what the database keeps. */
    @FunctionalInterface
    private interface Change<T> {
        T run() throws IOException;
    }

    /**
     * Runs a change, refused at once while the database is known not to answer (no call waits for
     * it); a change the database does not answer is refused the same way. Nothing is changed then:
     * the operations change their in-memory state only after the storage kept the change, so what
     * is read meanwhile (counts for the lamps, the messages listed) stays what the database holds.
     */
    private <T> T change(Change<T> change) throws IOException {
        requireDatabase();
        try {
            return change.run();
        } catch (IOException e) {
            throw unanswered(e);
        }
    }

    /** A change's failure, as refused for now when the database did not answer. */
    private IOException unanswered(IOException e) {
        if (!(e instanceof StoreUnavailableException) && PendingDeliveries.unreachable(e)) {
            deliveries.failed(e);
            return unavailable(deliveries.whyDown(), e);
        }
        return e;
    }

    private void requireDatabase() throws StoreUnavailableException {
        String why = deliveries.whyDown();
        if (why != null) {
            throw unavailable(why, null);
        }
    }

    private static StoreUnavailableException unavailable(String why, Throwable cause) {
        StoreUnavailableException e = new StoreUnavailableException("PostgreSQL does not answer (" + why
                + "): nothing was changed; try again when it does");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The messages waiting in the spool for the database, and whether it answers. */
    PendingDeliveries deliveries() {
        return deliveries;
    }

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
        return change(() -> mailboxes.create(mailbox, pin));
    }

    @Override
    public Mailbox updateMailbox(Mailbox mailbox) throws IOException {
        return change(() -> mailboxes.update(mailbox));
    }

    @Override
    public void removeMailbox(String number) throws IOException {
        change(() -> {
            mailboxes.remove(number);
            return null;
        });
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
        change(() -> {
            mailboxes.changePin(number, pin);
            return null;
        });
    }

    // ---- greetings ----

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        return greetings.greeting(number, greeting);
    }

    @Override
    public GreetingDraft beginGreeting(String number, Greeting greeting) throws IOException {
        requireDatabase(); // a greeting is installed in the database when its recording ends
        return greetings.begin(number, greeting);
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        change(() -> {
            greetings.delete(number, greeting);
            return null;
        });
    }

    // ---- messages ----

    @Override
    public Duration minimumMessageLength() {
        return messages.minimumMessageLength();
    }

    @Override
    public MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, IOException {
        return new SpooledDraft(messages.begin(number, envelope), deliveries, this::settings);
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
        return change(() -> messages.move(number, id, folder));
    }

    @Override
    public Message markHeard(String number, String id) throws IOException {
        return change(() -> messages.markHeard(number, id));
    }

    @Override
    public int purgeDeleted(String number) throws IOException {
        return change(() -> messages.purgeDeleted(number));
    }

    @Override
    public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
            throws MailboxFullException, IOException {
        requireDatabase();
        try {
            return messages.forward(fromNumber, id, toNumber, envelope, introduction);
        } catch (MailboxFullException e) {
            throw e;
        } catch (IOException e) {
            throw unanswered(e);
        }
    }
}
