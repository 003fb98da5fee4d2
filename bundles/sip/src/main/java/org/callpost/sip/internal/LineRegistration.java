package org.callpost.sip.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;

/**
 * One line's registration as a SIP station: its binding with one registrar (Call-ID, CSeq), the
 * REGISTER in flight, and the timer for the next refresh or retry. Touched only on its
 * integration's thread.
 */
final class LineRegistration {
    /** The line number, from 1, in the order of the Lines tab. */
    int line;
    final String extension;

    LineState state = LineState.UNREGISTERED;
    SipServer registrar;
    Instant expires;
    String lastError;

    /** The Call-ID of the binding with {@link #registrar}; a new registrar gets a new one. */
    String callId;
    long cseq;
    /** The Expires we ask for; raised when the registrar answers 423 Interval Too Brief. */
    int requestedExpires;
    /** Whether the line should end up registered (false while un-registering for good). */
    boolean wanted = true;

    ClientTransaction pending;
    /** The integration whose line this is (endpoints may be shared). */
    Object owner;
    /** Whether {@link #pending} already carries our answer to a challenge. */
    boolean answeredChallenge;
    /** Answers the registrar's challenges, counting the uses of each nonce (nc). */
    final DigestAuthorization digest = new DigestAuthorization();
    /** The challenge to answer next, from the last 401/407. */
    Challenge challenge;
    /** Failures in a row, for the back-off. */
    int failures;

    ScheduledFuture<?> timer;
    ScheduledFuture<?> answerTimeout;

    LineRegistration(int line, String extension, int requestedExpires) {
        this.line = line;
        this.extension = extension;
        this.requestedExpires = requestedExpires;
    }

    void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (answerTimeout != null) {
            answerTimeout.cancel(false);
            answerTimeout = null;
        }
    }

    LineStatus status(String integration, org.callpost.api.integration.LineActivity activity) {
        return new LineStatus(integration, line, extension, state, Optional.ofNullable(registrar),
                state == LineState.REGISTERED ? Optional.ofNullable(expires) : Optional.empty(),
                Optional.ofNullable(lastError), activity);
    }
}
