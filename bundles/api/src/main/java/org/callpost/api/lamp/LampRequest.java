package org.callpost.api.lamp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one extension's message-waiting lamp should show: lit or not and, for PBXes that show
 * them (RFC 3842 {@code Voice-Message: new/old (urgent new/urgent old)}), the counts.
 *
 * @param extension the extension whose lamp it is
 * @param on        whether the lamp should be lit (any unheard message)
 * @param newCount  unheard messages
 * @param oldCount  heard messages still kept (in the new or saved folder)
 * @param newUrgent unheard urgent messages, when the mailbox's store knows them
 * @param oldUrgent heard urgent messages still kept, when the mailbox's store knows them
 */
public record LampRequest(String extension, boolean on, int newCount, int oldCount, OptionalInt newUrgent,
        OptionalInt oldUrgent) {
    public LampRequest {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(newUrgent, "newUrgent");
        Objects.requireNonNull(oldUrgent, "oldUrgent");
        if (newCount < 0 || oldCount < 0) {
            throw new IllegalArgumentException("message counts cannot be negative: " + newCount + "/" + oldCount);
        }
    }

    /** A request whose urgent counts are known. */
    public LampRequest(String extension, boolean on, int newCount, int oldCount, int newUrgent, int oldUrgent) {
        this(extension, on, newCount, oldCount, OptionalInt.of(newUrgent), OptionalInt.of(oldUrgent));
    }

    /** A lamp lit or cleared with no counts known (what a feature-code PBX can show anyway). */
    public static LampRequest onOff(String extension, boolean on) {
        return new LampRequest(extension, on, on ? 1 : 0, 0, OptionalInt.empty(), OptionalInt.empty());
    }
}
