package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.store.file.internal.Settings;
import org.callpost.store.file.internal.format.WavFile;

/**
 * A message being recorded on the PostgreSQL store: the operations' draft, except that a commit the
 * database does not answer keeps the message waiting in the spool ({@link PendingDeliveries}) and
 * tells the caller it is saved, which it is, on this node's disk. Owner: the caller's call; its
 * monitor guards {@link #spooled}.
 */
final class SpooledDraft implements MessageDraft {
    private final MessageDraft draft;
    private final PendingDeliveries deliveries;
    private final Supplier<Settings> settings;
    private boolean spooled;

    SpooledDraft(MessageDraft draft, PendingDeliveries deliveries, Supplier<Settings> settings) {
        this.draft = draft;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    @Override
    public String mailbox() {
        return draft.mailbox();
    }

    @Override
    public String id() {
        return draft.id();
    }

    @Override
    public Envelope envelope() {
        return draft.envelope();
    }

    @Override
    public Path recordingFile() {
        return draft.recordingFile();
    }

    @Override
    public Duration maxDuration() {
        return draft.maxDuration();
    }

    @Override
    public synchronized void markUrgent(boolean urgent) throws IOException {
        requireOpen();
        draft.markUrgent(urgent);
    }

    @Override
    public synchronized CommitResult commit() throws IOException {
        requireOpen();
        if (deliveries.databaseDown()) {
            return spool(); // no caller waits on a database known to be down
        }
        try {
            return draft.commit();
        } catch (IOException e) {
            if (!PendingDeliveries.unreachable(e)) {
                throw e;
            }
            deliveries.failed(e);
            return spool();
        }
    }

    /** The recording stays in the spool with its envelope and is delivered when the database answers. */
    private CommitResult spool() throws IOException {
        Duration duration = WavFile.repair(draft.recordingFile()); // repaired again, the same, when delivered
        if (duration.isZero() || duration.compareTo(settings.get().minimumLength()) < 0) {
            return draft.commit(); // too short: discarded, the database is not asked
        }
        spooled = true;
        deliveries.add(draft);
        Envelope envelope = draft.envelope();
        return new CommitResult(CommitResult.Outcome.SAVED, Optional.of(new Message(draft.id(), draft.mailbox(),
                Folder.NEW, envelope, duration, false, draft.recordingFile())), duration);
    }

    private void requireOpen() {
        if (spooled) {
            throw new IllegalStateException("message draft already committed or discarded");
        }
    }

    @Override
    public synchronized void discard() throws IOException {
        if (!spooled) { // a spooled message is the caller's, kept
            draft.discard();
        }
    }
}
