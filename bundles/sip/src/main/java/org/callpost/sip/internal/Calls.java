package org.callpost.sip.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.SessionSpec;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;
import org.callpost.sip.internal.message.InviteReader;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls on one integration's lines: answering INVITEs the PBX hunts to a line (100, 180, then
 * 200 after the incoming off-hook delay), ACK, BYE either way, CANCEL before answer, re-INVITE
 * for hold and resume, late offers, session timers, one call per line, the on-hook delay. Runs on
 * the integration's thread; the application is called on a thread of its own.
 */
final class Calls {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    /** 64 x T1: how long a 200 OK waits for its ACK (RFC 3261 section 13.3.1.4). */
    static final int ACK_WAIT_SECONDS = 32;

    /** A line's call side: which call it carries and when it is free again. */
    static final class Line {
        final int number;
        final int index;
        final String extension;
        SipCall call;
        long onHookUntilNanos;

        Line(int number, String extension) {
            this.number = number;
            this.index = number - 1;
            this.extension = extension;
        }

        LineActivity activity() {
            if (call != null) {
                return switch (call.state) {
                    case RINGING -> LineActivity.RINGING;
                    case DIALLING -> LineActivity.DIALLING;
                    case HELD -> LineActivity.HELD;
                    case ENDED -> LineActivity.ON_HOOK_DELAY;
                    case CONNECTED -> LineActivity.CONNECTED;
                };
            }
            return System.nanoTime() < onHookUntilNanos ? LineActivity.ON_HOOK_DELAY : LineActivity.IDLE;
        }

        boolean free() {
            return call == null && System.nanoTime() >= onHookUntilNanos;
        }
    }

    private final String name;
    private final ScheduledExecutorService thread;
    private final ExecutorService application;
    private final CallServices services;
    private SipEndpoint endpoint;
    private IntegrationSettings settings;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final Map<String, SipCall> byCallId = new HashMap<>();
    /** RFC 3842 subscriptions to mailboxes' message summaries (profiles whose lamps are NOTIFYs). */
    private final MessageSummaries summaries;

    Calls(String name, ScheduledExecutorService thread, ExecutorService application, CallServices services) {
        this.name = name;
        this.thread = thread;
        this.summaries = new MessageSummaries(name, thread);
        this.application = application;
        this.services = services;
    }

    /** New settings or endpoint: lines are rebuilt; calls already up keep their line until they end. */
    void configure(IntegrationSettings s, SipEndpoint e) {
        settings = s;
        endpoint = e;
        Map<String, Line> old = new HashMap<>(lines);
        lines.clear();
        int n = 1;
        for (String ext : s.lineExtensions()) {
            Line l = old.get(ext);
            Line fresh = new Line(n++, ext);
            if (l != null) {
                fresh.call = l.call;
                fresh.onHookUntilNanos = l.onHookUntilNanos;
            }
            lines.put(ext, fresh);
        }
    }

    LineActivity activity(String extension) {
        Line l = lines.get(extension);
        return l == null ? LineActivity.IDLE : l.activity();
    }

    List<SipCall> calls() {
        return List.copyOf(byCallId.values());
    }

    // ---- incoming ------------------------------------------------------------------------

