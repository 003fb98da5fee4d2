package org.callpost.sip.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.media.MediaSession;

/**
 * One call on a line: its SIP dialog, its media session and where it stands. State changes
 * happen on the integration's thread ({@link Calls}); the application's calls are posted there.
 */
final class SipCall implements Call {
    private static final AtomicLong IDS = new AtomicLong();

    final String id;
    final String integration;
    final Calls.Line line;
    final String callId;
    final CallInfo info;
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    final long sdpSessionId = System.currentTimeMillis();
    final String localTag = Long.toHexString(Double.doubleToLongBits(Math.random())) + IDS.incrementAndGet();

    volatile CallState state = CallState.RINGING;
    volatile MediaSession media;
    ServerTransaction invite;
    Request inviteRequest;
    Dialog dialog;
    long sdpVersion = 1;
    ScheduledFuture<?> answerTimer;
    ScheduledFuture<?> sessionTimer;
    /** The RFC 4028 timer agreed in our 200 OK, or null. */
    SessionTimer timer;
    /** Whether our session refresh waits for its answer. */
    boolean refreshing;
    long lastRefreshNanos = System.nanoTime();
    /** The codec settled with the PBX (kept for re-INVITEs). */
    CodecChoice.Settled codec;
    /** Whether our 200 carried an offer (the INVITE had none): the answer comes in the ACK. */
    boolean lateOffer;
    /** Counts reopenings of the media on an answer, so a retry overtaken by a later answer gives up. */
    int mediaOpenings;
    // ---- a call Callpost placed (outgoing): its dialog is kept by hand ----
    boolean outgoing;
    /** The media port pair above the line's RTP port: 0 for the line's call, 2 for a consultation. */
    int portOffset;
    javax.sip.ClientTransaction outgoingTx;
    Request outgoingInvite;
    long cseq = 1;
    String remoteTag;
    javax.sip.address.URI remoteTarget;
    java.util.List<javax.sip.header.Header> routeSet = java.util.List.of();
    CompletableFuture<org.callpost.api.call.DialResult> dialResult;
    ScheduledFuture<?> noAnswerTimer;
    boolean challengeAnswered;
    /** Answers the PBX's challenge to our INVITE. */
    final org.callpost.sip.internal.message.DigestAuthorization digest = new org.callpost.sip.internal.message.DigestAuthorization();
    boolean cancelled;
    /** A REFER we sent on this call, waiting for the NOTIFY that says how the transfer went. */
    CompletableFuture<Boolean> referResult;
    /** A call Callpost placed: completes on the first 180 or 183. */
    final CompletableFuture<Void> ringing = new CompletableFuture<>();

    /** Whether the application has been given the call. */
    boolean handed;
    final long startedMillis = System.currentTimeMillis();

    private final Calls calls;
    /** Forwards media events to whoever the application set; see {@link #listen}. */
    final ForwardingListener mediaListener = new ForwardingListener();

    SipCall(Calls calls, String integration, Calls.Line line, String callId, CallInfo info) {
        this.calls = calls;
        this.id = integration + "/" + line.number + "/" + IDS.incrementAndGet();
        this.integration = integration;
        this.line = line;
        this.callId = callId;
        this.info = info;
    }

    /** The calls of the integration this call belongs to. */
    Calls owner() {
        return calls;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String integration() {
        return integration;
    }

    @Override
    public int line() {
        return line.number;
    }

    @Override
    public String lineExtension() {
        return line.extension;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public MediaSession media() {
        return media;
    }

    @Override
    public CompletionStage<Void> ended() {
        return ended.minimalCompletionStage();
    }

    @Override
    public void hangUp() {
        calls.hangUp(this);
    }

    @Override
    public Consultation consult(String extension, int noAnswerSeconds) {
        return calls.consult(this, extension, noAnswerSeconds);
    }

    @Override
    public boolean blindTransferAllowed() {
        return calls.blindTransferAllowed();
    }

    @Override
    public CompletionStage<Boolean> blindTransfer(String extension) {
        return calls.blindTransfer(this, extension);
    }

    /** Where this call's keys, tones and play/record ends go. */
    public void listen(org.callpost.api.media.MediaListener listener) {
        mediaListener.target = listener == null ? org.callpost.api.media.MediaListener.NONE : listener;
    }

    /** A media listener whose target the application sets after the session is open. */
    static final class ForwardingListener implements org.callpost.api.media.MediaListener {
        volatile org.callpost.api.media.MediaListener target = org.callpost.api.media.MediaListener.NONE;

        @Override
        public void dtmfReceived(MediaSession session, char key, org.callpost.api.media.DtmfSource source) {
            target.dtmfReceived(session, key, source);
        }

        @Override
        public void faxToneDetected(MediaSession session) {
            target.faxToneDetected(session);
        }

        @Override
        public void playFinished(MediaSession session, org.callpost.api.media.PlayOutcome outcome) {
            target.playFinished(session, outcome);
        }

        @Override
        public void recordFinished(MediaSession session, org.callpost.api.media.RecordOutcome outcome) {
            target.recordFinished(session, outcome);
        }
    }

    @Override
    public String toString() {
        return id + " " + state + " from " + info.callingNumber() + (info.forwarded() ? " for " + info.mailbox().orElse("") + " (" + info.reason() + ")" : "");
    }
}
