package org.callpost.api.store;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A greeting being recorded, from {@link MessageStore#beginGreeting}: record into
 * {@link #recordingFile()}, let the subscriber listen to it (play {@link #recordingFile()}),
 * then {@link #commit()} to replace the old greeting atomically, or {@link #discard()} to keep
 * the old one. A draft left by a crash is removed at the next start (the old greeting stays).
 */
@ProviderType
public interface GreetingDraft {

    /** The mailbox the greeting is for. */
    String mailbox();

    /** Which greeting is being recorded (never {@link Greeting#SYSTEM}). */
    Greeting greeting();

    /** The WAV file to record into (8 kHz 16-bit mono PCM); its folder exists. */
    Path recordingFile();

    /**
     * Replaces the greeting with the recording (forced to disk, atomic rename).
     *
     * @return false when the recording was shorter than the minimum length: it is discarded and
     *         the old greeting stays
     * @throws IllegalStateException when already committed or discarded
     */
    boolean commit() throws IOException;

    /** Throws the recording away; does nothing when already committed or discarded. */
    void discard() throws IOException;
}
