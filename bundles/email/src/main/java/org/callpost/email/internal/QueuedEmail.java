package org.callpost.email.internal;

import java.time.Instant;
import java.util.Optional;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailStatus.State;

/** One email in the queue, as its file keeps it. */
record QueuedEmail(String id, String mailbox, String messageId, String address, boolean attachAudio,
        boolean deleteAfterSending, State state, int attempts, Instant next, String lastResult, Instant queued) {

    QueuedEmail with(State s, int a, Instant n, String result) {
        return new QueuedEmail(id, mailbox, messageId, address, attachAudio, deleteAfterSending, s, a, n, result, queued);
    }

    EmailStatus status() {
        return new EmailStatus(id, mailbox, messageId, address, state, attempts,
                state == State.QUEUED ? Optional.ofNullable(next) : Optional.empty(), lastResult, queued);
    }

    /** The queue's id of a message's email: one email per message, whatever happens. */
    static String idOf(String mailbox, String messageId) {
        return (mailbox + "-" + messageId).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
