package org.callpost.api.email;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One email of a new message, as {@code callpost:emails} shows it.
 *
 * @param id         the email's id in the queue
 * @param mailbox    the mailbox number
 * @param messageId  the message's id in its mailbox
 * @param address    the address it goes to
 * @param state      where it stands
 * @param attempts   the attempts made to hand it to the SMTP server
 * @param next       when the next attempt is due (while {@link State#QUEUED})
 * @param lastResult the SMTP server's last answer or the failure ("250 OK", "connection refused", ...), or ""
 * @param queued     when it was queued
 */
public record EmailStatus(String id, String mailbox, String messageId, String address, State state, int attempts,
        Optional<Instant> next, String lastResult, Instant queued) {
    /** Where an email stands. */
    public enum State {
        /** Waiting for its first or next attempt. */
        QUEUED,
        /** Being handed to the SMTP server. */
        SENDING,
        /** The SMTP server accepted it (its 250 reply to the message), nothing less. */
        SENT,
        /** Refused for good (a 5xx answer) or the attempts ran out. */
        GAVE_UP
    }

    public EmailStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(lastResult, "lastResult");
        Objects.requireNonNull(queued, "queued");
    }
}
