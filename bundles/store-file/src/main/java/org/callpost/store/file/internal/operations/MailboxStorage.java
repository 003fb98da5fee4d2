package org.callpost.store.file.internal.operations;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;

/**
 * What the mailbox and message operations need kept: the storage behind them (files today, a
 * database later). It decides nothing: limits, validation, PINs, ids, order and locking are the
 * operations'. Every call that changes what one mailbox holds is made holding that mailbox's
 * monitor, so an implementation needs no locking of its own for it; recordings (drafts) belong to
 * the one caller recording them. Recordings are local files whatever the storage, because the media
 * engine records into a {@link Path}.
 */
public interface MailboxStorage {

    /** Every mailbox kept, each after the storage's own crash recovery; one that cannot be read is left out, and said. */
    List<StoredMailbox> load() throws IOException;

    /**
     * Keeps a new mailbox and returns it as read back, with what an earlier mailbox of that number
     * left behind (messages, drafts). Refuses (IOException) a mailbox kept but unreadable at start-up.
     */
    StoredMailbox create(Mailbox mailbox, PinHash pin) throws IOException;

    /** Replaces a mailbox's settings and PIN hash ({@code pin} null: no PIN). */
    void save(Mailbox mailbox, PinHash pin) throws IOException;

    /** Sets a mailbox with its greetings and messages aside for the administrator; returns where, for the log. */
    String remove(String number) throws IOException;

    /** A greeting recorded for a mailbox, if there is one. */
    Optional<Path> greeting(String number, Greeting greeting);

    /** Where a greeting being recorded goes until it is installed; nothing is created yet. */
    Path greetingRecording(String number, Greeting greeting, String id);

    /** Makes a finished recording the mailbox's greeting, replacing the old one. */
    void installGreeting(String number, Greeting greeting, Path recording) throws IOException;

    void deleteGreeting(String number, Greeting greeting) throws IOException;

    /** Keeps a new message draft's envelope; returns the file its audio is to be recorded into. */
    Path beginDraft(String number, String id, Envelope envelope) throws IOException;

    /** Replaces a draft's envelope (marked urgent while recording). */
    void updateDraft(String number, String id, Envelope envelope) throws IOException;

    /** Ends a recording: makes it whole and durable and returns its length (zero when nothing was recorded). */
    Duration finish(Path recording) throws IOException;

    /** Removes a recording that will not be kept. */
    void discard(Path recording) throws IOException;

    /** Removes a message draft, audio and envelope. */
    void discardDraft(String number, String id) throws IOException;

    /** Keeps a finished draft's length with its envelope, before it is filed. */
    void sealDraft(String number, String id, Envelope envelope, Duration duration) throws IOException;

    /** Files a sealed draft as a new, unheard message. */
    Message fileDraft(String number, String id, Envelope envelope, Duration duration) throws IOException;

    /** Moves a message to another folder; returns it as moved. */
    Message move(Message message, Folder folder) throws IOException;

    /** Replaces what is kept of a message (heard) with {@code message}. */
    void rewrite(Message message) throws IOException;

    /** Removes a message for good; {@link #purged} then makes the removals durable. */
    void purge(Message message) throws IOException;

    void purged(String number);

    /** A recording written from other audio (a forwarded message): an empty one, ready to append to. */
    Recording record(Path recording) throws IOException;

    /** A recording being written from other audio; one thread writes it, then closes it. */
    interface Recording extends Closeable {
        /** Appends the audio of a recording or message (its header left out). */
        void append(Path audio) throws IOException;
    }
}
