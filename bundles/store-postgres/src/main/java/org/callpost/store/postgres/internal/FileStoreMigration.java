package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.callpost.api.store.Greeting;
import org.callpost.api.store.Message;
import org.callpost.api.store.StoreMigration;
import org.callpost.store.file.internal.operations.StoredMailbox;
import org.callpost.store.file.internal.storage.FileMailboxStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a file store's folder into the database ({@link StoreMigration}): read with the file
 * store's own storage classes (copied into this bundle at build time), so it is read as the file
 * store reads it at start, its crash recovery included. One transaction per mailbox; what is there
 * already (a live mailbox of that number, a greeting of that kind, a message of that id) is kept as
 * it is, so a second run adds nothing. PIN hashes are copied as they are. The running store reads
 * what was copied when it restarts. Stateless.
 */
final class FileStoreMigration implements StoreMigration {
    private static final Logger LOG = LoggerFactory.getLogger(FileStoreMigration.class);

    private final DataSource db;
    private final Path fileStoreFolder;

    FileStoreMigration(DataSource db, Path fileStoreFolder) {
        this.db = db;
        this.fileStoreFolder = fileStoreFolder;
    }

    @Override
    public Path fileStoreFolder() {
        return fileStoreFolder;
    }

    @Override
    public Copied copyFileStore(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("There is no file store in " + folder + ": name the file store's folder, e.g. "
                    + "callpost:store-migrate " + fileStoreFolder);
        }
        FileMailboxStorage files = new FileMailboxStorage(folder);
        List<StoredMailbox> boxes = new ArrayList<>(files.load());
        boxes.sort(Comparator.comparingInt((StoredMailbox b) -> b.mailbox().number().length())
                .thenComparing(b -> b.mailbox().number()));
        int[] n = new int[6];
        for (StoredMailbox box : boxes) {
            copy(files, box, n);
            if (!box.drafts().isEmpty()) {
                LOG.warn("Mailbox {}: {} unfinished recordings in {} are not copied (the file store files them when it "
                        + "starts)", box.mailbox().number(), box.drafts().size(), folder);
            }
        }
        Copied copied = new Copied(n[0], n[1], n[2], n[3], n[4], n[5]);
        LOG.info("File store {} copied into PostgreSQL: {}", folder, copied);
        return copied;
    }

    /** One mailbox, its greetings and messages, in one transaction. */
    private void copy(FileMailboxStorage files, StoredMailbox box, int[] n) throws IOException {
        String number = box.mailbox().number();
        int[] counted = new int[6];
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long id = liveMailbox(c, number);
                if (id == null) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO mailbox (number) VALUES (?) RETURNING id")) {
                        s.setString(1, number);
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            id = r.getLong(1);
                        }
                    }
                    PostgresMailboxStorage.save(c, id, box.mailbox(), box.pin()); // the PIN hash as it is
                    counted[0]++;
                } else {
                    counted[3]++; // its settings and PIN are left as the database has them
                }
                for (Greeting kind : List.of(Greeting.PERSONAL, Greeting.BUSY, Greeting.NAME)) {
                    Optional<Path> audio = files.greeting(number, kind);
                    if (audio.isPresent()) {
                        counted[copyGreeting(c, id, kind, audio.get()) ? 1 : 4]++;
                    }
                }
                for (Message m : box.messages()) {
                    counted[copyMessage(c, id, m) ? 2 : 5]++;
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreDatabase.failure("Mailbox " + number + " could not be copied", e);
        }
        for (int i = 0; i < n.length; i++) {
            n[i] += counted[i];
        }
    }

    private static Long liveMailbox(Connection c, String number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM mailbox WHERE number = ? AND removed IS NULL")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private static boolean copyGreeting(Connection c, long box, Greeting kind, Path audio) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO greeting (mailbox, kind, recording, audio) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (mailbox, kind) DO NOTHING"); InputStream in = Files.newInputStream(audio)) {
            s.setLong(1, box);
            s.setString(2, kind.name());
            // names the greeting's local copy on each node, as a recording's id does
            s.setString(3, "file" + Files.getLastModifiedTime(audio).toMillis());
            s.setBinaryStream(4, in, Files.size(audio));
            return s.executeUpdate() == 1;
        }
    }

    private static boolean copyMessage(Connection c, long box, Message m) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO message (mailbox, id, folder, heard, calling_number, "
                + "calling_name, called_number, reason, dnis, received, urgent, duration_millis) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mailbox, id) DO NOTHING")) {
            s.setLong(1, box);
            s.setString(2, m.id());
            s.setString(3, m.folder().name());
            s.setBoolean(4, m.heard());
            PostgresMailboxStorage.setEnvelope(s, 5, m.envelope());
            s.setLong(12, m.duration().toMillis());
            if (s.executeUpdate() == 0) {
                return false; // copied before
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO message_audio (mailbox, id, audio) VALUES (?, ?, ?)");
                InputStream in = Files.newInputStream(m.audio())) {
            s.setLong(1, box);
            s.setString(2, m.id());
            s.setBinaryStream(3, in, Files.size(m.audio()));
            s.executeUpdate();
        }
        return true;
    }
}
