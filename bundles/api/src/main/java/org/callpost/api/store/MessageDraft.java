package org.callpost.api.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A message being recorded, from {@link MessageStore#beginMessage}. Hand {@link #recordingFile()}
 * to the media engine's recorder (8 kHz 16-bit mono PCM WAV, written as the audio arrives and
 * flushed at least once a second); recording again (the caller chose "record again") simply
 * overwrites it. Then {@link #commit()} or {@link #discard()}, exactly once; when the call ends
 * in any way the application commits, because a hang-up saves the message.
 * <p>
 * If Callpost stops before either, the store turns the draft into a message when it next starts
 * (when longer than the minimum length), with the WAV header repaired from the file's length.
 * Methods may be called from any thread.
 */
@ProviderType
public interface MessageDraft {

    /** The mailbox the message is for. */
    String mailbox();

    /** The id the message will have. */
    String id();

    /** The envelope as it stands now (with the urgent flag set by {@link #markUrgent}). */
    Envelope envelope();

    /** The WAV file to record into; its folder exists, the file may not yet. */
    Path recordingFile();

    /**
     * The longest this message may be before the mailbox's total length limit (at
     * {@link MessageStore#beginMessage} time): cap the recorder's maximum length with it.
     */
    Duration maxDuration();

    /** Marks the message urgent or not (the caller's choice after recording); kept in the draft on disk. */
    void markUrgent(boolean urgent) throws IOException;

    /**
     * Keeps the message once its recording has ended (the recorder's outcome completed, the file
     * closed): the audio and the envelope are forced to disk and moved atomically into
     * the new folder, and listeners hear the new counts. Below the minimum message length the
     * draft is discarded instead and {@link CommitResult.Outcome#TOO_SHORT} returned (so is an
     * empty or never-started recording). A commit
     * always keeps a long enough message, even when other messages filled the mailbox meanwhile.
     *
     * @throws IllegalStateException when already committed or discarded
     * @throws IOException           when the disk fails; the draft stays and becomes a message
     *                               at the next start if it can
     */
    CommitResult commit() throws IOException;

    /** Throws the recording away (the caller asked to); does nothing when already committed or discarded. */
    void discard() throws IOException;
}
