package org.callpost.store.file.internal.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.NoSuchMessageException;
import org.callpost.store.file.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message operations: recording (drafts), listing, moving, hearing, purging and forwarding,
 * over a {@link MailboxStorage}. Holds no state of its own: every mailbox's messages are in its
 * {@link Box}, changed holding the box's monitor; two boxes are never locked at once.
 */
public final class Messages {
    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    private final Mailboxes mailboxes;
    private final MailboxStorage storage;
    private final Supplier<Settings> settings;
    private final MailboxEvents events;
    private final MessageIds ids;
    private final StoreTimings timings = new StoreTimings();

    public Messages(Mailboxes mailboxes, MailboxStorage storage, Supplier<Settings> settings, MailboxEvents events,
            MessageIds ids) {
        this.mailboxes = mailboxes;
        this.storage = storage;
        this.settings = settings;
        this.events = events;
        this.ids = ids;
        mailboxes.recoverDraftsWith(this::recover);
    }

    public Duration minimumMessageLength() {
        return settings.get().minimumLength();
    }

    public MessageDraft begin(String number, Envelope envelope) throws MailboxFullException, IOException {
        Box box = mailboxes.box(number);
        MailboxCounts counts;
        synchronized (box) {
            counts = Quota.requireRoom(box, settings.get());
        }
        String id = ids.next();
        Path recording = storage.beginDraft(number, id, envelope);
        return new MessageRecording(this, box, id, envelope, counts.remaining(), recording);
    }

    void markUrgent(String number, String id, Envelope envelope) throws IOException {
        storage.updateDraft(number, id, envelope);
    }

    /** How long begin, commit, list and read take, for the metrics. */
    public StoreTimings timings() {
        return timings;
    }

    CommitResult commit(Box box, String id, Envelope envelope, Path recording) throws IOException {
        return timings.time(StoreTimings.Operation.COMMIT_MESSAGE, () -> commitTimed(box, id, envelope, recording));
    }

    private CommitResult commitTimed(Box box, String id, Envelope envelope, Path recording) throws IOException {
        return commit(box, id, envelope, recording, false);
    }

    void discard(String number, String id) throws IOException {
        storage.discardDraft(number, id);
    }

    /** A draft a crash left: committed as if the caller had hung up then; call holding the box's monitor. */
    private void recover(Box box, UnfinishedDraft draft) throws IOException {
        CommitResult result = commit(box, draft.id(), draft.envelope(), draft.recording(), false);
        if (result.outcome() == CommitResult.Outcome.SAVED) {
            LOG.info("Recovered message {} in mailbox {}: {} ms recorded before Callpost stopped", draft.id(), box.number,
                    result.duration().toMillis());
        } else {
            LOG.info("Removed unfinished recording {} of mailbox {}: {} ms, shorter than the minimum {} ms", draft.id(),
                    box.number, result.duration().toMillis(), settings.get().minimumLength().toMillis());
        }
    }

    /**
     * Makes a draft a new message, or removes it when empty or shorter than the minimum (unless
     * {@code anyLength}: a forwarded copy is kept whatever its length). The slow part, forcing the
     * audio to disk, runs outside the box's lock.
     */
    private CommitResult commit(Box box, String id, Envelope envelope, Path recording, boolean anyLength)
            throws IOException {
        Duration duration = storage.finish(recording);
        if (duration.isZero() || !anyLength && duration.compareTo(settings.get().minimumLength()) < 0) {
            storage.discardDraft(box.number, id);
            return new CommitResult(CommitResult.Outcome.TOO_SHORT, Optional.empty(), duration);
        }
        storage.sealDraft(box.number, id, envelope, duration);
        Message message;
        synchronized (box) {
            box.check();
            message = storage.fileDraft(box.number, id, envelope, duration);
            box.messages.put(id, message);
            events.changed(box);
        }
        return new CommitResult(CommitResult.Outcome.SAVED, Optional.of(message), duration);
    }

    private static Message find(Box box, String id) {
        Message message = id == null ? null : box.messages.get(id);
        if (message == null) {
            throw new NoSuchMessageException(box.number, id);
        }
        return message;
    }

    public List<Message> messages(String number, Folder folder) {
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            return box.messages.values().stream().filter(m -> m.folder() == folder).sorted(MessageIds.PLAY_ORDER)
                    .toList();
        }
    }

    public Optional<Message> message(String number, String id) {
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            return Optional.ofNullable(id == null ? null : box.messages.get(id));
        }
    }

    public Message move(String number, String id, Folder folder) throws IOException {
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            Message message = find(box, id);
            if (message.folder() == folder) {
                return message;
            }
            Message moved = storage.move(message, folder);
            box.messages.put(id, moved);
            events.changed(box);
            return moved;
        }
    }

    public Message markHeard(String number, String id) throws IOException {
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            Message message = find(box, id);
            if (message.heard()) {
                return message;
            }
            Message heard = new Message(id, number, message.folder(), message.envelope(), message.duration(), true,
                    message.audio());
            storage.rewrite(heard);
            box.messages.put(id, heard);
            events.changed(box);
            return heard;
        }
    }

    public int purgeDeleted(String number) throws IOException {
        Box box = mailboxes.box(number);
        synchronized (box) {
            box.check();
            int removed = 0;
            for (Message message : new ArrayList<>(box.messages.values())) {
                if (message.folder() == Folder.DELETED) {
                    storage.purge(message);
                    box.messages.remove(message.id());
                    removed++;
                }
            }
            if (removed > 0) {
                storage.purged(number);
                events.changed(box);
            }
            return removed;
        }
    }

    /**
     * Copies a message, after an introduction, into another mailbox as a new message; the copy is
     * kept whatever its length. The source is locked only while its audio is read, the target
     * only to check room and to file the copy.
     */
    public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
            throws MailboxFullException, IOException {
        Box source = mailboxes.box(fromNumber);
        Box target = mailboxes.box(toNumber);
        synchronized (source) {
            source.check();
            find(source, id);
        }
        synchronized (target) {
            Quota.requireRoom(target, settings.get());
        }
        String newId = ids.next();
        Path recording = storage.beginDraft(toNumber, newId, envelope);
        try (MailboxStorage.Recording copy = storage.record(recording)) {
            if (introduction != null) {
                copy.append(introduction);
            }
            synchronized (source) { // the message cannot be moved or purged while it is copied
                source.check();
                copy.append(find(source, id).audio());
            }
        }
        return commit(target, newId, envelope, recording, true).message().orElseThrow();
    }
}
