package org.callpost.api.media;

/**
 * How a prompt sequence ended.
 *
 * @param reason why it ended
 * @param key    the key that interrupted it when {@code reason} is {@link Reason#KEY}, else
 *               {@link #NO_KEY}
 * @param detail a human-readable cause when {@code reason} is {@link Reason#FAILED}, else ""
 */
public record PlayOutcome(Reason reason, char key, String detail) {
    /** The {@code key} value when no key ended the play. */
    public static final char NO_KEY = '\0';

    /** Why a play ended. */
    public enum Reason {
        /** Every item was played to its end. */
        COMPLETED,
        /** The caller pressed one of the interrupting keys. */
        KEY,
        /** Stopped by {@link MediaSession#stopPlaying()} or replaced by a newer play. */
        STOPPED,
        /** The call ended (the session was closed). */
        SESSION_CLOSED,
        /** A file could not be read or had an unsupported format. */
        FAILED
    }
}
