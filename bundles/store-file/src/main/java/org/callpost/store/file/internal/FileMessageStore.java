package org.callpost.store.file.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.NoSuchMessageException;
import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.format.EnvelopeFile;
import org.callpost.store.file.internal.format.MailboxFile;
import org.callpost.store.file.internal.format.MailboxFolder;
import org.callpost.store.file.internal.format.StoreFiles;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.MailboxRules;
import org.callpost.store.file.internal.operations.PinHash;
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
 * The embedded message store on the file system. One folder per mailbox, readable by an
 * administrator:
 *
 * <pre>
 * &lt;folder&gt;/201/mailbox.properties      settings; the PIN only as a salted PBKDF2 hash
 * &lt;folder&gt;/201/greetings/personal.wav  busy.wav, name.wav
 * &lt;folder&gt;/201/new/&lt;id&gt;.wav + &lt;id&gt;.properties (the envelope)   also saved/, deleted/
 * &lt;folder&gt;/201/drafts/                 recordings in progress
 * &lt;folder&gt;/removed/201-&lt;time&gt;/        removed mailboxes, kept for the administrator
 * </pre>
 *
 * Every file is written to a temp file, forced to disk and renamed atomically; a message's
 * {@code .wav} and {@code .properties} move one after the other, and start-up reunites a pair a
 * crash split and turns drafts into messages. State lives in this instance: an in-memory index of
 * each mailbox's messages, guarded by the mailbox's monitor ({@link #directory} first when both).
 */
@Component(service = MessageStore.class, configurationPid = "org.callpost.store.file")
@Designate(ocd = FileStoreConfig.class)
public class FileMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileMessageStore.class);

    static final String MAILBOX_FILE = MailboxFolder.MAILBOX_FILE;
    static final String REMOVED = "removed";
    static final String WAV = MailboxFolder.WAV;
    static final String ENVELOPE = MailboxFolder.ENVELOPE;
    static final String GREETING_DRAFT = MailboxFolder.GREETING_DRAFT;
    static final String DEFAULT_FOLDER = "${karaf.data}/callpost/store";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<Message> PLAY_ORDER = Comparator.comparing((Message m) -> !m.urgent())
            .thenComparing(m -> m.envelope().received()).thenComparing(Message::id);

    private final Path root;
    private final String configuredFolder;
    private volatile Settings settings;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Box> boxes = new ConcurrentHashMap<>();
    /** Guards creating and removing mailboxes and the uniqueness of extensions. */
    private final Object directory = new Object();
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events;

    /** One mailbox: its settings, PIN hash and message index; guarded by its own monitor. */
    private static final class Box {
        final String number;
        final Path dir;
        final MailboxFolder files;
        volatile Mailbox mailbox;
        PinHash pin;
        boolean removed;
        final Map<String, Message> messages = new HashMap<>();

        Box(String number, Path dir) {
            this.number = number;
            this.dir = dir;
            this.files = new MailboxFolder(number, dir);
        }

        Path folder(Folder folder) {
            return files.folder(folder);
        }

        Path drafts() {
            return files.drafts();
        }

        Path greetings() {
            return files.greetings();
        }
    }

    @Activate
    public FileMessageStore(FileStoreConfig config, BundleContext context) throws IOException {
        this(folder(config.folder(), System.getProperty("karaf.data"), context), Settings.of(config), config.folder());
    }

    /** A store on {@code root} (created if missing), recovering what a crash left. */
    FileMessageStore(Path root, Settings settings) throws IOException {
        this(root, settings, root.toString());
    }

    private FileMessageStore(Path root, Settings settings, String configuredFolder) throws IOException {
        this.root = root;
        this.settings = settings;
        this.configuredFolder = configuredFolder;
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "callpost-store-events");
            thread.setDaemon(true);
            return thread;
        });
        try {
            load();
        } catch (IOException | RuntimeException e) {
            events.shutdown();
            throw e;
        }
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
        settings = Settings.of(config);
        if (!String.valueOf(config.folder()).equals(configuredFolder)) {
            LOG.warn("The message store folder {} takes effect when the store restarts; still using {}",
                    config.folder(), root);
        }
        LOG.info("Message store settings: minimum message {} ms, {} messages and {} minutes per mailbox, PIN {}..{} digits",
                settings.minimumLength().toMillis(), settings.maxMessages(), settings.maxTotal().toMinutes(),
                settings.pinRules().minLength(), settings.pinRules().maxLength());
    }

    @Deactivate
    void deactivate() {
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(MailboxListener listener) {
        listeners.add(listener);
        post(() -> {
            for (Box box : sortedBoxes()) {
                Mailbox mailbox;
                MailboxCounts counts;
                synchronized (box) {
                    if (box.removed) {
                        continue;
                    }
                    mailbox = box.mailbox;
                    counts = counts(box);
                }
                tell(listener, mailbox, counts);
            }
        });
    }

    public void removeListener(MailboxListener listener) {
        listeners.remove(listener);
    }

    Path root() {
        return root;
    }

    // ---- loading and recovery ----

    private void load() throws IOException {
        Files.createDirectories(root);
        int messages = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!Files.isDirectory(dir) || !DIGITS.matcher(name).matches()) {
                    continue;
                }
                if (!Files.exists(dir.resolve(MAILBOX_FILE))) {
                    LOG.warn("Folder {} has no {}: not a mailbox, left alone", dir, MAILBOX_FILE);
                    continue;
                }
                try {
                    Box box = loadBox(dir);
                    boxes.put(box.number, box);
                    messages += box.messages.size();
                } catch (IOException | RuntimeException e) {
                    LOG.error("Mailbox folder {} cannot be read and is left alone: {}", dir, e.toString());
                }
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
                        box.number, extension, integrationText(box.mailbox), other);
            }
        }
        LOG.info("Message store in {}: {} mailboxes, {} messages", root, boxes.size(), messages);
    }

    private Box loadBox(Path dir) throws IOException {
        String number = dir.getFileName().toString();
        MailboxFile.Contents contents = MailboxFile.read(dir.resolve(MAILBOX_FILE), number);
        Box box = new Box(number, dir);
        box.pin = contents.pin();
        box.mailbox = contents.mailbox();
        box.files.createFolders();
        synchronized (box) {
            recoverFolders(box);
            recoverDrafts(box);
        }
        return box;
    }

    private static String integrationText(Mailbox m) {
        return m.integration().isEmpty() ? "" : " on integration " + m.integration();
    }

    /** Reunites a message's audio and envelope split by a crash during a move, and indexes every message. */
    private void recoverFolders(Box box) throws IOException {
        for (Folder folder : Folder.values()) {
            Path dir = box.folder(folder);
            Set<String> audio = new TreeSet<>();
            Set<String> envelopes = new TreeSet<>();
            listInto(dir, audio, envelopes);
            Set<String> ids = new TreeSet<>(audio);
            ids.addAll(envelopes);
            for (String id : ids) {
                Path wav = dir.resolve(id + WAV);
                Path envelope = dir.resolve(id + ENVELOPE);
                if (!audio.contains(id)) {
                    Path elsewhere = findElsewhere(box, folder, id + WAV);
                    if (elsewhere == null) {
                        LOG.warn("Message {} of mailbox {} has an envelope but no audio: envelope removed", id, box.number);
                        Files.deleteIfExists(envelope);
                        continue;
                    }
                    StoreFiles.moveAtomically(elsewhere, wav);
                }
                if (!envelopes.contains(id)) {
                    Path elsewhere = findElsewhere(box, folder, id + ENVELOPE);
                    if (elsewhere != null) {
                        StoreFiles.moveAtomically(elsewhere, envelope);
                    } else {
                        LOG.warn("Message {} of mailbox {} had no envelope: kept with an unknown caller", id, box.number);
                        EnvelopeFile.write(envelope, id, box.number, EnvelopeFile.unknown(wav), false, null);
                    }
                }
                box.messages.put(id, readMessage(box, folder, id));
            }
            StoreFiles.syncDirectory(dir);
        }
    }

    private static void listInto(Path dir, Set<String> audio, Set<String> envelopes) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(StoreFiles.TEMP)) {
                    Files.deleteIfExists(file); // a write a crash cut short: the old file is intact
                } else if (name.endsWith(WAV)) {
                    audio.add(name.substring(0, name.length() - WAV.length()));
                } else if (name.endsWith(ENVELOPE)) {
                    envelopes.add(name.substring(0, name.length() - ENVELOPE.length()));
                }
            }
        }
    }

    private static Path findElsewhere(Box box, Folder except, String fileName) {
        for (Folder folder : Folder.values()) {
            Path candidate = box.folder(folder).resolve(fileName);
            if (folder != except && Files.exists(candidate)) {
                return candidate;
            }
        }
        Path draft = box.drafts().resolve(fileName);
        return Files.exists(draft) ? draft : null;
    }

    private Message readMessage(Box box, Folder folder, String id) throws IOException {
        Path dir = box.folder(folder);
        Path wav = dir.resolve(id + WAV);
        Path file = dir.resolve(id + ENVELOPE);
        EnvelopeFile.Contents contents = EnvelopeFile.read(file, wav);
        Envelope envelope = contents.envelope();
        boolean heard = contents.heard();
        Duration duration = contents.duration();
        if (duration == null) {
            duration = WavFile.repair(wav); // the envelope came from a draft: measure it once
            EnvelopeFile.write(file, id, box.number, envelope, heard, duration);
        }
        return new Message(id, box.number, folder, envelope, duration, heard, wav);
    }

    /** Turns recordings a crash interrupted into messages, or removes them when too short. */
    private void recoverDrafts(Box box) throws IOException {
        Path drafts = box.drafts();
        Set<String> audio = new TreeSet<>();
        Set<String> envelopes = new TreeSet<>();
        listInto(drafts, audio, envelopes);
        for (String id : audio) {
            if (id.startsWith(GREETING_DRAFT)) {
                Files.deleteIfExists(drafts.resolve(id + WAV));
                LOG.info("Unfinished greeting recording {} of mailbox {} removed; the greeting is unchanged", id, box.number);
            }
        }
        Set<String> ids = new TreeSet<>(envelopes);
        audio.stream().filter(id -> !id.startsWith(GREETING_DRAFT)).forEach(ids::add);
        for (String id : ids) {
            Path wav = drafts.resolve(id + WAV);
            Path file = drafts.resolve(id + ENVELOPE);
            if (!Files.exists(wav)) {
                Files.deleteIfExists(file); // begun, but the recording never started
                continue;
            }
            Envelope envelope;
            if (Files.exists(file)) {
                envelope = EnvelopeFile.read(file, wav).envelope();
            } else {
                envelope = EnvelopeFile.unknown(wav);
                EnvelopeFile.write(file, id, box.number, envelope, false, null);
            }
            CommitResult result = commitDraft(box, id, envelope, false);
            if (result.outcome() == CommitResult.Outcome.SAVED) {
                LOG.info("Recovered message {} in mailbox {}: {} ms recorded before Callpost stopped", id, box.number,
                        result.duration().toMillis());
            } else {
                LOG.info("Removed unfinished recording {} of mailbox {}: {} ms, shorter than the minimum {} ms", id,
                        box.number, result.duration().toMillis(), settings.minimumLength().toMillis());
            }
        }
    }

    private void writeMailbox(Box box, Mailbox mailbox, PinHash pin) throws IOException {
        MailboxFile.write(box.dir.resolve(MAILBOX_FILE), mailbox, pin);
    }

    // ---- mailboxes ----

    private List<Box> sortedBoxes() {
        List<Box> list = new ArrayList<>(boxes.values());
        list.sort(Comparator.comparingInt((Box b) -> b.number.length()).thenComparing(b -> b.number));
        return list;
    }

    private Box box(String number) {
        Box box = number == null ? null : boxes.get(number);
        if (box == null) {
            throw new NoSuchMailboxException(number);
        }
        return box;
    }

    /** Call holding the box's monitor. */
    private static void check(Box box) {
        if (box.removed) {
            throw new NoSuchMailboxException(box.number);
        }
    }

    private static void requireDigits(String what, String value, boolean emptyAllowed) {
        if (value == null || !(emptyAllowed && value.isEmpty() || DIGITS.matcher(value).matches())) {
            throw new IllegalArgumentException(what + " must be digits (up to 32), not '" + value + "'");
        }
    }

    private void validate(Mailbox m) {
        requireDigits("A mailbox number", m.number(), false);
        requireDigits("An extension", m.extension(), true);
        requireDigits("A lamp extension", m.notification().lampExtension(), true);
        if (!m.integration().isEmpty() && !MailboxRules.isIntegrationName(m.integration())) {
            throw new IllegalArgumentException("An integration is named by letters, digits, '.', '_' and '-' "
                    + "(up to 64, as its org.callpost.integration configuration), not '" + m.integration() + "'");
        }
        if (m.name().indexOf('\n') >= 0 || m.name().indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A mailbox name is one line");
        }
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
            boolean overlap = o.integration().isEmpty() || m.integration().isEmpty()
                    || o.integration().equals(m.integration());
            if (!other.number.equals(m.number()) && o.extension().equals(m.extension()) && overlap) {
                throw new IllegalArgumentException("Extension " + m.extension() + integrationText(o)
                        + " already has mailbox " + other.number);
            }
        }
    }

    private void requirePinRules(String pin) {
        PinRules rules = settings.pinRules();
        if (!rules.accepts(pin)) {
            throw new IllegalArgumentException("PIN refused: " + rules.describe());
        }
    }

    @Override
    public List<Mailbox> mailboxes() {
        return sortedBoxes().stream().map(b -> b.mailbox).toList();
    }

    @Override
    public Optional<Mailbox> mailbox(String number) {
        Box box = number == null ? null : boxes.get(number);
        return box == null ? Optional.empty() : Optional.of(box.mailbox);
    }

    @Override
    public Optional<Mailbox> mailboxOfExtension(String integration, String extension) {
        if (extension == null || extension.isEmpty()) {
            return Optional.empty();
        }
        String of = integration == null ? "" : integration;
        List<Mailbox> found = sortedBoxes().stream().map(b -> b.mailbox)
                .filter(m -> m.extension().equals(extension) && m.belongsTo(of)).toList();
        return found.stream().filter(m -> m.integration().equals(of)).findFirst().or(() -> found.stream().findFirst());
    }

    @Override
    public Mailbox createMailbox(Mailbox mailbox, String pin) throws IOException {
        validate(mailbox);
        if (pin != null) {
            requirePinRules(pin);
        }
        PinHash hash = pin == null ? null : PinHash.of(pin, settings.pinIterations(), random);
        synchronized (directory) {
            if (boxes.containsKey(mailbox.number())) {
                throw new IllegalArgumentException("Mailbox " + mailbox.number() + " already exists");
            }
            requireExtensionFree(mailbox);
            Path dir = root.resolve(mailbox.number());
            if (Files.exists(dir.resolve(MAILBOX_FILE))) {
                throw new IOException("Folder " + dir + " holds a mailbox that could not be read at start-up: "
                        + "repair or move it first");
            }
            Files.createDirectories(dir);
            Mailbox stored = mailbox.withPinSet(hash != null);
            MailboxFile.write(dir.resolve(MAILBOX_FILE), stored, hash);
            StoreFiles.syncDirectory(root);
            Box box = loadBox(dir); // a folder left without mailbox.properties keeps its messages
            boxes.put(box.number, box);
            LOG.info("Mailbox {} created{}{}{}", box.number,
                    stored.extension().isEmpty() ? "" : " for extension " + stored.extension(), integrationText(stored),
                    hash == null ? " without a PIN" : "");
            synchronized (box) {
                changed(box);
            }
            return box.mailbox;
        }
    }

    @Override
    public Mailbox updateMailbox(Mailbox mailbox) throws IOException {
        validate(mailbox);
        synchronized (directory) {
            Box box = box(mailbox.number());
            requireExtensionFree(mailbox);
            synchronized (box) {
                check(box);
                Mailbox stored = mailbox.withPinSet(box.pin != null);
                writeMailbox(box, stored, box.pin);
                box.mailbox = stored;
                changed(box);
                return stored;
            }
        }
    }

    @Override
    public void removeMailbox(String number) throws IOException {
        synchronized (directory) {
            Box box = box(number);
            synchronized (box) {
                check(box);
                Path removed = root.resolve(REMOVED);
                Files.createDirectories(removed);
                Path aside = removed.resolve(number + "-" + ID_TIME.format(Instant.now()));
                StoreFiles.moveAtomically(box.dir, aside);
                StoreFiles.syncDirectory(root);
                box.removed = true;
                boxes.remove(number, box);
                Mailbox mailbox = box.mailbox;
                LOG.info("Mailbox {} removed; its greetings and messages are kept in {}", number, aside);
                post(() -> {
                    for (MailboxListener listener : listeners) {
                        try {
                            listener.mailboxRemoved(mailbox);
                        } catch (RuntimeException e) {
                            LOG.warn("Mailbox listener {} failed on mailbox {} removed", listener, number, e);
                        }
                    }
                });
            }
        }
    }

    @Override
    public MailboxCounts counts(String number) {
        Box box = box(number);
        synchronized (box) {
            check(box);
            return counts(box);
        }
    }

    /** Call holding the box's monitor. */
    private MailboxCounts counts(Box box) {
        int unread = 0;
        int fresh = 0;
        int saved = 0;
        int deleted = 0;
        Duration total = Duration.ZERO;
        for (Message m : box.messages.values()) {
            switch (m.folder()) {
                case NEW -> {
                    fresh++;
                    unread += m.heard() ? 0 : 1;
                    total = total.plus(m.duration());
                }
                case SAVED -> {
                    saved++;
                    total = total.plus(m.duration());
                }
                case DELETED -> deleted++;
            }
        }
        Settings s = settings;
        MailboxLimits limits = box.mailbox.limits();
        int maxMessages = limits.maxMessages() > 0 ? limits.maxMessages() : s.maxMessages();
        Duration maxTotal = limits.maxTotalSeconds() > 0 ? Duration.ofSeconds(limits.maxTotalSeconds()) : s.maxTotal();
        return new MailboxCounts(box.number, fresh, unread, saved, deleted, total, maxMessages, maxTotal);
    }

    // ---- events ----

    private void post(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // the store is stopping: listeners learn the state when it starts again
        }
    }

    /** Tells the listeners a mailbox's state; call holding the box's monitor, so events keep their order. */
    private void changed(Box box) {
        if (listeners.isEmpty()) {
            return;
        }
        Mailbox mailbox = box.mailbox;
        MailboxCounts counts = counts(box);
        post(() -> {
            for (MailboxListener listener : listeners) {
                tell(listener, mailbox, counts);
            }
        });
    }

    private static void tell(MailboxListener listener, Mailbox mailbox, MailboxCounts counts) {
        try {
            listener.mailboxChanged(mailbox, counts);
        } catch (RuntimeException e) {
            LOG.warn("Mailbox listener {} failed on mailbox {}", listener, mailbox.number(), e);
        }
    }

    // ---- PIN ----

    @Override
    public PinRules pinRules() {
        return settings.pinRules();
    }

    @Override
    public boolean checkPin(String number, String pin) {
        Box box = box(number);
        PinHash hash;
        synchronized (box) {
            check(box);
            hash = box.pin;
        }
        return hash != null && pin != null && !pin.isEmpty() && hash.matches(pin);
    }

    @Override
    public void changePin(String number, String pin) throws IOException {
        Box box = box(number);
        requirePinRules(pin);
        PinHash hash = PinHash.of(pin, settings.pinIterations(), random);
        synchronized (box) {
            check(box);
            Mailbox stored = box.mailbox.withPinSet(true);
            writeMailbox(box, stored, hash);
            box.pin = hash;
            box.mailbox = stored;
        }
        LOG.info("PIN of mailbox {} changed", number);
    }

    // ---- greetings ----

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        Box box = box(number);
        if (!greeting.recorded()) {
            return Optional.empty();
        }
        Path file = box.files.greeting(greeting);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public GreetingDraft beginGreeting(String number, Greeting greeting) throws IOException {
        if (!greeting.recorded()) {
            throw new IllegalArgumentException("The system greeting is not recorded");
        }
        Box box = box(number);
        synchronized (box) {
            check(box);
        }
        return new FileGreetingDraft(box, greeting, box.files.greetingDraft(greeting, newId()));
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        if (!greeting.recorded()) {
            return;
        }
        Box box = box(number);
        synchronized (box) {
            check(box);
            Files.deleteIfExists(box.files.greeting(greeting));
            StoreFiles.syncDirectory(box.greetings());
            Mailbox mailbox = box.mailbox;
            if (greeting == Greeting.PERSONAL && mailbox.activeGreeting() == Greeting.PERSONAL) {
                Mailbox stored = mailbox.withActiveGreeting(Greeting.SYSTEM);
                writeMailbox(box, stored, box.pin);
                box.mailbox = stored;
                changed(box);
            }
        }
        LOG.info("Greeting {} of mailbox {} deleted", greeting, number);
    }

    private final class FileGreetingDraft implements GreetingDraft {
        private final Box box;
        private final Greeting greeting;
        private final Path file;
        private boolean done;

        FileGreetingDraft(Box box, Greeting greeting, Path file) {
            this.box = box;
            this.greeting = greeting;
            this.file = file;
        }

        @Override
        public String mailbox() {
            return box.number;
        }

        @Override
        public Greeting greeting() {
            return greeting;
        }

        @Override
        public Path recordingFile() {
            return file;
        }

        @Override
        public synchronized boolean commit() throws IOException {
            if (done) {
                throw new IllegalStateException("greeting draft already committed or discarded");
            }
            Duration length = WavFile.repair(file);
            if (length.compareTo(settings.minimumLength()) < 0) {
                Files.deleteIfExists(file);
                done = true;
                LOG.info("Greeting {} of mailbox {} not changed: the recording is {} ms, shorter than the minimum",
                        greeting, box.number, length.toMillis());
                return false;
            }
            synchronized (box) {
                check(box);
                StoreFiles.moveAtomically(file, box.files.greeting(greeting));
                StoreFiles.syncDirectory(box.greetings());
                StoreFiles.syncDirectory(box.drafts());
            }
            done = true;
            LOG.info("Greeting {} of mailbox {} recorded: {} ms", greeting, box.number, length.toMillis());
            return true;
        }

        @Override
        public synchronized void discard() throws IOException {
            if (!done) {
                done = true;
                Files.deleteIfExists(file);
            }
        }
    }

    // ---- messages ----

    @Override
    public Duration minimumMessageLength() {
        return settings.minimumLength();
    }

    /** A new message id: UTC time to the millisecond, so ids sort by when they were begun, and a random tail. */
    private String newId() {
        byte[] tail = new byte[3];
        random.nextBytes(tail);
        return ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(tail);
    }

    /** Checks the limits and returns what is left; call holding the box's monitor. */
    private MailboxCounts requireRoom(Box box) throws MailboxFullException {
        check(box);
        MailboxCounts counts = counts(box);
        if (counts.full()) {
            LOG.info("Mailbox {} is full ({}/{} messages, {}/{} s): the caller is told before recording", box.number,
                    counts.newCount() + counts.savedCount(), counts.maxMessages(), counts.total().toSeconds(),
                    counts.maxTotal().toSeconds());
            throw new MailboxFullException(counts);
        }
        return counts;
    }

    @Override
    public MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, IOException {
        Box box = box(number);
        MailboxCounts counts;
        synchronized (box) {
            counts = requireRoom(box);
        }
        String id = newId();
        FileMessageDraft draft = new FileMessageDraft(box, id, envelope, counts.remaining());
        EnvelopeFile.write(draft.envelopeFile(), id, number, envelope, false, null);
        return draft;
    }

    /**
     * Forces a draft to disk and moves it into the new folder, or removes it when shorter than
     * the minimum (unless {@code anyLength}). The draft's envelope file is rewritten with the duration.
     */
    private CommitResult commitDraft(Box box, String id, Envelope envelope, boolean anyLength) throws IOException {
        Path wav = box.drafts().resolve(id + WAV);
        Path file = box.drafts().resolve(id + ENVELOPE);
        Duration duration = WavFile.repair(wav);
        if (duration.isZero() || !anyLength && duration.compareTo(settings.minimumLength()) < 0) {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(file);
            return new CommitResult(CommitResult.Outcome.TOO_SHORT, Optional.empty(), duration);
        }
        EnvelopeFile.write(file, id, box.number, envelope, false, duration);
        Message message;
        synchronized (box) {
            check(box);
            Path dir = box.folder(Folder.NEW);
            // audio first, envelope last: start-up reunites a pair a crash split between the two
            StoreFiles.moveAtomically(wav, dir.resolve(id + WAV));
            StoreFiles.moveAtomically(file, dir.resolve(id + ENVELOPE));
            StoreFiles.syncDirectory(dir);
            StoreFiles.syncDirectory(box.drafts());
            message = new Message(id, box.number, Folder.NEW, envelope, duration, false, dir.resolve(id + WAV));
            box.messages.put(id, message);
            changed(box);
        }
        return new CommitResult(CommitResult.Outcome.SAVED, Optional.of(message), duration);
    }

    private final class FileMessageDraft implements MessageDraft {
        private final Box box;
        private final String id;
        private final Duration maxDuration;
        private volatile Envelope envelope;
        private boolean done;

        FileMessageDraft(Box box, String id, Envelope envelope, Duration maxDuration) {
            this.box = box;
            this.id = id;
            this.envelope = envelope;
            this.maxDuration = maxDuration;
        }

        Path envelopeFile() {
            return box.drafts().resolve(id + ENVELOPE);
        }

        @Override
        public String mailbox() {
            return box.number;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Envelope envelope() {
            return envelope;
        }

        @Override
        public Path recordingFile() {
            return box.drafts().resolve(id + WAV);
        }

        @Override
        public Duration maxDuration() {
            return maxDuration;
        }

        @Override
        public synchronized void markUrgent(boolean urgent) throws IOException {
            if (done) {
                throw new IllegalStateException("message draft already committed or discarded");
            }
            envelope = envelope.withUrgent(urgent);
            EnvelopeFile.write(envelopeFile(), id, box.number, envelope, false, null);
        }

        @Override
        public synchronized CommitResult commit() throws IOException {
            if (done) {
                throw new IllegalStateException("message draft already committed or discarded");
            }
            CommitResult result = commitDraft(box, id, envelope, false);
            done = true;
            if (result.outcome() == CommitResult.Outcome.TOO_SHORT) {
                LOG.debug("Message {} for mailbox {} discarded: {} ms, shorter than the minimum", id, box.number,
                        result.duration().toMillis());
            }
            return result;
        }

        @Override
        public synchronized void discard() throws IOException {
            if (!done) {
                done = true;
                Files.deleteIfExists(recordingFile());
                Files.deleteIfExists(envelopeFile());
            }
        }
    }

    private Message find(Box box, String id) {
        Message message = id == null ? null : box.messages.get(id);
        if (message == null) {
            throw new NoSuchMessageException(box.number, id);
        }
        return message;
    }

    @Override
    public List<Message> messages(String number, Folder folder) {
        Box box = box(number);
        synchronized (box) {
            check(box);
            return box.messages.values().stream().filter(m -> m.folder() == folder).sorted(PLAY_ORDER).toList();
        }
    }

    @Override
    public Optional<Message> message(String number, String id) {
        Box box = box(number);
        synchronized (box) {
            check(box);
            return Optional.ofNullable(id == null ? null : box.messages.get(id));
        }
    }

    @Override
    public Message move(String number, String id, Folder folder) throws IOException {
        Box box = box(number);
        synchronized (box) {
            check(box);
            Message message = find(box, id);
            if (message.folder() == folder) {
                return message;
            }
            Path from = box.folder(message.folder());
            Path to = box.folder(folder);
            StoreFiles.moveAtomically(from.resolve(id + ENVELOPE), to.resolve(id + ENVELOPE));
            StoreFiles.moveAtomically(from.resolve(id + WAV), to.resolve(id + WAV));
            StoreFiles.syncDirectory(to);
            StoreFiles.syncDirectory(from);
            Message moved = new Message(id, number, folder, message.envelope(), message.duration(), message.heard(),
                    to.resolve(id + WAV));
            box.messages.put(id, moved);
            changed(box);
            return moved;
        }
    }

    @Override
    public Message markHeard(String number, String id) throws IOException {
        Box box = box(number);
        synchronized (box) {
            check(box);
            Message message = find(box, id);
            if (message.heard()) {
                return message;
            }
            EnvelopeFile.write(box.folder(message.folder()).resolve(id + ENVELOPE), id, number, message.envelope(), true,
                    message.duration());
            Message heard = new Message(id, number, message.folder(), message.envelope(), message.duration(), true,
                    message.audio());
            box.messages.put(id, heard);
            changed(box);
            return heard;
        }
    }

    @Override
    public int purgeDeleted(String number) throws IOException {
        Box box = box(number);
        synchronized (box) {
            check(box);
            Path dir = box.folder(Folder.DELETED);
            int removed = 0;
            for (Message message : new ArrayList<>(box.messages.values())) {
                if (message.folder() == Folder.DELETED) {
                    // audio first: an envelope left alone is removed at start-up, audio alone would come back
                    Files.deleteIfExists(dir.resolve(message.id() + WAV));
                    Files.deleteIfExists(dir.resolve(message.id() + ENVELOPE));
                    box.messages.remove(message.id());
                    removed++;
                }
            }
            if (removed > 0) {
                StoreFiles.syncDirectory(dir);
                changed(box);
            }
            return removed;
        }
    }

    @Override
    public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
            throws MailboxFullException, IOException {
        Box source = box(fromNumber);
        Box target = box(toNumber);
        synchronized (source) {
            check(source);
            find(source, id);
        }
        synchronized (target) {
            requireRoom(target);
        }
        String newId = newId();
        Path wav = target.drafts().resolve(newId + WAV);
        EnvelopeFile.write(target.drafts().resolve(newId + ENVELOPE), newId, toNumber, envelope, false, null);
        try (FileChannel out = FileChannel.open(wav, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(WavFile.HEADER_BYTES);
            WavFile.writeHeader(header, 0);
            header.flip();
            while (header.hasRemaining()) {
                out.write(header);
            }
            if (introduction != null) {
                append(introduction, out);
            }
            synchronized (source) { // the message cannot be moved or purged while it is copied
                check(source);
                append(find(source, id).audio(), out);
            }
        }
        return commitDraft(target, newId, envelope, true).message().orElseThrow();
    }

    private static void append(Path wav, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ)) {
            WavFile.Layout layout = WavFile.layout(in);
            long position = layout.dataOffset();
            long end = in.size();
            while (position < end) {
                position += in.transferTo(position, end - position, out);
            }
        }
    }
}
