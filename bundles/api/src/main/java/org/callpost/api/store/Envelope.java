package org.callpost.api.store;

import java.time.Instant;
import java.util.Objects;

import org.callpost.api.call.ForwardReason;

/**
 * Who left a message, for whom and why: what the envelope prompt speaks before the message.
 *
 * @param callingNumber the caller's number (ANI/CLI), or "" when withheld
 * @param callingName   the caller's name, or ""
 * @param calledNumber  the original called number: the extension the call was forwarded from,
 *                      or "" for a direct call
 * @param reason        why the PBX forwarded the call; {@link ForwardReason#NONE} for a direct call
 * @param dnis          the number the caller dialled, or ""
 * @param received      when the caller started leaving the message
 * @param urgent        whether the caller marked the message urgent
 */
public record Envelope(String callingNumber, String callingName, String calledNumber, ForwardReason reason,
        String dnis, Instant received, boolean urgent) {
    public Envelope {
        Objects.requireNonNull(callingNumber, "callingNumber");
        Objects.requireNonNull(callingName, "callingName");
        Objects.requireNonNull(calledNumber, "calledNumber");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(dnis, "dnis");
        Objects.requireNonNull(received, "received");
    }

    /** This envelope marked urgent or not. */
    public Envelope withUrgent(boolean value) {
        return new Envelope(callingNumber, callingName, calledNumber, reason, dnis, received, value);
    }
}