    void invite(RequestEvent e) {
        Request req = e.getRequest();
        ServerTransaction st = serverTransaction(e);
        if (st == null) {
            return; // a retransmission the stack already handles
        }
        ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        if (to != null && to.getTag() != null) {
            SipCall call = byCallId.get(callId);
            if (call == null) {
                respond(st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            } else {
                reInvite(call, st, req);
            }
            return;
        }
        respond(st, Response.TRYING, null);
        String user = InviteReader.userOf(req.getRequestURI());
        Line line = lines.get(user);
        if (line == null) {
            LOG.info("Integration {}: INVITE for {} which is none of its lines: 404", name, user);
            respond(st, Response.NOT_FOUND, null);
            return;
        }
        if (!line.free()) {
            respond(st, Response.BUSY_HERE, null);
            return;
        }
        Optional<CallHandler> handler = services.handler();
        Optional<MediaEngine> media = services.media();
        if (handler.isEmpty() || media.isEmpty()) {
            LOG.warn("Integration {}: call on line {} refused (480): no {} is running", name, line.number,
                    handler.isEmpty() ? "voicemail application (CallHandler)" : "media engine");
            respond(st, Response.TEMPORARILY_UNAVAILABLE, null);
            return;
        }
        Sdp offer = null;
        CodecChoice.Settled codec = null;
        byte[] body = req.getRawContent();
        if (body != null && body.length > 0) {
            try {
                offer = Sdp.parse(new String(body, StandardCharsets.UTF_8));
            } catch (Sdp.Unusable ex) {
                respond(st, Response.NOT_ACCEPTABLE_HERE, "305 Callpost \"" + ex.getMessage() + "\"");
                return;
            }
            codec = CodecChoice.answer(offer, media.get().codecs()).orElse(null);
            if (codec == null) {
                LOG.info("Integration {}: call on line {} offers no codec Callpost has (offered {}): 488", name,
                        line.number, offer.payloadTypes());
                respond(st, Response.NOT_ACCEPTABLE_HERE, "305 Callpost \"Incompatible media format\"");
                return;
            }
        }
        List<String> notes = new ArrayList<>();
        IncomingInvite invite = InviteReader.read(req, notes);
        CallInfo info;
        try {
            info = services.profile().interpret(invite, settings);
        } catch (RuntimeException ex) {
            LOG.warn("Integration {}: switch profile {} could not read the INVITE: {}", name, settings.profile(),
                    Integration.rootMessage(ex));
            respond(st, Response.SERVER_INTERNAL_ERROR, null);
            return;
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(info.notes());
        if (!allNotes.isEmpty()) {
            LOG.info("Integration {}: call on line {}: not interpreted: {}", name, line.number, allNotes);
        }
        SipCall call = new SipCall(this, name, line, callId, info);
        call.invite = st;
        call.inviteRequest = req;
        call.codec = codec;
        call.lateOffer = offer == null;
        try {
            call.dialog = endpoint.provider().getNewDialog(st);
        } catch (SipException ex) {
            respond(st, Response.SERVER_INTERNAL_ERROR, null);
            return;
        }
        Optional<SessionTimer> timer = SessionTimer.requested(req);
        if (timer.isPresent() && timer.get().tooShort()) {
            respondMinSe(st);
            return;
        }
        line.call = call;
        byCallId.put(callId, call);
        services.callStarted(call);
        sendProvisional(call, Response.RINGING);
        LOG.debug("Integration {}: {} ringing", name, call);
        Sdp theOffer = offer;
        call.answerTimer = thread.schedule(() -> answer(call, theOffer, timer),
                settings.incomingOffHookDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void answer(SipCall call, Sdp offer, Optional<SessionTimer> timer) {
        if (call.state != CallState.RINGING) {
            return;
        }
        Optional<MediaEngine> engine = services.media();
        if (engine.isEmpty()) {
            respond(call.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            finish(call);
            return;
        }
        try {
            SessionSpec spec = offer != null ? spec(call, offer, call.codec) : placeholderSpec(call, engine.get());
            call.media = engine.get().open(spec, listenerFor(call));
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Integration {}: cannot open media for line {}: {}", name, call.line.number, Integration.rootMessage(ex));
            respond(call.invite, Response.SERVER_INTERNAL_ERROR, null);
            finish(call);
            return;
        }
        String sdp = offer != null
                ? Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                        call.codec.answerFormats(), settings.mediaPacketMillis(), Sdp.answer(offer.direction()))
                : Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                        CodecChoice.offer(engine.get().codecs()), settings.mediaPacketMillis(), MediaDirection.SENDRECV);
        try {
            Response ok = endpoint.messages.createResponse(Response.OK, call.inviteRequest);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(call.localTag);
            ok.addHeader(contact(call.line));
            ok.setContent(sdp, endpoint.headers.createContentTypeHeader("application", "sdp"));
            if (timer.isPresent()) {
                ok.addHeader(endpoint.headers.createHeader("Session-Expires", timer.get().headerValue()));
                if (timer.get().peerSupportsTimer()) {
                    ok.addHeader(endpoint.headers.createHeader("Require", "timer"));
                }
                call.timer = timer.get();
                call.lastRefreshNanos = System.nanoTime();
                startSessionTimer(call);
            }
            call.invite.sendResponse(ok);
            call.state = CallState.CONNECTED; // the application starts once the ACK confirms (see ack)
            // RFC 3261 13.3.1.4: no ACK within 64*T1 (32 s) ends the call; the line must not stay taken
            thread.schedule(() -> {
                if (!call.handed && call.state != CallState.ENDED) {
                    LOG.info("Integration {}: no ACK for {} within 32 s: hanging up", name, call.id);
                    hangUp(call);
                }
            }, ACK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
            LOG.warn("Integration {}: cannot answer on line {}: {}", name, call.line.number, Integration.rootMessage(ex));
            finish(call);
        }
    }

    void ack(RequestEvent e) {
        Request req = e.getRequest();
        SipCall call = byCallId.get(((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null || call.state == CallState.ENDED) {
            return;
        }
        if (call.dialog != null && !call.outgoing) {
            // this thread sent the 2xx, so its retransmission timer runs now: stop it (see CallpostDialogs)
            gov.nist.javax.sip.stack.CallpostDialogs.ackReceived(call.dialog,
                    ((javax.sip.header.CSeqHeader) req.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber());
        }
        if (call.lateOffer) {
            call.lateOffer = false;
            byte[] body = req.getRawContent();
            java.util.function.Consumer<String> ends = why -> {
                LOG.info("Integration {}: late-offer call on line {} ends: {}", name, call.line.number, why);
                hangUp(call);
            };
            if (body == null || body.length == 0) {
                ends.accept("no SDP answer in the ACK");
                return;
            }
            openOnAnswer(call, body, () -> handToApplication(call), ends);
            return;
        }
        handToApplication(call);
    }

    /** The answered call goes to the application once; not before its media is open (a late offer's may still be opening). */
    private void handToApplication(SipCall call) {
        if (call.state == CallState.CONNECTED && !call.ended.isDone() && !call.handed && call.media != null) {
            call.handed = true;
            services.handler().ifPresentOrElse(h -> application.execute(() -> {
                try {
                    h.answered(call);
                } catch (RuntimeException ex) {
                    LOG.warn("Integration {}: the voicemail application failed on {}: {}", name, call.id, Integration.rootMessage(ex), ex);
                }
            }), () -> hangUp(call));
        }
    }

    /**
     * Our offer went out with a placeholder session on the call's ports; the far end's answer
     * settles codec and address: reopen the session, on the same ports, on what it settled. Then
     * {@code opened} runs, or {@code failed} with why: at once, or after retries when the ports
     * are not free yet.
     */
    private void openOnAnswer(SipCall call, byte[] body, Runnable opened, java.util.function.Consumer<String> failed) {
        MediaEngine engine;
        SessionSpec spec;
        try {
            engine = services.media().orElseThrow(() -> new Sdp.Unusable("no media engine is running"));
            Sdp answer = Sdp.parse(new String(body, StandardCharsets.UTF_8));
            call.codec = CodecChoice.answer(answer, engine.codecs())
                    .orElseThrow(() -> new Sdp.Unusable("the answer names no codec Callpost offered"));
            spec = spec(call, answer, call.codec);
        } catch (Sdp.Unusable | RuntimeException e) {
            failed.accept(e.getMessage());
            return;
        }
        MediaSession placeholder = call.media;
        call.media = null;
        if (placeholder != null) {
            placeholder.close();
        }
        openReusingPorts(engine, spec, call, ++call.mediaOpenings, 0, opened, failed);
    }

    /** Attempts to open a session on ports a closed placeholder just had (5 in all, 50 ms apart). */
    static final int REOPEN_ATTEMPTS = 5;
    static final long REOPEN_RETRY_MILLIS = 50;

    /**
     * Opens a session on ports a closed placeholder session just had. Closing releases them, but
     * a loaded machine may take a moment: the next attempt is scheduled on the integration's
     * thread rather than waited for on it, so other calls' events go on meanwhile.
     */
    private void openReusingPorts(MediaEngine engine, SessionSpec spec, SipCall call, int opening, int attempt,
            Runnable opened, java.util.function.Consumer<String> failed) {
        if (opening != call.mediaOpenings) {
            return; // a later answer reopens the media; it reports instead
        }
        if (call.state == CallState.ENDED) {
            failed.accept("the call ended while its media was opening");
            return;
        }
        try {
            call.media = engine.open(spec, listenerFor(call));
        } catch (IOException e) {
            if (attempt + 1 < REOPEN_ATTEMPTS) {
                thread.schedule(() -> openReusingPorts(engine, spec, call, opening, attempt + 1, opened, failed),
                        REOPEN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                failed.accept(e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            failed.accept(e.getMessage());
            return;
        }
        opened.run();
    }

    /** Keys and tones go to the application through the call's listener, once it has one. */
    private MediaListener listenerFor(SipCall call) {
        return call.mediaListener;
    }

    private SessionSpec spec(SipCall call, Sdp remote, CodecChoice.Settled codec) {
        int ptime = remote.ptimeMillis() >= 10 && remote.ptimeMillis() <= 60 ? remote.ptimeMillis() : settings.mediaPacketMillis();
        return new SessionSpec(name + "/line " + call.line.number, settings.localAddress(),
                SessionSpec.lineRtpPort(settings.mediaBasePort(), call.line.index) + call.portOffset, remote.connectionAddress(),
                remote.audioPort(), remote.rtcpPort(), codec.payloadType(), codec.encodingName(), ptime,
                codec.telephoneEventPayloadType(), Sdp.answer(remote.direction()), settings.rtpDscp(),
                settings.validateRemoteMediaHosts(), true);
    }

    /** Before a late offer's answer: the media ports are ours, the far end not yet known. */
    private SessionSpec placeholderSpec(SipCall call, MediaEngine engine) {
        // any codec with a static payload type will do: the answer in the ACK decides
        var first = engine.codecs().stream().filter(c -> c.payloadType() >= 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec with a static payload type is installed"));
        return new SessionSpec(name + "/line " + call.line.number, settings.localAddress(),
                SessionSpec.lineRtpPort(settings.mediaBasePort(), call.line.index) + call.portOffset, "0.0.0.0", 0, 0,
                first.payloadType(), first.encodingName(), settings.mediaPacketMillis(), SessionSpec.NO_TELEPHONE_EVENT,
                MediaDirection.INACTIVE, settings.rtpDscp(), settings.validateRemoteMediaHosts(), true);
    }

    private void reInvite(SipCall call, ServerTransaction st, Request req) {
        call.lastRefreshNanos = System.nanoTime();
        byte[] body = req.getRawContent();
        MediaDirection ours = MediaDirection.SENDRECV;
        try {
            if (body != null && body.length > 0 && call.media != null) {
                Sdp offer = Sdp.parse(new String(body, StandardCharsets.UTF_8));
                ours = Sdp.answer(offer.direction());
                String address = offer.connectionAddress();
                call.media.update(address, offer.audioPort(), address.equals("0.0.0.0") ? MediaDirection.INACTIVE : ours);
                call.state = offer.holds() ? CallState.HELD : CallState.CONNECTED;
                LOG.debug("Integration {}: {} {}", name, call.id, offer.holds() ? "held" : "resumed");
            }
            Response ok = endpoint.messages.createResponse(Response.OK, req);
            ok.addHeader(contact(call.line));
            if (call.media != null && call.codec != null) {
                String sdp = Sdp.write(settings.localAddress(), call.sdpSessionId, ++call.sdpVersion,
                        call.media.localRtpPort(), call.codec.answerFormats(), settings.mediaPacketMillis(), ours);
                ok.setContent(sdp, endpoint.headers.createContentTypeHeader("application", "sdp"));
            }
            Header se = req.getHeader("Session-Expires");
            if (se != null) {
                ok.addHeader(se);
            }
            st.sendResponse(ok);
        } catch (Sdp.Unusable ex) {
            respond(st, Response.NOT_ACCEPTABLE_HERE, "305 Callpost \"" + ex.getMessage() + "\"");
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
            LOG.debug("Integration {}: re-INVITE on {} not answered: {}", name, call.id, Integration.rootMessage(ex));
        }
    }

    /** In-dialog requests other than INVITE and ACK. */
    void inDialog(RequestEvent e) {
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
                    finish(call);
                }
            }
            case Request.CANCEL -> {
                respond(st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
                if (call != null && call.state == CallState.RINGING) {
                    respond(call.invite, Response.REQUEST_TERMINATED, null);
                    finish(call);
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

    /** A SUBSCRIBE to a mailbox's message summary (RFC 3842). */
    void subscribe(RequestEvent e) {
        org.callpost.api.profile.SwitchProfile profile;
        try {
            profile = services.profile();
        } catch (RuntimeException ex) {
            profile = null;
        }
        ServerTransaction st = serverTransaction(e);
        if (st != null) {
            summaries.subscribe(st, endpoint, settings, profile);
        }
    }

    /** How many message-summary subscriptions are active (for the status). */
    int subscriptions() {
        return summaries.count();
    }

    boolean isCallRequest(Request req) {
        return byCallId.containsKey(((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId());
    }

    // ---- ending ---------------------------------------------------------------------------

    void hangUp(SipCall call) {
        thread.execute(() -> {
            if (call.state == CallState.ENDED) {
                return;
            }
            if (call.outgoing) {
                if (call.state == CallState.DIALLING) {
                    noAnswer(call);
                    return;
                }
                sendBye(call);
            } else if (call.state == CallState.RINGING) {
                respond(call.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            } else if (call.dialog != null) {
                try {
                    Request bye = call.dialog.createRequest(Request.BYE);
                    ClientTransaction ct = endpoint.provider().getNewClientTransaction(bye);
                    call.dialog.sendRequest(ct);
                } catch (SipException | RuntimeException ex) {
                    LOG.debug("Integration {}: BYE for {} not sent: {}", name, call.id, Integration.rootMessage(ex));
                }
            }
            finish(call);
        });
    }

    /** Ends a call on our side: media closed (a recording keeps what was said), line rests. */
    private void finish(SipCall call) {
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
        call.ended.complete(null);
    }

    /** Hangs up every call and ends every subscription (the integration stops). */
    void endAll() {
        summaries.endAll(endpoint, settings);
        for (SipCall call : List.copyOf(byCallId.values())) {
            if (call.outgoing) {
                if (call.state != CallState.DIALLING) {
                    sendBye(call);
                }
            } else if (call.state == CallState.RINGING) {
                respond(call.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            } else if (call.dialog != null) {
                try {
                    Request bye = call.dialog.createRequest(Request.BYE);
                    call.dialog.sendRequest(endpoint.provider().getNewClientTransaction(bye));
                } catch (SipException | RuntimeException ex) {
                    // stopping anyway
                }
            }
            finish(call);
        }
    }

    // ---- placing calls ----------------------------------------------------------------------

    /** Lines last used for an outgoing call, for circular hunting. */
    private final Map<String, Long> lastDialled = new HashMap<>();

    /** A free line for an outgoing call: the last free one with terminal hunting, else the least recently used. */
    private Line lineForDialling(Dialler.Purpose purpose) {
        List<Line> free = new ArrayList<>();
        List<String> mwiLines = settings.mwiLines();
        for (Line l : lines.values()) {
            boolean forMwi = mwiLines.contains(l.extension);
            boolean allowed = purpose == Dialler.Purpose.MWI ? forMwi || mwiLines.isEmpty() : !forMwi;
            if (l.free() && allowed) {
                free.add(l);
            }
        }
        if (free.isEmpty()) {
            return null;
        }
        if (settings.huntMode() == HuntMode.TERMINAL) {
            return free.get(free.size() - 1);
        }
        free.sort(java.util.Comparator.comparingLong(l -> lastDialled.getOrDefault(l.extension, 0L)));
        return free.get(0);
    }

    CompletionStage<DialResult> dial(String number, Dialler.Purpose purpose, int noAnswerSeconds) {
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        thread.execute(() -> {
            Line line = lineForDialling(purpose);
            if (line == null) {
                result.complete(new DialResult(DialResult.Outcome.NO_FREE_LINE, 0, Optional.empty()));
                return;
            }
            lastDialled.put(line.extension, System.nanoTime());
            SipCall call = newOutgoing(line, number, 0, result);
            line.call = call;
            thread.schedule(() -> sendInvite(call, noAnswerSeconds), settings.outgoingOffHookDelayMillis(), TimeUnit.MILLISECONDS);
        });
        return result;
    }

    private SipCall newOutgoing(Line line, String number, int portOffset, CompletableFuture<DialResult> result) {
        CallInfo info = new CallInfo(line.extension, "", number, Optional.empty(), ForwardReason.NONE, Optional.empty(),
                false, false, List.of());
        SipCall call = new SipCall(this, name, line, endpoint.newCallId(), info);
        call.outgoing = true;
        call.portOffset = portOffset;
        call.state = CallState.DIALLING;
        call.dialResult = result;
        byCallId.put(call.callId, call);
        services.callStarted(call);
        return call;
    }

    private void sendInvite(SipCall call, int noAnswerSeconds) {
        if (call.state != CallState.DIALLING) {
            return;
        }
        Optional<MediaEngine> engine = services.media();
        try {
            if (engine.isEmpty()) {
                throw new IllegalStateException("no media engine is running");
            }
            call.media = engine.get().open(placeholderSpec(call, engine.get()), listenerFor(call));
            call.outgoingInvite = outgoingInvite(call, CodecChoice.offer(engine.get().codecs()), null);
            send(call, call.outgoingInvite);
            call.noAnswerTimer = thread.schedule(() -> noAnswer(call), noAnswerSeconds, TimeUnit.SECONDS);
        } catch (IOException | SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("Integration {}: call to {} from line {} not placed: {}", name, call.info.dialledNumber(),
                    call.line.number, Integration.rootMessage(e));
            endDialling(call, DialResult.Outcome.FAILED, 0);
        }
    }

    private Request outgoingInvite(SipCall call, List<Sdp.Format> offer, Challenge challenge)
            throws ParseException, InvalidArgumentException {
        var af = endpoint.addresses;
        var hf = endpoint.headers;
        String transport = settings.transport().sipName();
        String pbx = settings.server().host();
        SipURI target = OutOfDialogRequest.uri(af, call.info.dialledNumber(), pbx, settings.server().port(), transport);
        Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.INVITE, target)
                .callId(call.callId).cseq(call.cseq)
                .from(OutOfDialogRequest.uri(af, call.line.extension, pbx, 0, null), call.localTag)
                .to(OutOfDialogRequest.uri(af, call.info.dialledNumber(), pbx, 0, null))
                .via(settings.localAddress(), settings.localPort(), transport, true)
                .contact(contactUri(call.line))
                .build();
        r.addHeader(hf.createSupportedHeader("replaces"));
        r.addHeader(hf.createSupportedHeader("timer"));
        String sdp = Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                offer, settings.mediaPacketMillis(), MediaDirection.SENDRECV);
        r.setContent(sdp, hf.createContentTypeHeader("application", "sdp"));
        if (challenge != null) {
            r.addHeader(call.digest.answer(hf, af, challenge, Request.INVITE, target.toString(), call.line.extension,
                    settings.password().reveal()));
        }
        return r;
    }

    private void send(SipCall call, Request invite) throws SipException {
        ClientTransaction ct = endpoint.provider().getNewClientTransaction(invite);
        ct.setApplicationData(call);
        call.outgoingTx = ct;
        ct.sendRequest();
    }

    private void noAnswer(SipCall call) {
        if (call.state == CallState.DIALLING && call.outgoingTx != null && !call.cancelled) {
            call.cancelled = true;
            try {
                ClientTransaction cancel = endpoint.provider().getNewClientTransaction(call.outgoingTx.createCancel());
                cancel.sendRequest();
            } catch (SipException | RuntimeException e) {
                endDialling(call, DialResult.Outcome.NO_ANSWER, 0);
                return;
            }
            // the 487 ends it; if none comes, give up anyway
            thread.schedule(() -> endDialling(call, DialResult.Outcome.NO_ANSWER, 0), 4, TimeUnit.SECONDS);
        }
    }

    /** A response to an INVITE Callpost sent. */
    private void outgoingResponse(SipCall call, ClientTransaction ct, Response r) {
        int code = r.getStatusCode();
        if (ct != call.outgoingTx || call.state == CallState.ENDED) {
            if (code >= 200 && code < 300 && call.state == CallState.ENDED) {
                // answered after we gave up: acknowledge and hang up at once
                rememberDialog(call, r);
                sendAck(call);
                sendBye(call);
            }
            return;
        }
        if (code < 200) {
            if (code == Response.RINGING || code == Response.SESSION_PROGRESS) {
                call.ringing.complete(null);
            }
            byte[] body = r.getRawContent();
            if (code == 183 && body != null && body.length > 0 && settings.callProgress() == CallProgressType.MEDIA
                    && call.dialResult != null && !call.dialResult.isDone()) {
                // "Media": the gateway reports connection early; early media counts as answered, so
                // the no-answer timer stops (hanging up is still a CANCEL: the dialog is early)
                useAnswer(call, body, () -> {
                    if (call.noAnswerTimer != null) {
                        call.noAnswerTimer.cancel(false);
                    }
                    LOG.debug("Integration {}: {} connected by early media (call progress MEDIA)", name, call.id);
                    call.dialResult.complete(new DialResult(DialResult.Outcome.ANSWERED, code, Optional.of(call)));
                }, () -> {
                });
            }
            return;
        }
        if (code < 300) {
            rememberDialog(call, r);
            sendAck(call);
            if (call.noAnswerTimer != null) {
                call.noAnswerTimer.cancel(false);
            }
            if (call.cancelled) {
                sendBye(call);
                endDialling(call, DialResult.Outcome.NO_ANSWER, code);
                return;
            }
            byte[] body = r.getRawContent();
            Runnable unusable = () -> {
                sendBye(call);
                endDialling(call, DialResult.Outcome.FAILED, code);
            };
            if (body == null || body.length == 0) {
                unusable.run();
                return;
            }
            useAnswer(call, body, () -> {
                call.state = CallState.CONNECTED;
                if (call.dialResult != null && !call.dialResult.isDone()) {
                    call.dialResult.complete(new DialResult(DialResult.Outcome.ANSWERED, code, Optional.of(call)));
                }
            }, unusable);
            return;
        }
        if ((code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) && !call.challengeAnswered) {
            Challenge c = DigestAuthorization.challengeIn(r);
            if (c != null && DigestAuthorization.supports(c)) {
                call.challengeAnswered = true;
                call.cseq++;
                try {
                    call.outgoingInvite = outgoingInvite(call, offerOf(call), c);
                    send(call, call.outgoingInvite);
                    return;
                } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                    LOG.info("Integration {}: answering the PBX's challenge for a call from line {} failed: {}", name,
                            call.line.number, Integration.rootMessage(e));
                }
            }
        }
        DialResult.Outcome outcome = switch (code) {
            case 486, 600 -> DialResult.Outcome.BUSY;
            case 408, 480, 487 -> DialResult.Outcome.NO_ANSWER;
            default -> DialResult.Outcome.REFUSED;
        };
        endDialling(call, outcome, code);
    }

    private List<Sdp.Format> offerOf(SipCall call) {
        return services.media().map(m -> CodecChoice.offer(m.codecs())).orElse(List.of());
    }

    /** Opens the call's media on the far end's SDP, then {@code used}; {@code unusable} when it names nothing usable. */
    private void useAnswer(SipCall call, byte[] body, Runnable used, Runnable unusable) {
        openOnAnswer(call, body, used, why -> {
            LOG.info("Integration {}: the answer to a call from line {} is not usable: {}", name, call.line.number, why);
            unusable.run();
        });
    }

    private void rememberDialog(SipCall call, Response r) {
        call.remoteTag = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
        ContactHeader c = (ContactHeader) r.getHeader(ContactHeader.NAME);
        call.remoteTarget = c != null ? c.getAddress().getURI() : call.outgoingInvite.getRequestURI();
        List<Header> routes = new ArrayList<>();
        for (java.util.ListIterator<?> it = r.getHeaders(javax.sip.header.RecordRouteHeader.NAME); it.hasNext();) {
            javax.sip.header.RecordRouteHeader rr = (javax.sip.header.RecordRouteHeader) it.next();
            routes.add(0, endpoint.headers.createRouteHeader(rr.getAddress()));
        }
        call.routeSet = routes;
    }

    /** A request inside a dialog Callpost started (RFC 3261 section 12.2.1.1), built by hand. */
    private Request inOutgoingDialog(SipCall call, String method, long cseq) throws ParseException, InvalidArgumentException {
        var hf = endpoint.headers;
        var af = endpoint.addresses;
        ViaHeader via = hf.createViaHeader(settings.localAddress(), settings.localPort(), settings.transport().sipName(), null);
        javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) call.outgoingInvite.getHeader(javax.sip.header.FromHeader.NAME);
        ToHeader to = (ToHeader) ((ToHeader) call.outgoingInvite.getHeader(ToHeader.NAME)).clone();
        if (call.remoteTag != null) {
            to.setTag(call.remoteTag);
        }
        Request r = endpoint.messages.createRequest(call.remoteTarget != null ? call.remoteTarget : call.outgoingInvite.getRequestURI(),
                method, hf.createCallIdHeader(call.callId), hf.createCSeqHeader(cseq, method),
                (javax.sip.header.FromHeader) from.clone(), to, List.of(via), hf.createMaxForwardsHeader(70));
        for (Header route : call.routeSet) {
            r.addHeader(route);
        }
        r.addHeader(contact(call.line));
        return r;
    }

    private void sendAck(SipCall call) {
        try {
            endpoint.provider().sendRequest(inOutgoingDialog(call, Request.ACK, call.cseq));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: ACK not sent for {}: {}", name, call.id, Integration.rootMessage(e));
        }
    }

    private void sendBye(SipCall call) {
        try {
            Request bye = inOutgoingDialog(call, Request.BYE, ++call.cseq);
            endpoint.provider().getNewClientTransaction(bye).sendRequest();
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: BYE not sent for {}: {}", name, call.id, Integration.rootMessage(e));
        }
    }

    private void endDialling(SipCall call, DialResult.Outcome outcome, int code) {
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
        }
        if (call.dialResult != null && !call.dialResult.isDone()) {
            call.dialResult.complete(new DialResult(outcome, code, Optional.empty()));
        }
        finish(call);
    }

    // ---- message-waiting lamps ---------------------------------------------------------------

    /**
     * Sets a lamp the way the profile says: a feature code dialled from an MWI line and hung up as
     * soon as the PBX answers or refuses, or an unsolicited NOTIFY.
     */
    CompletionStage<Integer> setMessageWaiting(LampRequest request) {
        String extension = request.extension();
        org.callpost.api.profile.MessageWaiting how;
        try {
            how = services.profile().messageWaiting(request, settings);
        } catch (RuntimeException e) {
            LOG.warn("Integration {}: switch profile could not say how to set the lamp of {}: {}", name, extension,
                    Integration.rootMessage(e));
            return CompletableFuture.completedFuture(0);
        }
        if (how instanceof org.callpost.api.profile.MessageWaiting.DialCode code) {
            return dial(code.number(), Dialler.Purpose.MWI, 10).thenApply(r -> {
                r.call().ifPresent(org.callpost.api.call.Call::hangUp);
                return switch (r.outcome()) {
                    case ANSWERED -> 200;
                    case NO_ANSWER -> r.sipStatus() == 0 ? 408 : r.sipStatus();
                    case NO_FREE_LINE -> 503;
                    default -> r.sipStatus();
                };
            });
        }
        org.callpost.api.profile.MessageWaiting.Notify notify = (org.callpost.api.profile.MessageWaiting.Notify) how;
        CompletableFuture<Integer> done = new CompletableFuture<>();
        thread.execute(() -> {
            summaries.changed(extension, notify, endpoint, settings);
            try {
                var af = endpoint.addresses;
                var hf = endpoint.headers;
                String transport = settings.transport().sipName();
                String pbx = settings.server().host();
                Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.NOTIFY,
                                OutOfDialogRequest.uri(af, extension, pbx, settings.server().port(), transport))
                        .callId(endpoint.newCallId()).cseq(1)
                        .from(OutOfDialogRequest.uri(af, settings.lineExtensions().get(0), pbx, 0, null),
                                Long.toHexString(System.nanoTime()))
                        .to(OutOfDialogRequest.uri(af, extension, pbx, 0, null))
                        .via(settings.localAddress(), settings.localPort(), transport, false)
                        .contact(contactUri(lines.values().iterator().next()))
                        .header(hf.createEventHeader(notify.event()))
                        .header(hf.createSubscriptionStateHeader("active"))
                        .build();
                String[] type = notify.contentType().split("/", 2);
                r.setContent(notify.body(), hf.createContentTypeHeader(type[0], type[1]));
                ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
                ct.setApplicationData(new LampNotify(this, done));
                ct.sendRequest();
                thread.schedule(() -> done.complete(0), 8, TimeUnit.SECONDS);
            } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                LOG.info("Integration {}: lamp NOTIFY for {} not sent: {}", name, extension, Integration.rootMessage(e));
                done.complete(0);
            }
        });
        return done;
    }

    /** A lamp NOTIFY waiting for its answer. */
    private record LampNotify(Calls owner, CompletableFuture<Integer> done) {
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
            leg[0] = newOutgoing(call.line, extension, 2, placed);
            leg[0].ringing.thenRun(() -> ringing.complete(null));
            sendInvite(leg[0], noAnswerSeconds);
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
                        hangUp(leg[0]);
                    }
                });
                thread.execute(() -> {
                    if (leg[0] != null && leg[0].state == CallState.DIALLING) {
                        hangUp(leg[0]);
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
                refer.addHeader(endpoint.headers.createHeader("Refer-To", "<sip:" + extension + "@" + settings.server().host() + ">"));
                call.dialog.sendRequest(endpoint.provider().getNewClientTransaction(refer));
                thread.schedule(() -> done.complete(false), 15, TimeUnit.SECONDS);
            } catch (SipException | ParseException | RuntimeException e) {
                done.complete(false);
            }
        });
        return done.thenApply(ok -> {
            if (ok) {
                hangUp(call);
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
                String replaces = consultation.callId + ";to-tag=" + consultation.remoteTag + ";from-tag=" + consultation.localTag;
                String target = "sip:" + consultation.info.dialledNumber() + "@" + settings.server().host() + "?Replaces="
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
                hangUp(consultation);
                hangUp(caller);
            }
            return ok;
        });
    }

    /** A response to a request we sent inside a call (BYE, REFER): completes what waits for it. */
    boolean response(ClientTransaction ct, Response r) {
        if (ct != null && ct.getApplicationData() instanceof SessionRefresh sr && sr.owner() == this) {
            thread.execute(() -> refreshAnswered(sr.call(), ct, r));
            return true;
        }
        if (ct != null && ct.getApplicationData() instanceof LampNotify n && n.owner() == this) {
            if (r.getStatusCode() >= 200) {
                n.done().complete(r.getStatusCode());
            }
            return true;
        }
        if (ct != null && ct.getApplicationData() instanceof SipCall call && call.outgoing) {
            if (call.owner() != this) {
                return false; // another integration's call on a shared endpoint
            }
            outgoingResponse(call, ct, r);
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

    // ---- session timers (RFC 4028) -----------------------------------------------------------

    private void respondMinSe(ServerTransaction st) {
        try {
            Response r = endpoint.messages.createResponse(422, st.getRequest());
            r.addHeader(endpoint.headers.createHeader("Min-SE", String.valueOf(SessionTimer.MIN_SECONDS)));
            st.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: 422 not sent: {}", name, Integration.rootMessage(e));
        }
    }

    /**
     * Runs an answered call's session timer: when we are the refresher, a refresh at half the
     * interval (an UPDATE where the PBX allows it, else a re-INVITE with the same SDP); when the
     * PBX is, a BYE if its refresh is overdue. Either way a refresh from the PBX restarts it.
     */
    private void startSessionTimer(SipCall call) {
        SessionTimer t = call.timer;
        long tick = Math.max(1000, t.seconds() * 1000L / 8);
        call.sessionTimer = thread.scheduleWithFixedDelay(() -> {
            if (call.state == CallState.ENDED) {
                return;
            }
            long quietMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.lastRefreshNanos);
            if (t.weRefresh() && quietMillis >= t.refreshAfterMillis() && !call.refreshing) {
                sendSessionRefresh(call);
            } else if (quietMillis >= t.giveUpAfterMillis()) {
                LOG.info("Integration {}: {} not refreshed within its session interval of {} s: hanging up", name,
                        call.id, t.seconds());
                hangUp(call);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void sendSessionRefresh(SipCall call) {
        try {
            boolean update = allows(call.inviteRequest, Request.UPDATE);
            Request r = call.dialog.createRequest(update ? Request.UPDATE : Request.INVITE);
            r.addHeader(endpoint.headers.createHeader("Session-Expires", call.timer.headerValue()));
            r.addHeader(endpoint.headers.createHeader("Supported", "timer"));
            r.addHeader(contact(call.line));
            if (!update && call.media != null && call.codec != null) {
                String sdp = Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion,
                        call.media.localRtpPort(), call.codec.answerFormats(), settings.mediaPacketMillis(),
                        call.state == CallState.HELD ? MediaDirection.SENDONLY : MediaDirection.SENDRECV);
                r.setContent(sdp, endpoint.headers.createContentTypeHeader("application", "sdp"));
            }
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
            ct.setApplicationData(new SessionRefresh(this, call));
            call.refreshing = true;
            call.dialog.sendRequest(ct);
            LOG.debug("Integration {}: session refresh of {} by {}", name, call.id, r.getMethod());
        } catch (SipException | ParseException | RuntimeException ex) {
            call.refreshing = false;
            LOG.debug("Integration {}: session refresh of {} not sent: {}", name, call.id, Integration.rootMessage(ex));
        }
    }

    /** The answer to our session refresh: 2xx restarts the interval; 408 or 481 mean the call is gone. */
    private void refreshAnswered(SipCall call, ClientTransaction ct, Response r) {
        int code = r.getStatusCode();
        if (code < 200) {
            return;
        }
        call.refreshing = false;
        if (code < 300) {
            call.lastRefreshNanos = System.nanoTime();
            if (Request.INVITE.equals(ct.getRequest().getMethod())) {
                try {
                    long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
                    call.dialog.sendAck(call.dialog.createAck(cseq));
                } catch (SipException | InvalidArgumentException | RuntimeException ex) {
                    LOG.debug("Integration {}: ACK of the refresh of {} not sent: {}", name, call.id, Integration.rootMessage(ex));
                }
            }
        } else if (code == Response.REQUEST_TIMEOUT || code == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
            LOG.info("Integration {}: the PBX answered {} to the session refresh of {}: hanging up", name, code, call.id);
            hangUp(call);
        } else {
            LOG.info("Integration {}: the PBX answered {} to the session refresh of {}; the call goes on", name, code, call.id);
            call.lastRefreshNanos = System.nanoTime(); // RFC 4028 leaves the session as it was; try again at the next half
        }
    }

    private static boolean allows(Request r, String method) {
        for (ListIterator<?> it = r.getHeaders("Allow"); it != null && it.hasNext();) {
            String v = it.next().toString();
            int colon = v.indexOf(':');
            for (String m : v.substring(colon + 1).split(",")) {
                if (m.trim().equalsIgnoreCase(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A session refresh we sent, so its answer comes back to the call. */
    record SessionRefresh(Calls owner, SipCall call) {
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private ServerTransaction serverTransaction(RequestEvent e) {
        if (e.getServerTransaction() != null) {
            return e.getServerTransaction();
        }
        try {
            return endpoint.provider().getNewServerTransaction(e.getRequest());
        } catch (TransactionAlreadyExistsException ex) {
            return null;
        } catch (SipException | RuntimeException ex) {
            LOG.debug("Integration {}: no transaction for {}: {}", name, e.getRequest().getMethod(), Integration.rootMessage(ex));
            return null;
        }
    }

    private ContactHeader contact(Line line) throws ParseException {
        return endpoint.headers.createContactHeader(endpoint.addresses.createAddress(contactUri(line)));
    }

    /** A line's own address: its extension at our address and port, over the configured transport. */
    private SipURI contactUri(Line line) throws ParseException {
        return OutOfDialogRequest.uri(endpoint.addresses, line.extension, settings.localAddress(), settings.localPort(),
                settings.transport().sipName());
    }

    private void sendProvisional(SipCall call, int code) {
        try {
            Response r = endpoint.messages.createResponse(code, call.inviteRequest);
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.localTag);
            r.addHeader(contact(call.line));
            call.invite.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: {} not sent on line {}: {}", name, code, call.line.number, Integration.rootMessage(e));
        }
    }

    /** Sends a response; {@code warning} is a Warning header value or null. */
    void respond(ServerTransaction st, int code, String warning) {
        try {
            Response r = endpoint.messages.createResponse(code, st.getRequest());
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (code > 100 && to.getTag() == null) {
                // a final answer to a call's INVITE carries the tag its 180 had
                SipCall call = byCallId.get(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
                to.setTag(call != null && call.invite == st ? call.localTag : Long.toHexString(System.nanoTime()));
            }
            if (warning != null) {
                r.addHeader(endpoint.headers.createHeader("Warning", warning));
            }
            st.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: {} not sent: {}", name, code, Integration.rootMessage(e));
        }
    }

}
