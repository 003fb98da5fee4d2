package org.callpost.sip.internal.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.media.SessionSpec;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.message.InviteReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the PBX offers to the lines: INVITE answered 100, 180, then 200 after the incoming
 * off-hook delay (a late offer's answer comes in the ACK), handed to the application once the
 * ACK confirms, re-INVITEs for hold and resume.
 */
final class IncomingCalls extends CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCalls.class);
    /** 64 x T1: how long a 200 OK waits for its ACK (RFC 3261 section 13.3.1.4). */
    static final int ACK_WAIT_SECONDS = 32;

    private final Calls calls;
    private final ExecutorService application;
    private final CallMedia callMedia;
    private final SessionTimers timers;

    IncomingCalls(Calls calls, ExecutorService application, CallMedia callMedia, SessionTimers timers) {
        super(calls.name, calls.thread, calls.services, calls.byCallId);
        this.calls = calls;
        this.application = application;
        this.callMedia = callMedia;
        this.timers = timers;
    }

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
        Line line = calls.line(user);
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
        SrtpChoice.Settled sdes = SrtpChoice.Settled.plain(Sdp.AVP);
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
            sdes = SrtpChoice.answer(offer, srtp);
            if (sdes.refused()) {
                LOG.info("Integration {}: call on line {} refused (488): {}", name, line.number, sdes.refusal());
                respond(st, Response.NOT_ACCEPTABLE_HERE, "305 Callpost \"" + sdes.refusal() + "\"");
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
        SipCall call = new SipCall(calls, name, line, callId, info, null);
        call.invite = st;
        call.inviteRequest = req;
        call.codec = codec;
        call.sdes = sdes;
        call.lateOffer = offer == null;
        try {
            call.dialog = endpoint.provider().getNewDialog(st);
        } catch (SipException ex) {
            respond(st, Response.SERVER_INTERNAL_ERROR, null);
            return;
        }
        Optional<SessionTimer> timer = SessionTimer.requested(req);
        if (timer.isPresent() && timer.get().tooShort()) {
            timers.respondMinSe(st);
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
            calls.finish(call, CallOutcome.FAILED);
            return;
        }
        try {
            SessionSpec spec = offer != null ? callMedia.spec(call, offer, call.codec) : callMedia.placeholderSpec(call, engine.get());
            call.media = engine.get().open(spec, callMedia.listenerFor(call));
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Integration {}: cannot open media for line {}: {}", name, call.lineNumber, Integration.rootMessage(ex));
            respond(call.invite, Response.SERVER_INTERNAL_ERROR, null);
            calls.finish(call, CallOutcome.FAILED);
            return;
        }
        if (offer == null) {
            call.offeredCrypto = SrtpChoice.offer(srtp);
        }
        String sdp = offer != null
                ? Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                        call.codec.answerFormats(), settings.mediaPacketMillis(), Sdp.answer(offer.direction()),
                        call.sdes.profile(), call.sdes.ourLines())
                : Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                        CodecChoice.offer(engine.get().codecs()), settings.mediaPacketMillis(), MediaDirection.SENDRECV,
                        SrtpChoice.offerProfile(srtp), call.offeredCrypto);
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
                timers.startSessionTimer(call);
            }
            call.invite.sendResponse(ok);
            call.state = CallState.CONNECTED; // the application starts once the ACK confirms (see ack)
            // RFC 3261 13.3.1.4: no ACK within 64*T1 (32 s) ends the call; the line must not stay taken
            thread.schedule(() -> {
                if (!call.handed && call.state != CallState.ENDED) {
                    LOG.info("Integration {}: no ACK for {} within 32 s: hanging up", name, call.id);
                    calls.hangUp(call);
                }
            }, ACK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
            LOG.warn("Integration {}: cannot answer on line {}: {}", name, call.lineNumber, Integration.rootMessage(ex));
            calls.finish(call, CallOutcome.FAILED);
        }
    }

    void ack(RequestEvent e) {
        Request req = e.getRequest();
        SipCall call = byCallId.get(((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null || call.state == CallState.ENDED) {
            return;
        }
        if (call.dialog != null && call.outgoing == null) {
            // this thread sent the 2xx, so its retransmission timer runs now: stop it (see CallpostDialogs)
            gov.nist.javax.sip.stack.CallpostDialogs.ackReceived(call.dialog,
                    ((javax.sip.header.CSeqHeader) req.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber());
        }
        if (call.lateOffer) {
            call.lateOffer = false;
            byte[] body = req.getRawContent();
            java.util.function.Consumer<String> ends = why -> {
                LOG.info("Integration {}: late-offer call on line {} ends: {}", name, call.lineNumber, why);
                calls.hangUp(call);
            };
            if (body == null || body.length == 0) {
                ends.accept("no SDP answer in the ACK");
                return;
            }
            callMedia.openOnAnswer(call, body, () -> handToApplication(call), ends);
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
            }), () -> calls.hangUp(call));
        }
    }

    private void reInvite(SipCall call, ServerTransaction st, Request req) {
        call.lastRefreshNanos = System.nanoTime();
        byte[] body = req.getRawContent();
        MediaDirection ours = MediaDirection.SENDRECV;
        try {
            if (body != null && body.length > 0 && call.media != null) {
                Sdp offer = Sdp.parse(new String(body, StandardCharsets.UTF_8));
                SrtpChoice.Settled sdes = SrtpChoice.reanswer(call.sdes, offer, srtp);
                if (sdes.refused()) {
                    // the call goes on as it was: 488 refuses only the change
                    respond(st, Response.NOT_ACCEPTABLE_HERE, "305 Callpost \"" + sdes.refusal() + "\"");
                    return;
                }
                if (sdes.keys() != null && !sdes.keys().equals(call.sdes.keys())) {
                    call.media.rekey(sdes.keys());
                    LOG.debug("Integration {}: {} takes up the PBX's new SRTP key", name, call.id);
                }
                call.sdes = sdes;
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
                        call.media.localRtpPort(), call.codec.answerFormats(), settings.mediaPacketMillis(), ours,
                        call.sdes.profile(), call.sdes.ourLines());
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

}
