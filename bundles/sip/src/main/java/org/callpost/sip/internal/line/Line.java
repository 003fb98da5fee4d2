package org.callpost.sip.internal.line;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import org.callpost.api.call.Call;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;

/**
 * One of an integration's lines: an extension registered as a SIP station on the PBX, and the
 * call it carries. The registration side (binding with one registrar, the REGISTER in flight,
 * the next refresh or retry) belongs to {@code registration}; the call side (its call, its
 * on-hook delay) to {@code call}. One object for both, so the status and the hunting never
 * disagree about which lines there are. Touched only on its integration's thread; the fields are
 * public because those two packages share them.
 */
public final class Line {
    /** The line number, from 1, in the order of the Lines tab (renumbered when the tab changes). */
    public int number;
    public final String extension;

    // ---- registration ----
    public LineState state = LineState.UNREGISTERED;
    public SipServer registrar;
    public Instant expires;
    public String lastError;

    /** The Call-ID of the binding with {@link #registrar}; a new registrar gets a new one. */
    public String callId;
    public long cseq;
    /** The Expires we ask for; raised when the registrar answers 423 Interval Too Brief. */
    public int requestedExpires;
    /** Whether the line should end up registered (false while un-registering for good). */
    public boolean wanted = true;

    public ClientTransaction pending;
    /** Whose REGISTER {@link #pending} is (endpoints may be shared between integrations). */
    public Object owner;
    /** Whether {@link #pending} already carries our answer to a challenge. */
    public boolean answeredChallenge;
    /** Answers the registrar's challenges, counting the uses of each nonce (nc). */
    public final DigestAuthorization digest = new DigestAuthorization();
    /** The challenge to answer next, from the last 401/407. */
    public Challenge challenge;
    /** The URIs it registers with (sip: or sips:): its un-REGISTER names the binding it made, not a new scheme's. */
    public org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.TCP;
    /** Failures in a row, for the back-off. */
    public int failures;

    public ScheduledFuture<?> timer;
    public ScheduledFuture<?> answerTimeout;

    // ---- calls ----
    /** The call on the line, or null. */
    public Call call;
    /** Until when the line rests after a call (the on-hook delay). */
    public long onHookUntilNanos;

    public Line(int number, String extension, int requestedExpires) {
        this.number = number;
        this.extension = extension;
        this.requestedExpires = requestedExpires;
    }

    public void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (answerTimeout != null) {
            answerTimeout.cancel(false);
            answerTimeout = null;
        }
    }

    public LineStatus status(String integration) {
        return new LineStatus(integration, number, extension, state, Optional.ofNullable(registrar),
                state == LineState.REGISTERED ? Optional.ofNullable(expires) : Optional.empty(),
                Optional.ofNullable(lastError), activity());
    }

    public LineActivity activity() {
        if (call != null) {
            return switch (call.state()) {
                case RINGING -> LineActivity.RINGING;
                case DIALLING -> LineActivity.DIALLING;
                case HELD -> LineActivity.HELD;
                case ENDED -> LineActivity.ON_HOOK_DELAY;
                case CONNECTED -> LineActivity.CONNECTED;
            };
        }
        return System.nanoTime() < onHookUntilNanos ? LineActivity.ON_HOOK_DELAY : LineActivity.IDLE;
    }

    /** Whether a call may take the line now. */
    public boolean free() {
        return call == null && System.nanoTime() >= onHookUntilNanos;
    }
}
