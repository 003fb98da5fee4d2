package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.sql.DataSource;

import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Message;
import org.callpost.api.store.Notification;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.MailboxStorage;
import org.callpost.store.file.internal.operations.PinHash;
import org.callpost.store.file.internal.operations.StoredMailbox;
import org.callpost.store.file.internal.operations.UnfinishedDraft;
import org.callpost.store.file.internal.storage.WavRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailboxes in PostgreSQL: the database holds everything kept (schema in {@code db/}); this node's
 * spool folder holds what is being recorded ({@link Spool#drafts}) and local copies of the audio
 * ({@link Spool#audio}), because the media engine records into and plays from files. A recording
 * is committed with its envelope in one transaction when it ends. The operations call every change
 * of a mailbox holding that mailbox's monitor, so no locking here; {@link #ids} is concurrent
 * because lookups are not locked.
 */
public final class PostgresMailboxStorage implements MailboxStorage {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMailboxStorage.class);

    private final DataSource db;
    private final Spool spool;
    /** Each live mailbox's row id, by number. */
    private final ConcurrentMap<String, Long> ids = new ConcurrentHashMap<>();
    /** The local copy of each recorded greeting, by number and greeting. */
    private final ConcurrentMap<String, Path> greetings = new ConcurrentHashMap<>();

    public PostgresMailboxStorage(DataSource db, Path spoolFolder) {
        this.db = db;
        this.spool = new Spool(spoolFolder);
    }

    private long id(String number) throws IOException {
        Long id = ids.get(number);
        if (id == null) {
            throw new IOException("Mailbox " + number + " is not in the database");
        }
        return id;
    }

    private static String greetingKey(String number, Greeting greeting) {
        return number + "/" + greeting.name();
    }

    // ---- mailboxes ----

    @Override
    public List<StoredMailbox> load() throws IOException {
        Map<Long, Mailbox> mailboxes = new HashMap<>();
        Map<Long, PinHash> pins = new HashMap<>();
        Map<Long, List<Message>> messages = new HashMap<>();
        try (Connection c = db.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // one snapshot of everything
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM mailbox WHERE removed IS NULL");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String number = r.getString("number");
                    try {
                        mailboxes.put(r.getLong("id"), mailbox(r));
                    } catch (RuntimeException e) {
                        LOG.error("Mailbox {} cannot be read from the database and is left alone: {}", number, e.toString());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM mailbox_pin"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pins.put(r.getLong("mailbox"), new PinHash(r.getString("algorithm"), r.getInt("iterations"),
                            r.getBytes("salt"), r.getBytes("hash")));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT m.*, octet_length(a.audio) AS audio_bytes "
                    + "FROM message m JOIN message_audio a USING (mailbox, id)"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long box = r.getLong("mailbox");
                    Mailbox mailbox = mailboxes.get(box);
                    if (mailbox == null) {
                        continue;
                    }
                    try {
                        String id = r.getString("id");
                        Path audio = spool.audio(mailbox.number(), id);
                        if (!copyIsWhole(audio, r.getLong("audio_bytes"))) {
                            copyMessageAudio(c, box, id, audio);
                        }
                        messages.computeIfAbsent(box, b -> new ArrayList<>()).add(message(r, mailbox.number(), audio));
                    } catch (RuntimeException | IOException e) {
                        LOG.error("Message {} of mailbox {} cannot be read from the database and is left out: {}",
                                r.getString("id"), mailbox.number(), e.toString());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT mailbox, kind, recording, octet_length(audio) AS bytes "
                    + "FROM greeting"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Mailbox mailbox = mailboxes.get(r.getLong("mailbox"));
                    if (mailbox == null) {
                        continue;
                    }
                    Greeting kind = Greeting.valueOf(r.getString("kind"));
                    Path audio = spool.greeting(mailbox.number(), kind, r.getString("recording"));
                    if (!copyIsWhole(audio, r.getLong("bytes"))) {
                        copyGreetingAudio(c, r.getLong("mailbox"), kind, audio);
                    }
                    greetings.put(greetingKey(mailbox.number(), kind), audio);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw StoreDatabase.failure("The mailboxes could not be read from the database", e);
        }
        List<StoredMailbox> found = new ArrayList<>();
        for (Map.Entry<Long, Mailbox> e : mailboxes.entrySet()) {
            Mailbox m = e.getValue();
            PinHash pin = pins.get(e.getKey());
            ids.put(m.number(), e.getKey());
            List<Message> kept = messages.getOrDefault(e.getKey(), List.of());
            found.add(new StoredMailbox(m.withPinSet(pin != null), pin, kept, drafts(m.number(), kept)));
        }
        return found;
    }

    /**
     * One mailbox as the database holds it now, for a change another node made ({@code
     * Mailboxes.refresh}): settings, PIN hash, messages and greetings, the audio this node has no
     * copy of yet fetched into the spool first, so whatever lists a message can play it. Empty when
     * the mailbox is no longer there (removed on another node); its local copies are dropped then.
     * Never drafts: those are this node's recordings in progress.
     */
    public Optional<StoredMailbox> read(String number) throws IOException {
        try (Connection c = db.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // one snapshot of the mailbox
            try {
                Optional<StoredMailbox> read = read(c, number);
                c.commit();
                return read;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("Mailbox " + number + " could not be read from the database", e);
        }
    }

    private Optional<StoredMailbox> read(Connection c, String number) throws SQLException, IOException {
        long box;
        Mailbox mailbox;
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM mailbox WHERE number = ? AND removed IS NULL")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    Long gone = ids.remove(number);
                    greetings.keySet().removeIf(k -> k.startsWith(number + "/"));
                    if (gone != null) {
                        spool.deleteCopies(number);
                    }
                    return Optional.empty();
                }
                box = r.getLong("id");
                mailbox = mailbox(r);
            }
        }
        PinHash pin = null;
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM mailbox_pin WHERE mailbox = ?")) {
            s.setLong(1, box);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    pin = new PinHash(r.getString("algorithm"), r.getInt("iterations"), r.getBytes("salt"),
                            r.getBytes("hash"));
                }
            }
        }
        List<Message> messages = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT m.*, octet_length(a.audio) AS audio_bytes "
                + "FROM message m JOIN message_audio a USING (mailbox, id) WHERE m.mailbox = ?")) {
            s.setLong(1, box);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString("id");
                    Path audio = spool.audio(number, id);
                    if (!copyIsWhole(audio, r.getLong("audio_bytes"))) {
                        copyMessageAudio(c, box, id, audio);
                    }
                    messages.add(message(r, number, audio));
                }
            }
        }
        java.util.Set<String> kinds = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT kind, recording, octet_length(audio) AS bytes "
                + "FROM greeting WHERE mailbox = ?")) {
            s.setLong(1, box);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Greeting kind = Greeting.valueOf(r.getString("kind"));
                    Path audio = spool.greeting(number, kind, r.getString("recording"));
                    if (!copyIsWhole(audio, r.getLong("bytes"))) {
                        copyGreetingAudio(c, box, kind, audio);
                    }
                    kinds.add(kind.name());
                    Path old = greetings.put(greetingKey(number, kind), audio);
                    if (old != null && !old.equals(audio)) {
                        Files.deleteIfExists(old); // replaced on another node; a caller playing it keeps the open file
                    }
                }
            }
        }
        greetings.keySet().removeIf(k -> k.startsWith(number + "/") && !kinds.contains(k.substring(number.length() + 1)));
        ids.put(number, box);
        return Optional.of(new StoredMailbox(mailbox.withPinSet(pin != null), pin, messages, List.of()));
    }

    /** The numbers of the live mailboxes in the database. */
    public List<String> numbers() throws IOException {
        List<String> numbers = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT number FROM mailbox WHERE removed IS NULL");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                numbers.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("The mailboxes could not be listed", e);
        }
        return numbers;
    }

    /** What a recording on this node left when Callpost stopped: drafts to finish, copies to drop. */
    private List<UnfinishedDraft> drafts(String number, List<Message> kept) throws IOException {
        List<UnfinishedDraft> unfinished = new ArrayList<>();
        for (Spool.Draft draft : spool.drafts(number)) {
            if (draft.greeting() || kept.stream().anyMatch(m -> m.id().equals(draft.id()))) {
                // a greeting being recorded is dropped (the old one stays); a message committed
                // just before the stop only left its spool files behind
                spool.deleteDraft(number, draft.id());
            } else if (!Files.exists(draft.audio())) {
                spool.deleteDraft(number, draft.id()); // begun, but the recording never started
            } else {
                unfinished.add(new UnfinishedDraft(draft.id(), draft.envelope(), draft.audio()));
            }
        }
        return unfinished;
    }

    private static boolean copyIsWhole(Path copy, long bytes) throws IOException {
        return Files.isRegularFile(copy) && Files.size(copy) == bytes;
    }

    private void copyMessageAudio(Connection c, long box, String id, Path to) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("SELECT audio FROM message_audio WHERE mailbox = ? AND id = ?")) {
            s.setLong(1, box);
            s.setString(2, id);
            copy(s, to);
        }
    }

    private void copyGreetingAudio(Connection c, long box, Greeting kind, Path to) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("SELECT audio FROM greeting WHERE mailbox = ? AND kind = ?")) {
            s.setLong(1, box);
            s.setString(2, kind.name());
            copy(s, to);
        }
    }

    /** The one bytea the query returns, written to a temp file and moved into place. */
    private static void copy(PreparedStatement s, Path to) throws SQLException, IOException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IOException("its audio is not in the database");
            }
            Files.createDirectories(to.getParent());
            Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
            try (InputStream in = r.getBinaryStream(1)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A mailbox row; whether it has a PIN is set once the PINs are read. */
    private static Mailbox mailbox(ResultSet r) throws SQLException {
        return new Mailbox(r.getString("number"), r.getString("extension"), r.getString("integration"),
                r.getString("name"), new Notification(r.getBoolean("message_waiting"), r.getString("lamp_extension"),
                        r.getString("callout_number")),
                r.getBoolean("trust_extension"), Greeting.valueOf(r.getString("active_greeting")),
                new MailboxLimits(r.getInt("max_messages"), r.getInt("max_total_seconds")), false, r.getString("language"));
    }

    private static Message message(ResultSet r, String number, Path audio) throws SQLException {
        Envelope envelope = new Envelope(r.getString("calling_number"), r.getString("calling_name"),
                r.getString("called_number"), ForwardReason.valueOf(r.getString("reason")), r.getString("dnis"),
                r.getTimestamp("received").toInstant(), r.getBoolean("urgent"));
        return new Message(r.getString("id"), number, Folder.valueOf(r.getString("folder")), envelope,
                Duration.ofMillis(r.getLong("duration_millis")), r.getBoolean("heard"), audio);
    }

    @Override
    public StoredMailbox create(Mailbox mailbox, PinHash pin) throws IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO mailbox (number) VALUES (?) RETURNING id")) {
                    s.setString(1, mailbox.number());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        id = r.getLong(1);
                    }
                }
                save(c, id, mailbox, pin);
                c.commit();
                ids.put(mailbox.number(), id);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if ("23505".equals(e instanceof SQLException q ? q.getSQLState() : null)) {
                    throw new IOException("The database holds a mailbox " + mailbox.number()
                            + " that could not be read at start-up: repair or remove its row first");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("Mailbox " + mailbox.number() + " could not be created", e);
        }
        return new StoredMailbox(mailbox, pin, List.of(), drafts(mailbox.number(), List.of()));
    }

    @Override
    public void save(Mailbox mailbox, PinHash pin) throws IOException {
        long id = id(mailbox.number());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                save(c, id, mailbox, pin);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("Mailbox " + mailbox.number() + " could not be saved", e);
        }
    }

    /** A mailbox's settings and PIN hash, in the caller's transaction. */
    static void save(Connection c, long id, Mailbox m, PinHash pin) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE mailbox SET extension = ?, integration = ?, name = ?, "
                + "message_waiting = ?, lamp_extension = ?, callout_number = ?, trust_extension = ?, active_greeting = ?, "
                + "max_messages = ?, max_total_seconds = ?, language = ? WHERE id = ?")) {
            s.setString(1, m.extension());
            s.setString(2, m.integration());
            s.setString(3, m.name());
            s.setBoolean(4, m.notification().messageWaiting());
            s.setString(5, m.notification().lampExtension());
            s.setString(6, m.notification().calloutNumber());
            s.setBoolean(7, m.trustExtension());
            s.setString(8, m.activeGreeting().name());
            s.setInt(9, m.limits().maxMessages());
            s.setInt(10, m.limits().maxTotalSeconds());
            // "" (the system's rule) is kept as NULL, as rows from before the column are
            s.setString(11, m.language().isEmpty() ? null : m.language());
            s.setLong(12, id);
            s.executeUpdate();
        }
        if (pin == null) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM mailbox_pin WHERE mailbox = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mailbox_pin (mailbox, algorithm, iterations, salt, hash) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (mailbox) DO UPDATE SET algorithm = excluded.algorithm, "
                + "iterations = excluded.iterations, salt = excluded.salt, hash = excluded.hash")) {
            s.setLong(1, id);
            s.setString(2, pin.algorithm());
            s.setInt(3, pin.iterations());
            s.setBytes(4, pin.salt());
            s.setBytes(5, pin.hash());
            s.executeUpdate();
        }
    }

    @Override
    public String remove(String number) throws IOException {
        long id = id(number);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE mailbox SET removed = now() WHERE id = ? AND removed IS NULL")) {
            s.setLong(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw StoreDatabase.failure("Mailbox " + number + " could not be removed", e);
        }
        ids.remove(number, id);
        greetings.keySet().removeIf(k -> k.startsWith(number + "/"));
        spool.deleteCopies(number); // only copies: the database keeps the audio
        return "the database, table mailbox, row id " + id;
    }

    // ---- greetings ----

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        return Optional.ofNullable(greetings.get(greetingKey(number, greeting))).filter(Files::exists);
    }

    @Override
    public Path greetingRecording(String number, Greeting greeting, String id) {
        return spool.greetingDraft(number, greeting, id);
    }

    @Override
    public void installGreeting(String number, Greeting greeting, Path recording) throws IOException {
        long box = id(number);
        String recordingName = Spool.recordingName(recording);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO greeting (mailbox, kind, recording, audio) VALUES (?, ?, ?, ?) ON CONFLICT (mailbox, kind) "
                        + "DO UPDATE SET recording = excluded.recording, audio = excluded.audio, recorded = now()");
                InputStream audio = Files.newInputStream(recording)) {
            s.setLong(1, box);
            s.setString(2, greeting.name());
            s.setString(3, recordingName);
            s.setBinaryStream(4, audio, Files.size(recording));
            s.executeUpdate();
        } catch (SQLException e) {
            throw StoreDatabase.failure("The " + greeting + " greeting of mailbox " + number + " could not be kept", e);
        }
        Path copy = spool.greeting(number, greeting, recordingName);
        spool.moveInto(recording, copy);
        Path old = greetings.put(greetingKey(number, greeting), copy);
        if (old != null && !old.equals(copy)) {
            Files.deleteIfExists(old); // a caller still playing it keeps reading the open file
        }
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        long box = id(number);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM greeting WHERE mailbox = ? AND kind = ?")) {
            s.setLong(1, box);
            s.setString(2, greeting.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw StoreDatabase.failure("The " + greeting + " greeting of mailbox " + number + " could not be deleted", e);
        }
        Path old = greetings.remove(greetingKey(number, greeting));
        if (old != null) {
            Files.deleteIfExists(old);
        }
    }

    // ---- recordings ----

    @Override
    public Path beginDraft(String number, String id, Envelope envelope) throws IOException {
        spool.writeEnvelope(number, id, envelope);
        return spool.draftAudio(number, id);
    }

    @Override
    public void updateDraft(String number, String id, Envelope envelope) throws IOException {
        spool.writeEnvelope(number, id, envelope);
    }

    @Override
    public Duration finish(Path recording) throws IOException {
        return WavFile.repair(recording);
    }

    @Override
    public void discard(Path recording) throws IOException {
        Files.deleteIfExists(recording);
    }

    @Override
    public void discardDraft(String number, String id) throws IOException {
        spool.deleteDraft(number, id);
    }

    /**
     * Commits a finished recording: envelope, length and audio in one transaction. Here, not in
     * {@link #fileDraft}, because the operations call this outside the mailbox's lock, and the
     * audio's upload is the slow part. A stop after this commit leaves only spool files, which the
     * next start removes ({@link #drafts}). Idempotent: a delivery tried again after an unknown
     * outcome (the database stopped before it answered) finds the rows there and adds nothing.
     */
    @Override
    public void sealDraft(String number, String id, Envelope envelope, Duration duration) throws IOException {
        long box = id(number);
        Path recording = spool.draftAudio(number, id);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO message (mailbox, id, folder, heard, "
                        + "calling_number, calling_name, called_number, reason, dnis, received, urgent, duration_millis) "
                        + "VALUES (?, ?, 'NEW', false, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mailbox, id) DO NOTHING")) {
                    s.setLong(1, box);
                    s.setString(2, id);
                    setEnvelope(s, 3, envelope);
                    s.setLong(10, duration.toMillis());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO message_audio (mailbox, id, audio) "
                        + "VALUES (?, ?, ?) ON CONFLICT (mailbox, id) DO NOTHING");
                        InputStream audio = Files.newInputStream(recording)) {
                    s.setLong(1, box);
                    s.setString(2, id);
                    s.setBinaryStream(3, audio, Files.size(recording));
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("Message " + id + " of mailbox " + number + " could not be kept", e);
        }
    }

    /** Files a committed draft ({@link #sealDraft}): its spooled recording becomes the local copy. */
    @Override
    public Message fileDraft(String number, String id, Envelope envelope, Duration duration) throws IOException {
        Path copy = spool.audio(number, id);
        spool.moveInto(spool.draftAudio(number, id), copy);
        spool.deleteDraft(number, id);
        return new Message(id, number, Folder.NEW, envelope, duration, false, copy);
    }

    /** The envelope's seven columns from {@code first} on, in the order the statements name them. */
    static void setEnvelope(PreparedStatement s, int first, Envelope e) throws SQLException {
        s.setString(first, e.callingNumber());
        s.setString(first + 1, e.callingName());
        s.setString(first + 2, e.calledNumber());
        s.setString(first + 3, e.reason().name());
        s.setString(first + 4, e.dnis());
        s.setTimestamp(first + 5, Timestamp.from(e.received()));
        s.setBoolean(first + 6, e.urgent());
    }

    // ---- messages ----

    @Override
    public Message move(Message message, Folder folder) throws IOException {
        update(message, "UPDATE message SET folder = ? WHERE mailbox = ? AND id = ?", folder.name(), "moved");
        return new Message(message.id(), message.mailbox(), folder, message.envelope(), message.duration(),
                message.heard(), message.audio());
    }

    @Override
    public void rewrite(Message m) throws IOException {
        long box = id(m.mailbox());
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE message SET heard = ?, "
                + "calling_number = ?, calling_name = ?, called_number = ?, reason = ?, dnis = ?, received = ?, urgent = ?, "
                + "duration_millis = ? WHERE mailbox = ? AND id = ?")) {
            s.setBoolean(1, m.heard());
            setEnvelope(s, 2, m.envelope());
            s.setLong(9, m.duration().toMillis());
            s.setLong(10, box);
            s.setString(11, m.id());
            requireOne(s.executeUpdate(), m);
        } catch (SQLException e) {
            throw StoreDatabase.failure("Message " + m.id() + " of mailbox " + m.mailbox() + " could not be saved", e);
        }
    }

    private void update(Message m, String sql, String value, String what) throws IOException {
        long box = id(m.mailbox());
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setLong(2, box);
            s.setString(3, m.id());
            requireOne(s.executeUpdate(), m);
        } catch (SQLException e) {
            throw StoreDatabase.failure("Message " + m.id() + " of mailbox " + m.mailbox() + " could not be " + what, e);
        }
    }

    private static void requireOne(int rows, Message m) throws IOException {
        if (rows != 1) {
            throw new IOException("Message " + m.id() + " of mailbox " + m.mailbox() + " is no longer in the database");
        }
    }

    @Override
    public void purge(Message message) throws IOException {
        long box = id(message.mailbox());
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM message WHERE mailbox = ? AND id = ?")) {
            s.setLong(1, box);
            s.setString(2, message.id());
            s.executeUpdate(); // its audio goes with it (ON DELETE CASCADE)
        } catch (SQLException e) {
            throw StoreDatabase.failure("Message " + message.id() + " of mailbox " + message.mailbox()
                    + " could not be removed", e);
        }
        Files.deleteIfExists(message.audio());
    }

    @Override
    public void purged(String number) {
        // each purge was committed on its own
    }

    @Override
    public Recording record(Path recording) throws IOException {
        return WavRecording.create(recording);
    }
}
