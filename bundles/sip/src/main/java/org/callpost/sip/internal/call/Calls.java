package org.callpost.sip.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.sip.internal.config.SrtpMode;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls on one integration's lines: the call table, the requests inside calls (BYE, CANCEL,
 * NOTIFY, UPDATE), hanging up and ending, and the answers to what calls sent. Incoming calls,
 * outgoing calls, transfers, session timers and media are its parts, in this package. Runs on
 * the integration's thread; the application is called on a thread of its own.
 */
public final class Calls extends CallsPart implements CallContext {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final CallMedia callMedia;
    private final SessionTimers timers;
    private final IncomingCalls incoming;
    private final OutgoingCalls outgoingCalls;
    private final Transfers transfers;

    public Calls(String name, ScheduledExecutorService thread, ExecutorService application, CallServices services) {
        super(name, thread, services, new HashMap<>());
        this.callMedia = new CallMedia(name, thread, services, byCallId);
        this.timers = new SessionTimers(this);
        this.incoming = new IncomingCalls(this, application, callMedia, timers);
        this.outgoingCalls = new OutgoingCalls(this, callMedia);
        this.transfers = new Transfers(this, outgoingCalls);
    }

    /**
     * New settings or endpoint, and the integration's lines for them. A line that replaces one of
     * the same extension takes over its call and on-hook delay; a call up keeps the line it began
     * on until it ends.
     */
    public void configure(IntegrationSettings s, SipEndpoint e, List<Line> current, SrtpMode srtp,
            org.callpost.sip.internal.message.SipUris uris) {
        for (CallsPart p : List.of(this, callMedia, timers, incoming, outgoingCalls, transfers)) {
            p.configure(s, e);
            p.srtp = srtp;
            p.uris = uris;
        }
        Map<String, Line> old = new HashMap<>(lines);
        lines.clear();
        for (Line fresh : current) {
            Line l = old.get(fresh.extension);
            if (l != null && l != fresh) {
                fresh.call = l.call;
                fresh.onHookUntilNanos = l.onHookUntilNanos;
            }
            lines.put(fresh.extension, fresh);
        }
    }

    /** The line of an extension, or null. */
    Line line(String extension) {
        return lines.get(extension);
    }

    /** The first line: lamp NOTIFYs come from its address. */
    public Line firstLine() {
        return lines.values().iterator().next();
    }

    /** The lines in the order of the Lines tab. */
    List<Line> lines() {
        return List.copyOf(lines.values());
    }

    public List<SipCall> calls() {
        return List.copyOf(byCallId.values());
    }

    // ---- requests, routed by the integration ---------------------------------------------------

    public void invite(RequestEvent e) {
        incoming.invite(e);
    }

    public void ack(RequestEvent e) {
        incoming.ack(e);
    }

