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
 * {@link PostgresStoreStarter} once the database answers. State: the settings, volatile, replaced
 * whole by {@link #modified}.
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

    /** A store on {@code db} (migrated first) with its spool in {@code connection.spool()}; closes {@code db} if it fails. */
    PostgresMessageStore(DataSource db, ConnectionSettings connection, Settings settings) throws IOException {
        this.db = db;
        this.settings = settings;
        this.events = new MailboxEvents(this::settings);
        PostgresMailboxStorage storage = new PostgresMailboxStorage(db, connection.spool());
        MessageIds ids = new MessageIds();
        this.mailboxes = new Mailboxes(storage, this::settings, events);
        this.messages = new Messages(mailboxes, storage, this::settings, events, ids);
        this.greetings = new Greetings(mailboxes, storage, this::settings, ids);
        this.deliveries = new PendingDeliveries(db);
        try {
            SchemaMigrations.migrate(db);
            int count = mailboxes.load();
            LOG.info("Message store on PostgreSQL {} as {}, spool {}: {} mailboxes, {} messages", connection.where(),
                    connection.user(), connection.spool(), mailboxes.count(), count);
            deliveries.start();
        } catch (IOException | RuntimeException e) {
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
        deliveries.stop();
        events.stop();
        StoreDatabase.close(db);
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
