package org.callpost.shell.internal.mailboxes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.PinRules;

/**
 * The mailbox part of a message store, in memory, with the store's rules for numbers, extensions
 * and PINs (as MessageStore documents them); for the import's unit tests only. Counts the writes,
 * so a test can tell that a second import wrote nothing.
 */
final class InMemoryStore implements MessageStore {
    final Map<String, Mailbox> mailboxes = new TreeMap<>();
    final Map<String, String> pins = new HashMap<>();
    int writes;

    @Override
    public List<Mailbox> mailboxes() {
        return List.copyOf(mailboxes.values());
    }

    @Override
    public Optional<Mailbox> mailbox(String number) {
        return Optional.ofNullable(mailboxes.get(number));
    }

    @Override
    public Optional<Mailbox> mailboxOfExtension(String integration, String extension) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Mailbox createMailbox(Mailbox m, String pin) {
        if (mailboxes.containsKey(m.number())) {
            throw new IllegalArgumentException("mailbox " + m.number() + " exists already");
        }
        check(m);
        if (pin != null && !pinRules().accepts(pin)) {
            throw new IllegalArgumentException(pinRules().describe());
        }
        if (pin != null) {
            pins.put(m.number(), pin);
        }
        writes++;
        Mailbox stored = m.withPinSet(pin != null);
        mailboxes.put(m.number(), stored);
        return stored;
    }

    @Override
    public Mailbox updateMailbox(Mailbox m) {
        Mailbox before = mailboxes.get(m.number());
        if (before == null) {
            throw new NoSuchMailboxException(m.number());
        }
        check(m);
        writes++;
        Mailbox stored = m.withPinSet(before.pinSet());
        mailboxes.put(m.number(), stored);
        return stored;
    }

    private void check(Mailbox m) {
        if (!m.number().matches("\\d+") || !m.extension().matches("\\d*")) {
            throw new IllegalArgumentException("not digits");
        }
        for (Mailbox o : mailboxes.values()) {
            if (!o.number().equals(m.number()) && !m.extension().isEmpty() && o.extension().equals(m.extension())
                    && (o.integration().isEmpty() || m.integration().isEmpty() || o.integration().equals(m.integration()))) {
                throw new IllegalArgumentException("extension " + m.extension() + " is mailbox " + o.number() + "'s");
            }
        }
    }

    @Override
    public void removeMailbox(String number) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MailboxCounts counts(String number) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PinRules pinRules() {
        return new PinRules(4, 8);
    }

    @Override
    public boolean checkPin(String number, String pin) {
        return pin.equals(pins.get(number));
    }

    @Override
    public void changePin(String number, String pin) {
        if (!pinRules().accepts(pin)) {
            throw new IllegalArgumentException(pinRules().describe());
        }
        writes++;
        pins.put(number, pin);
        mailboxes.put(number, mailboxes.get(number).withPinSet(true));
    }

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GreetingDraft beginGreeting(String number, Greeting greeting) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Duration minimumMessageLength() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MessageDraft beginMessage(String number, Envelope envelope) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Message> messages(String number, Folder folder) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Message> message(String number, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Message move(String number, String id, Folder folder) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Message markHeard(String number, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int purgeDeleted(String number) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction) {
        throw new UnsupportedOperationException();
    }
}
