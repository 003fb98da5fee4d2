package org.callpost.api.media;

import java.nio.file.Path;

/**
 * How a recording ended and what it holds. The file is complete and closed when this is
 * reported.
 *
 * @param file           the WAV file written
 * @param reason         why the recording ended
 * @param key            the key that ended it when {@code reason} is {@link Reason#KEY}, else
 *                       {@link PlayOutcome#NO_KEY}
 * @param durationMillis the audio in the file, in milliseconds (trailing silence already cut)
 * @param detail         a human-readable cause when {@code reason} is {@link Reason#FAILED}, else ""
 */
public record RecordOutcome(Path file, Reason reason, char key, long durationMillis, String detail) {

    /** Why a recording ended. */
    public enum Reason {
        /** The maximum message length was reached. */
        MAX_LENGTH,
        /** The caller stayed silent for the requested time. */
        SILENCE,
        /** The caller pressed one of the ending keys. */
        KEY,
        /** Stopped by {@link MediaSession#stopRecording()} or replaced by a newer recording. */
        STOPPED,
        /** The caller hung up (the session was closed): what was said is kept. */
        CALL_ENDED,
        /** The file could not be written. */
        FAILED
    }
}
