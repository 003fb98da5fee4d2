package org.callpost.sip.internal.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.sip.internal.Integration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers: supervised (a consultation call, then REFER with Replaces) and blind (REFER, where
 * the switch profile allows it). The NOTIFYs that follow a REFER complete it (see {@link Calls}).
 */
final class Transfers extends CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    private final Calls calls;
    private final OutgoingCalls outgoingCalls;

    Transfers(Calls calls, OutgoingCalls outgoingCalls) {
        super(calls.name, calls.thread, calls.services, calls.byCallId);
        this.calls = calls;
        this.outgoingCalls = outgoingCalls;
    }

    // ---- transfers ------------------------------------------------------------------------------

    /** Supervised transfer: a consultation call from the caller's line, on the line's second port pair. */
    Consultation consult(SipCall call, String extension, int noAnswerSeconds) {
        CompletableFuture<DialResult> placed = new CompletableFuture<>();
        CompletableFuture<Void> ringing = new CompletableFuture<>();
        SipCall[] leg = new SipCall[1];
        thread.execute(() -> {
            if (call.state == CallState.ENDED) {
                placed.complete(new DialResult(DialResult.Outcome.FAILED, 0, Optional.empty()));
                return;
            }
            if (call.media != null) {
                call.media.stopPlaying();
            }
            leg[0] = outgoingCalls.newOutgoing(call.line, extension, 2, placed);
            leg[0].ringing.thenRun(() -> ringing.complete(null));
            outgoingCalls.sendInvite(leg[0], noAnswerSeconds);
        });
        return new Consultation() {
            @Override
            public CompletionStage<Outcome> outcome() {
                return placed.thenApply(r -> switch (r.outcome()) {
                    case ANSWERED -> Outcome.ANSWERED;
                    case BUSY -> Outcome.BUSY;
                    case NO_ANSWER -> Outcome.NO_ANSWER;
                    default -> Outcome.FAILED;
                });
            }

            @Override
            public CompletionStage<Boolean> complete() {
                return placed.thenCompose(r -> r.outcome() == DialResult.Outcome.ANSWERED
                        ? referWithReplaces(call, leg[0]) : CompletableFuture.completedFuture(false));
            }

            @Override
            public CompletionStage<Void> ringing() {
                return ringing.minimalCompletionStage();
            }

            @Override
            public Optional<org.callpost.api.call.Call> call() {
                DialResult r = placed.getNow(null);
                return r != null && r.outcome() == DialResult.Outcome.ANSWERED ? r.call() : Optional.empty();
            }

            @Override
            public void takeBack() {
                placed.thenAccept(r -> {
                    if (leg[0] != null) {
                        calls.hangUp(leg[0]);
                    }
                });
                thread.execute(() -> {
                    if (leg[0] != null && leg[0].state == CallState.DIALLING) {
                        calls.hangUp(leg[0]);
                    }
                });
            }
        };
    }

    /** Blind transfer (REFER without consultation), only where the switch profile allows it. */
    boolean blindTransferAllowed() {
        try {
            return services.profile().allowsBlindTransfer();
        } catch (RuntimeException e) {
            return false;
        }
    }

    CompletionStage<Boolean> blindTransfer(SipCall call, String extension) {
        if (!services.profile().allowsBlindTransfer()) {
            LOG.info("Integration {}: blind transfer of {} refused: switch profile {} does not allow it", name, call.id,
                    services.profile().id());
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                call.referResult = done;
                Request refer = call.dialog.createRequest(Request.REFER);
                refer.addHeader(endpoint.headers.createHeader("Refer-To", "<" + uris.referTarget(extension, settings.server().host()) + ">"));
                call.dialog.sendRequest(endpoint.provider().getNewClientTransaction(refer));
                thread.schedule(() -> done.complete(false), 15, TimeUnit.SECONDS);
            } catch (SipException | ParseException | RuntimeException e) {
                done.complete(false);
            }
        });
        return done.thenApply(ok -> {
            if (ok) {
                calls.hangUp(call);
            }
            return ok;
        });
    }

    /**
     * Joins the caller with the consulted extension: REFER on the caller's dialog whose Refer-To
     * replaces the consultation dialog (RFC 3515, RFC 3891). Done when the NOTIFY says 200; then
     * Callpost leaves both calls.
     */
    private CompletionStage<Boolean> referWithReplaces(SipCall caller, SipCall consultation) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                String replaces = consultation.callId + ";to-tag=" + consultation.outgoing.remoteTag + ";from-tag=" + consultation.localTag;
                String target = uris.referTarget(consultation.info.dialledNumber(), settings.server().host()) + "?Replaces="
                        + java.net.URLEncoder.encode(replaces, StandardCharsets.UTF_8).replace("+", "%20");
                caller.referResult = done;
                Request refer = caller.dialog.createRequest(Request.REFER);
                refer.addHeader(endpoint.headers.createHeader("Refer-To", "<" + target + ">"));
                refer.addHeader(endpoint.headers.createHeader("Referred-By", "<sip:" + caller.line.extension + "@"
                        + settings.localAddress() + ">"));
                ClientTransaction ct = endpoint.provider().getNewClientTransaction(refer);
                caller.dialog.sendRequest(ct);
                thread.schedule(() -> done.complete(false), 15, TimeUnit.SECONDS);
            } catch (SipException | ParseException | RuntimeException e) {
                LOG.info("Integration {}: transfer of {} not sent: {}", name, caller.id, Integration.rootMessage(e));
                done.complete(false);
            }
        });
        return done.thenApply(ok -> {
            if (ok) {
                calls.hangUp(consultation);
                calls.hangUp(caller);
            }
            return ok;
        });
    }

}
