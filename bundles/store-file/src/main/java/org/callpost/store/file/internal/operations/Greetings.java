package org.callpost.store.file.internal.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.store.file.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The greeting operations: a mailbox's recorded greetings (personal, busy, name; the system
 * greeting is never recorded), replaced through a draft. No state of its own; changes hold the
 * mailbox's {@link Box} monitor.
 */
public final class Greetings {
    private static final Logger LOG = LoggerFactory.getLogger(Greetings.class);

    private final Mailboxes mailboxes;
    private final MailboxStorage storage;
    private final Supplier<Settings> settings;
    private final MessageIds ids;

    public Greetings(Mailboxes mailboxes, MailboxStorage storage, Supplier<Settings> settings, MessageIds ids) {
        this.mailboxes = mailboxes;
        this.storage = storage;
        this.settings = settings;
        this.ids = ids;
    }

    public Optional<Path> greeting(String number, Greeting greeting) {
        mailboxes.box(number);
        if (!greeting.recorded()) {
            return Optional.empty();
        }
        return storage.greeting(number, greeting);
    }

    public GreetingDraft begin(String number, Greeting greeting) {
        if (!greeting.recorded()) {
            throw new IllegalArgumentException("The system greeting is not recorded");
        }
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
        }
        return new GreetingRecording(this, box, greeting, storage.greetingRecording(number, greeting, ids.next()));
    }

    /** Installs a finished recording, or removes it when shorter than the minimum; the old greeting then stays. */
    boolean commit(Box box, Greeting greeting, Path recording) throws IOException {
        Duration length = storage.finish(recording);
        if (length.compareTo(settings.get().minimumLength()) < 0) {
            storage.discard(recording);
            LOG.info("Greeting {} of mailbox {} not changed: the recording is {} ms, shorter than the minimum",
                    greeting, box.number, length.toMillis());
            return false;
        }
        synchronized (box) {
            box.check();
            storage.installGreeting(box.number, greeting, recording);
        }
        LOG.info("Greeting {} of mailbox {} recorded: {} ms", greeting, box.number, length.toMillis());
        return true;
    }

    void discard(Path recording) throws IOException {
        storage.discard(recording);
    }

    /** Deletes a greeting; a mailbox whose personal greeting is deleted plays the system one. */
    public void delete(String number, Greeting greeting) throws IOException {
        if (!greeting.recorded()) {
            return;
        }
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            storage.deleteGreeting(number, greeting);
            Mailbox mailbox = box.mailbox;
            if (greeting == Greeting.PERSONAL && mailbox.activeGreeting() == Greeting.PERSONAL) {
                mailboxes.save(box, mailbox.withActiveGreeting(Greeting.SYSTEM));
            }
        }
        LOG.info("Greeting {} of mailbox {} deleted", greeting, number);
    }
}
