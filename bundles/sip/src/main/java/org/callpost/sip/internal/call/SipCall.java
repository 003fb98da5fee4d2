package org.callpost.sip.internal.call;

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
import org.callpost.sip.internal.line.Line;

/**
 * One call on a line: its SIP dialog, its media session and where it stands. State changes
 * happen on the integration's thread ({@link Calls} and its helpers, all in this package); what
 * the application asks of the call goes to its {@link CallContext}, which posts it there.
 */
final class SipCall implements Call {
    private static final AtomicLong IDS = new AtomicLong();

    final String id;
    final String integration;
    final Line line;
    /** The line's number and port index when the call began (a reconfiguration may renumber the line). */
    final int lineNumber;
    final int lineIndex;
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
    /** SRTP as offer/answer settled it (keys, our a=crypto line, the profile), kept for re-INVITEs. */
    SrtpChoice.Settled sdes = SrtpChoice.Settled.plain(Sdp.AVP);
    /** The a=crypto lines of our pending offer (late offer, outgoing call), for its answer. */
    java.util.List<Sdp.Crypto> offeredCrypto = java.util.List.of();
    /** Whether our 200 carried an offer (the INVITE had none): the answer comes in the ACK. */
    boolean lateOffer;
    /** Counts reopenings of the media on an answer, so a retry overtaken by a later answer gives up. */
    int mediaOpenings;
    /** A call Callpost placed: its dialog, kept by hand; null for a call the PBX offered. */
    final OutgoingDialog outgoing;
    /** The media port pair above the line's RTP port: 0 for the line's call, 2 for a consultation. */
    int portOffset;
    CompletableFuture<org.callpost.api.call.DialResult> dialResult;
    ScheduledFuture<?> noAnswerTimer;
    /** A REFER we sent on this call, waiting for the NOTIFY that says how the transfer went. */
    CompletableFuture<Boolean> referResult;
    /** A call Callpost placed: completes on the first 180 or 183. */
    final CompletableFuture<Void> ringing = new CompletableFuture<>();

    /** Whether the application has been given the call. */
    boolean handed;
    final long startedMillis = System.currentTimeMillis();

    private final CallContext context;
    /** Forwards media events to whoever the application set; see {@link #listen}. */
    final ForwardingListener mediaListener = new ForwardingListener();

    /** @param outgoing the dialog of a call Callpost places, null for one the PBX offers */
    SipCall(CallContext context, String integration, Line line, String callId, CallInfo info, OutgoingDialog outgoing) {
        this.context = context;
        this.id = integration + "/" + line.number + "/" + IDS.incrementAndGet();
        this.integration = integration;
        this.line = line;
        this.lineNumber = line.number;
        this.lineIndex = line.number - 1;
        this.callId = callId;
        this.info = info;
        this.outgoing = outgoing;
    }

    /** The calls of the integration this call belongs to (endpoints may be shared). */
    CallContext owner() {
        return context;
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
        return lineNumber;
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
        context.hangUp(this);
    }

    @Override
    public Consultation consult(String extension, int noAnswerSeconds) {
        return context.consult(this, extension, noAnswerSeconds);
    }

    @Override
    public boolean blindTransferAllowed() {
        return context.blindTransferAllowed();
    }

    @Override
    public CompletionStage<Boolean> blindTransfer(String extension) {
        return context.blindTransfer(this, extension);
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