    /** In-dialog requests other than INVITE and ACK. */
    public void inDialog(RequestEvent e) {
        Request req = e.getRequest();
        ServerTransaction st = serverTransaction(e);
        if (st == null) {
            return;
        }
        SipCall call = byCallId.get(((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId());
        switch (req.getMethod()) {
            case Request.BYE -> {
                respond(st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
                if (call != null) {
                    LOG.debug("Integration {}: {} hung up by the PBX", name, call.id);
                    finish(call, CallOutcome.PBX_HUNG_UP);
                }
            }
            case Request.CANCEL -> {
                respond(st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
                if (call != null && call.state == CallState.RINGING) {
                    respond(call.invite, Response.REQUEST_TERMINATED, null);
                    finish(call, CallOutcome.CANCELLED);
                }
            }
            case Request.NOTIFY -> {
                respond(st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
                if (call != null && call.referResult != null && req.getRawContent() != null) {
                    // message/sipfrag: "SIP/2.0 200 OK" means the transfer is done; 1xx is progress
                    String frag = new String(req.getRawContent(), StandardCharsets.UTF_8).trim();
                    if (frag.startsWith("SIP/2.0 2")) {
                        call.referResult.complete(true);
                    } else if (frag.matches("(?s)SIP/2\\.0 [3-6].*")) {
                        call.referResult.complete(false);
                    }
                }
            }
            case Request.UPDATE -> {
                if (call != null) {
                    call.lastRefreshNanos = System.nanoTime();
                }
                respond(st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
            }
            default -> respond(st, Response.METHOD_NOT_ALLOWED, null);
        }
    }

    // ---- ending ---------------------------------------------------------------------------

    @Override
    public void hangUp(SipCall call) {
        thread.execute(() -> {
            if (call.state == CallState.ENDED) {
                return;
            }
            if (call.outgoing != null) {
                if (call.state == CallState.DIALLING) {
                    outgoingCalls.noAnswer(call);
                    return;
                }
                outgoingCalls.sendBye(call);
            } else if (call.state == CallState.RINGING) {
                respond(call.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            } else if (call.dialog != null) {
                sendBye(call);
            }
            finish(call);
        });
    }

    /** Ends a call on our side: media closed (a recording keeps what was said), line rests. */
    void finish(SipCall call) {
        boolean answered = call.state == CallState.CONNECTED || call.state == CallState.HELD;
        finish(call, answered ? CallOutcome.CALLPOST_HUNG_UP : CallOutcome.NOT_ANSWERED);
    }

    void finish(SipCall call, CallOutcome outcome) {
        if (call.state == CallState.ENDED) {
            return;
        }
        call.state = CallState.ENDED;
        if (call.answerTimer != null) {
            call.answerTimer.cancel(false);
        }
        if (call.sessionTimer != null) {
            call.sessionTimer.cancel(false);
        }
        if (call.media != null) {
            call.media.close();
        }
        byCallId.remove(call.callId);
        Line line = lines.get(call.line.extension);
        Line l = line != null && line.call == call ? line : call.line;
        if (l.call == call) {
            l.call = null;
            l.onHookUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.onHookDelayMillis());
        }
        if (call.dialResult != null && !call.dialResult.isDone()) {
            call.dialResult.complete(new DialResult(DialResult.Outcome.FAILED, 0, Optional.empty()));
        }
        if (call.referResult != null) {
            call.referResult.complete(false);
        }
        services.callEnded(call);
        services.callEndedAs(outcome);
        call.ended.complete(null);
    }

    /** BYE in an incoming call's dialog; a failure only logs: the call ends here anyway. */
    private void sendBye(SipCall call) {
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(bye);
            call.dialog.sendRequest(ct);
        } catch (SipException | RuntimeException ex) {
            LOG.debug("Integration {}: BYE for {} not sent: {}", name, call.id, Integration.rootMessage(ex));
        }
    }

    /** Hangs up every call (the integration stops). */
    public void endAll() {
        for (SipCall call : List.copyOf(byCallId.values())) {
            if (call.outgoing != null) {
                if (call.state != CallState.DIALLING) {
                    outgoingCalls.sendBye(call);
                }
            } else if (call.state == CallState.RINGING) {
                respond(call.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            } else if (call.dialog != null) {
                sendBye(call);
            }
            finish(call);
        }
    }

    /** A response to a request we sent inside a call (BYE, REFER): completes what waits for it. */
    public boolean response(ClientTransaction ct, Response r) {
        if (ct != null && ct.getApplicationData() instanceof SessionTimers.SessionRefresh sr && sr.owner() == this) {
            thread.execute(() -> timers.refreshAnswered(sr.call(), ct, r));
            return true;
        }
        if (ct != null && ct.getApplicationData() instanceof SipCall call && call.outgoing != null) {
            if (call.owner() != this) {
                return false; // another integration's call on a shared endpoint
            }
            outgoingCalls.outgoingResponse(call, ct, r);
            return true;
        }
        if (r.getStatusCode() >= 300 && ct != null && Request.REFER.equals(ct.getRequest().getMethod())) {
            SipCall call = byCallId.get(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
            if (call != null && call.referResult != null) {
                call.referResult.complete(false);
            }
        }
        return false;
    }

    // ---- placing calls and transfers -----------------------------------------------------------

    /** Places a call from a free line (see {@link OutgoingCalls}). */
    public CompletionStage<DialResult> dial(String number, Dialler.Purpose purpose, int noAnswerSeconds) {
        return outgoingCalls.dial(number, purpose, noAnswerSeconds);
    }

    @Override
    public Consultation consult(SipCall call, String extension, int noAnswerSeconds) {
        return transfers.consult(call, extension, noAnswerSeconds);
    }

    @Override
    public boolean blindTransferAllowed() {
        return transfers.blindTransferAllowed();
    }

    @Override
    public CompletionStage<Boolean> blindTransfer(SipCall call, String extension) {
        return transfers.blindTransfer(call, extension);
    }
}
