package org.callpost.api.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A message in a mailbox, as it is now.
 *
 * @param id       unique in its mailbox, stable across folder moves; ids sort by the time the
 *                 message was begun
 * @param mailbox  the mailbox number
 * @param folder   the folder it is in
 * @param envelope who left it, for whom and why
 * @param duration the length of its audio
 * @param heard    whether the subscriber has listened to it
 * @param audio    its 8 kHz 16-bit mono WAV file, to hand to the media engine; valid until the
 *                 message is moved or purged (ask the store again after a move)
 */
public record Message(String id, String mailbox, Folder folder, Envelope envelope, Duration duration,
        boolean heard, Path audio) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(audio, "audio");
    }

    /** Whether the message is urgent (from its envelope). */
    public boolean urgent() {
        return envelope.urgent();
    }
}
