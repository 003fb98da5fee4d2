package org.callpost.store.file.internal.operations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox operations: the directory of mailboxes, their settings and PINs, over a
 * {@link MailboxStorage}. Owners: {@link #directory} guards creating and removing mailboxes and
 * the uniqueness of extensions; each {@link Box} guards itself ({@link #directory} first when both).
 * The map itself is concurrent, so lookups take no lock.
 */
public final class Mailboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

    private final MailboxStorage storage;
    private final Supplier<Settings> settings;
    private final MailboxEvents events;
    private final Pins pins;
    private final ConcurrentMap<String, Box> boxes = new ConcurrentHashMap<>();
    private final Object directory = new Object();
    /** Finishes the drafts a crash left, as messages; set once by {@link Messages}, before {@link #load}. */
    private DraftRecovery drafts = (box, draft) -> {
        throw new IllegalStateException("no message operations to recover drafts with");
    };

    /** Finishes one unfinished draft of a box; called holding the box's monitor. */
    interface DraftRecovery {
        void recover(Box box, UnfinishedDraft draft) throws IOException;
    }

    public Mailboxes(MailboxStorage storage, Supplier<Settings> settings, MailboxEvents events) {
        this.storage = storage;
        this.settings = settings;
        this.events = events;
        this.pins = new Pins(settings);
    }

    void recoverDraftsWith(DraftRecovery recovery) {
        this.drafts = recovery;
    }

    /** Reads every mailbox the storage keeps, finishing the drafts a crash left; returns the messages count. */
    public int load() throws IOException {
        int messages = 0;
        for (StoredMailbox stored : storage.load()) {
            try {
                Box box = box(stored);
                boxes.put(box.number, box);
                messages += box.messages.size();
            } catch (IOException | RuntimeException e) {
                LOG.error("Mailbox {} cannot be read and is left alone: {}", stored.mailbox().number(), e.toString());
            }
        }
        Map<String, String> extensions = new HashMap<>();
        for (Box box : sortedBoxes()) {
            String extension = box.mailbox.extension();
            // edited by hand into a clash: the first by number wins, and the administrator is told
            String key = box.mailbox.integration() + "/" + extension;
            String other = extension.isEmpty() ? null : extensions.putIfAbsent(key, box.number);
            if (other != null) {
                LOG.warn("Mailboxes {} and {} both have extension {}{}: calls from it find mailbox {}", other,
                        box.number, extension, MailboxRules.integrationText(box.mailbox), other);
            }
        }
        return messages;
    }

    public int count() {
        return boxes.size();
    }

    private Box box(StoredMailbox stored) throws IOException {
        Box box = new Box(stored);
        synchronized (box) {
            for (UnfinishedDraft draft : stored.drafts()) {
                drafts.recover(box, draft);
            }
        }
        return box;
    }

    /** Mailboxes by number: shorter first, so 99 comes before 100. */
    List<Box> sortedBoxes() {
        List<Box> list = new ArrayList<>(boxes.values());
        list.sort(Comparator.comparingInt((Box b) -> b.number.length()).thenComparing(b -> b.number));
        return list;
    }

    /** A mailbox by number, refusing one that does not exist (it may have been removed since: {@link Box#check}). */
    Box box(String number) {
        Box box = number == null ? null : boxes.get(number);
        if (box == null) {
            throw new NoSuchMailboxException(number);
        }
        return box;
    }

    /**
     * An extension has one mailbox per integration: two PBXes may each have their own 201, but a
     * mailbox of no integration (any PBX's) shares its extension with none. Call holding {@link #directory}.
     */
    private void requireExtensionFree(Mailbox m) {
        if (m.extension().isEmpty()) {
            return;
        }
        for (Box other : boxes.values()) {
            Mailbox o = other.mailbox;
            if (!other.number.equals(m.number()) && o.extension().equals(m.extension()) && MailboxRules.overlap(o, m)) {
                throw new IllegalArgumentException("Extension " + m.extension() + MailboxRules.integrationText(o)
                        + " already has mailbox " + other.number);
            }
        }
    }

    public List<Mailbox> mailboxes() {
        return sortedBoxes().stream().map(b -> b.mailbox).toList();
    }

    public Optional<Mailbox> mailbox(String number) {
        Box box = number == null ? null : boxes.get(number);
        return box == null ? Optional.empty() : Optional.of(box.mailbox);
    }

    /** The extension's mailbox on that integration, else one of no integration (any PBX's). */
    public Optional<Mailbox> mailboxOfExtension(String integration, String extension) {
        if (extension == null || extension.isEmpty()) {
            return Optional.empty();
        }
        String of = integration == null ? "" : integration;
        List<Mailbox> found = sortedBoxes().stream().map(b -> b.mailbox)
                .filter(m -> m.extension().equals(extension) && m.belongsTo(of)).toList();
        return found.stream().filter(m -> m.integration().equals(of)).findFirst().or(() -> found.stream().findFirst());
    }

    public Mailbox create(Mailbox mailbox, String pin) throws IOException {
        MailboxRules.validate(mailbox);
        PinHash hash = pin == null ? null : pins.hash(pin);
        synchronized (directory) {
            if (boxes.containsKey(mailbox.number())) {
                throw new IllegalArgumentException("Mailbox " + mailbox.number() + " already exists");
            }
            requireExtensionFree(mailbox);
            Mailbox stored = mailbox.withPinSet(hash != null);
            Box box = box(storage.create(stored, hash)); // what an earlier folder of this number left is kept
            boxes.put(box.number, box);
            LOG.info("Mailbox {} created{}{}{}", box.number,
                    stored.extension().isEmpty() ? "" : " for extension " + stored.extension(),
                    MailboxRules.integrationText(stored), hash == null ? " without a PIN" : "");
            synchronized (box) {
                events.changed(box);
            }
            return box.mailbox;
        }
    }

    public Mailbox update(Mailbox mailbox) throws IOException {
        MailboxRules.validate(mailbox);
        synchronized (directory) {
            Box box = box(mailbox.number());
            requireExtensionFree(mailbox);
            synchronized (box) {
                box.check();
                Mailbox stored = mailbox.withPinSet(box.pin != null);
                storage.save(stored, box.pin);
                box.mailbox = stored;
                events.changed(box);
                return stored;
            }
        }
    }

    /** Replaces a box's settings (the PIN kept); call holding the box's monitor. */
    void save(Box box, Mailbox stored) throws IOException {
        storage.save(stored, box.pin);
        box.mailbox = stored;
        events.changed(box);
    }

    public void remove(String number) throws IOException {
        synchronized (directory) {
            Box box = box(number);
            synchronized (box) {
                box.check();
                String aside = storage.remove(number);
                box.removed = true;
                boxes.remove(number, box);
                LOG.info("Mailbox {} removed; its greetings and messages are kept in {}", number, aside);
                events.removed(box.mailbox);
            }
        }
    }

    /** Reads one mailbox as its storage holds it now; empty when it is no longer there. */
    @FunctionalInterface
    public interface Reader {
        Optional<StoredMailbox> read(String number) throws IOException;
    }

    /**
     * Makes a mailbox in memory what its storage holds now, after another node changed it: created,
     * replaced (settings, PIN, messages) or removed, and the listeners told as for a change made
     * here. The storage is read holding the locks, so a change made here meanwhile is not undone
     * by an older read. Drafts are this node's own and never come from a refresh.
     */
    public void refresh(String number, Reader reader) throws IOException {
        synchronized (directory) {
            Box box = boxes.get(number);
            if (box == null) {
                Optional<StoredMailbox> stored = reader.read(number);
                if (stored.isEmpty()) {
                    return;
                }
                Box fresh = new Box(stored.get());
                boxes.put(number, fresh);
                LOG.info("Mailbox {} created on another node", number);
                synchronized (fresh) {
                    events.changed(fresh);
                }
                return;
            }
            synchronized (box) {
                Optional<StoredMailbox> stored = reader.read(number);
                if (stored.isEmpty()) {
                    box.removed = true;
                    boxes.remove(number, box);
                    LOG.info("Mailbox {} removed on another node", number);
                    events.removed(box.mailbox);
                    return;
                }
                StoredMailbox s = stored.get();
                Map<String, org.callpost.api.store.Message> messages = new HashMap<>();
                s.messages().forEach(m -> messages.put(m.id(), m));
                boolean changed = !s.mailbox().equals(box.mailbox) || !messages.equals(box.messages);
                box.mailbox = s.mailbox();
                box.pin = s.pin();
                box.messages.clear();
                box.messages.putAll(messages);
                if (changed) { // a PIN alone is nothing to tell
                    events.changed(box);
                }
            }
        }
    }

    /** The numbers of the mailboxes in memory. */
    public List<String> numbers() {
        return sortedBoxes().stream().map(b -> b.number).toList();
    }

    public MailboxCounts counts(String number) {
        Box box = box(number);
        synchronized (box) {
            box.check();
            return Quota.counts(box, settings.get());
        }
    }

    public PinRules pinRules() {
        return pins.rules();
    }

    public boolean checkPin(String number, String pin) {
        Box box = box(number);
        PinHash hash;
        synchronized (box) {
            box.check();
            hash = box.pin;
        }
        return Pins.matches(hash, pin); // outside the lock: PBKDF2 is slow on purpose
    }

    public void changePin(String number, String pin) throws IOException {
        Box box = box(number);
        PinHash hash = pins.hash(pin);
        synchronized (box) {
            box.check();
            Mailbox stored = box.mailbox.withPinSet(true);
            storage.save(stored, hash);
            box.pin = hash;
            box.mailbox = stored;
        }
        LOG.info("PIN of mailbox {} changed", number);
    }
}
