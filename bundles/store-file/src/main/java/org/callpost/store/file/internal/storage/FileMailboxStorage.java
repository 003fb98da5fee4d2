package org.callpost.store.file.internal.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.store.file.internal.format.EnvelopeFile;
import org.callpost.store.file.internal.format.MailboxFile;
import org.callpost.store.file.internal.format.MailboxFolder;
import org.callpost.store.file.internal.format.StoreFiles;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.MailboxRules;
import org.callpost.store.file.internal.operations.MailboxStorage;
import org.callpost.store.file.internal.operations.PinHash;
import org.callpost.store.file.internal.operations.StoredMailbox;
import org.callpost.store.file.internal.operations.UnfinishedDraft;
import org.callpost.store.file.internal.recovery.DraftRecovery;
import org.callpost.store.file.internal.recovery.FolderRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailboxes on the file system: one {@link MailboxFolder} per mailbox under the store's folder,
 * and {@code removed/<number>-<time>/} for removed ones, kept for the administrator. Every file is
 * written to a temp file, forced to disk and renamed atomically. Holds only the root: the
 * operations call it holding the mailbox's monitor, which is what orders writes to one mailbox.
 */
public final class FileMailboxStorage implements MailboxStorage {
    private static final Logger LOG = LoggerFactory.getLogger(FileMailboxStorage.class);
    static final String REMOVED = "removed";
    private static final DateTimeFormatter REMOVED_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;

    public FileMailboxStorage(Path root) {
        this.root = root;
    }

    private MailboxFolder folder(String number) {
        return new MailboxFolder(number, root.resolve(number));
    }

    @Override
    public List<StoredMailbox> load() throws IOException {
        Files.createDirectories(root);
        List<StoredMailbox> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!Files.isDirectory(dir) || !MailboxRules.isNumber(name)) {
                    continue;
                }
                if (!Files.exists(dir.resolve(MailboxFolder.MAILBOX_FILE))) {
                    LOG.warn("Folder {} has no {}: not a mailbox, left alone", dir, MailboxFolder.MAILBOX_FILE);
                    continue;
                }
                try {
                    found.add(read(new MailboxFolder(name, dir)));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Mailbox folder {} cannot be read and is left alone: {}", dir, e.toString());
                }
            }
        }
        return found;
    }

    /** A mailbox's folder as a crash left it: settings read, folders made, messages reunited, drafts listed. */
    private static StoredMailbox read(MailboxFolder box) throws IOException {
        MailboxFile.Contents contents = MailboxFile.read(box.mailboxFile(), box.number());
        box.createFolders();
        List<Message> messages = FolderRecovery.recover(box);
        List<UnfinishedDraft> drafts = DraftRecovery.recover(box);
        return new StoredMailbox(contents.mailbox(), contents.pin(), messages, drafts);
    }

    @Override
    public StoredMailbox create(Mailbox mailbox, PinHash pin) throws IOException {
        MailboxFolder box = folder(mailbox.number());
        if (Files.exists(box.mailboxFile())) {
            throw new IOException("Folder " + box.dir() + " holds a mailbox that could not be read at start-up: "
                    + "repair or move it first");
        }
        Files.createDirectories(box.dir());
        MailboxFile.write(box.mailboxFile(), mailbox, pin);
        StoreFiles.syncDirectory(root);
        return read(box); // a folder left without mailbox.properties keeps its messages
    }

    @Override
    public void save(Mailbox mailbox, PinHash pin) throws IOException {
        MailboxFile.write(folder(mailbox.number()).mailboxFile(), mailbox, pin);
    }

    @Override
    public String remove(String number) throws IOException {
        Path removed = root.resolve(REMOVED);
        Files.createDirectories(removed);
        Path aside = removed.resolve(number + "-" + REMOVED_TIME.format(Instant.now()));
        StoreFiles.moveAtomically(folder(number).dir(), aside);
        StoreFiles.syncDirectory(root);
        return aside.toString();
    }

    @Override
    public Optional<Path> greeting(String number, Greeting greeting) {
        Path file = folder(number).greeting(greeting);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public Path greetingRecording(String number, Greeting greeting, String id) {
        return folder(number).greetingDraft(greeting, id);
    }

    @Override
    public void installGreeting(String number, Greeting greeting, Path recording) throws IOException {
        MailboxFolder box = folder(number);
        StoreFiles.moveAtomically(recording, box.greeting(greeting));
        StoreFiles.syncDirectory(box.greetings());
        StoreFiles.syncDirectory(box.drafts());
    }

    @Override
    public void deleteGreeting(String number, Greeting greeting) throws IOException {
        MailboxFolder box = folder(number);
        Files.deleteIfExists(box.greeting(greeting));
        StoreFiles.syncDirectory(box.greetings());
    }

    @Override
    public Path beginDraft(String number, String id, Envelope envelope) throws IOException {
        MailboxFolder box = folder(number);
        EnvelopeFile.write(box.draftEnvelope(id), id, number, envelope, false, null);
        return box.draftAudio(id);
    }

    @Override
    public void updateDraft(String number, String id, Envelope envelope) throws IOException {
        EnvelopeFile.write(folder(number).draftEnvelope(id), id, number, envelope, false, null);
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
        MailboxFolder box = folder(number);
        Files.deleteIfExists(box.draftAudio(id));
        Files.deleteIfExists(box.draftEnvelope(id));
    }

    @Override
    public void sealDraft(String number, String id, Envelope envelope, Duration duration) throws IOException {
        EnvelopeFile.write(folder(number).draftEnvelope(id), id, number, envelope, false, duration);
    }

    @Override
    public Message fileDraft(String number, String id, Envelope envelope, Duration duration) throws IOException {
        MailboxFolder box = folder(number);
        // audio first, envelope last: start-up reunites a pair a crash split between the two
        StoreFiles.moveAtomically(box.draftAudio(id), box.audio(Folder.NEW, id));
        StoreFiles.moveAtomically(box.draftEnvelope(id), box.envelope(Folder.NEW, id));
        StoreFiles.syncDirectory(box.folder(Folder.NEW));
        StoreFiles.syncDirectory(box.drafts());
        return new Message(id, number, Folder.NEW, envelope, duration, false, box.audio(Folder.NEW, id));
    }

    @Override
    public Message move(Message message, Folder folder) throws IOException {
        MailboxFolder box = folder(message.mailbox());
        String id = message.id();
        StoreFiles.moveAtomically(box.envelope(message.folder(), id), box.envelope(folder, id));
        StoreFiles.moveAtomically(box.audio(message.folder(), id), box.audio(folder, id));
        StoreFiles.syncDirectory(box.folder(folder));
        StoreFiles.syncDirectory(box.folder(message.folder()));
        return new Message(id, message.mailbox(), folder, message.envelope(), message.duration(), message.heard(),
                box.audio(folder, id));
    }

    @Override
    public void rewrite(Message m) throws IOException {
        EnvelopeFile.write(folder(m.mailbox()).envelope(m.folder(), m.id()), m.id(), m.mailbox(), m.envelope(),
                m.heard(), m.duration());
    }

    @Override
    public void purge(Message message) throws IOException {
        MailboxFolder box = folder(message.mailbox());
        // audio first: an envelope left alone is removed at start-up, audio alone would come back
        Files.deleteIfExists(box.audio(message.folder(), message.id()));
        Files.deleteIfExists(box.envelope(message.folder(), message.id()));
    }

    @Override
    public void purged(String number) {
        StoreFiles.syncDirectory(folder(number).folder(Folder.DELETED));
    }

    @Override
    public Recording record(Path recording) throws IOException {
        return WavRecording.create(recording);
    }
}
