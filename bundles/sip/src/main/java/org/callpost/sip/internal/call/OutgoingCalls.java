package org.callpost.sip.internal.call;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaEngine;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Callpost places from a line (callouts, lamps by feature code, consultations): a line
 * chosen by the hunt mode, INVITE after the outgoing off-hook delay, the PBX's challenge
 * answered, CANCEL on no answer, the dialog kept by hand in the call's {@link OutgoingDialog}.
 */
final class OutgoingCalls extends CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCalls.class);
    private final Calls calls;
    private final CallMedia callMedia;

    OutgoingCalls(Calls calls, CallMedia callMedia) {
        super(calls.name, calls.thread, calls.services, calls.byCallId);
        this.calls = calls;
        this.callMedia = callMedia;
    }

    // ---- placing calls ----------------------------------------------------------------------

    /** Lines last used for an outgoing call, for circular hunting. */
    private final Map<String, Long> lastDialled = new HashMap<>();

    /** A free line for an outgoing call: the last free one with terminal hunting, else the least recently used. */
    private Line lineForDialling(Dialler.Purpose purpose) {
        List<Line> free = new ArrayList<>();
        List<String> mwiLines = settings.mwiLines();
        for (Line l : calls.lines()) {
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

    SipCall newOutgoing(Line line, String number, int portOffset, CompletableFuture<DialResult> result) {
        CallInfo info = new CallInfo(line.extension, "", number, Optional.empty(), ForwardReason.NONE, Optional.empty(),
                false, false, List.of());
        String callId = endpoint.newCallId();
        SipCall call = new SipCall(calls, name, line, callId, info, new OutgoingDialog(callId));
        call.portOffset = portOffset;
        call.state = CallState.DIALLING;
        call.dialResult = result;
        byCallId.put(call.callId, call);
        services.callStarted(call);
        return call;
    }

    void sendInvite(SipCall call, int noAnswerSeconds) {
        if (call.state != CallState.DIALLING) {
            return;
        }
        Optional<MediaEngine> engine = services.media();
        try {
            if (engine.isEmpty()) {
                throw new IllegalStateException("no media engine is running");
            }
            call.media = engine.get().open(callMedia.placeholderSpec(call, engine.get()), callMedia.listenerFor(call));
            call.offeredCrypto = SrtpChoice.offer(srtp);
            call.outgoing.invite = outgoingInvite(call, CodecChoice.offer(engine.get().codecs()), null);
            send(call, call.outgoing.invite);
            call.noAnswerTimer = thread.schedule(() -> noAnswer(call), noAnswerSeconds, TimeUnit.SECONDS);
        } catch (IOException | SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.info("Integration {}: call to {} from line {} not placed: {}", name, call.info.dialledNumber(),
                    call.lineNumber, Integration.rootMessage(e));
            endDialling(call, DialResult.Outcome.FAILED, 0);
        }
    }

    private Request outgoingInvite(SipCall call, List<Sdp.Format> offer, Challenge challenge)
            throws ParseException, InvalidArgumentException {
        var af = endpoint.addresses;
        var hf = endpoint.headers;
        String transport = settings.transport().sipName();
        String pbx = settings.server().host();
        SipURI target = uris.uri(af, call.info.dialledNumber(), pbx, settings.server().port());
        Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.INVITE, target)
                .callId(call.callId).cseq(call.outgoing.cseq)
                .from(uris.aor(af, call.line.extension, pbx), call.localTag)
                .to(uris.aor(af, call.info.dialledNumber(), pbx))
                .via(settings.localAddress(), settings.localPort(), transport, true)
                .contact(contactUri(call.line))
                .build();
        r.addHeader(hf.createSupportedHeader("replaces"));
        r.addHeader(hf.createSupportedHeader("timer"));
        String sdp = Sdp.write(settings.localAddress(), call.sdpSessionId, call.sdpVersion, call.media.localRtpPort(),
                offer, settings.mediaPacketMillis(), MediaDirection.SENDRECV, SrtpChoice.offerProfile(srtp),
                call.offeredCrypto);
        r.setContent(sdp, hf.createContentTypeHeader("application", "sdp"));
        if (challenge != null) {
            r.addHeader(call.outgoing.digest.answer(hf, af, challenge, Request.INVITE, target.toString(), call.line.extension,
                    settings.password().reveal()));
        }
        return r;
    }

    private void send(SipCall call, Request invite) throws SipException {
        ClientTransaction ct = endpoint.provider().getNewClientTransaction(invite);
        ct.setApplicationData(call);
        call.outgoing.tx = ct;
        ct.sendRequest();
    }

    void noAnswer(SipCall call) {
        if (call.state == CallState.DIALLING && call.outgoing.tx != null && !call.outgoing.cancelled) {
            call.outgoing.cancelled = true;
            try {
                ClientTransaction cancel = endpoint.provider().getNewClientTransaction(call.outgoing.tx.createCancel());
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
    void outgoingResponse(SipCall call, ClientTransaction ct, Response r) {
        int code = r.getStatusCode();
        if (ct != call.outgoing.tx || call.state == CallState.ENDED) {
            if (code >= 200 && code < 300 && call.state == CallState.ENDED) {
                // answered after we gave up: acknowledge and hang up at once
                call.outgoing.established(r, endpoint.headers);
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
            call.outgoing.established(r, endpoint.headers);
            sendAck(call);
            if (call.noAnswerTimer != null) {
                call.noAnswerTimer.cancel(false);
            }
            if (call.outgoing.cancelled) {
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
        if ((code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) && !call.outgoing.challengeAnswered) {
            Challenge c = DigestAuthorization.challengeIn(r);
            if (c != null && DigestAuthorization.supports(c)) {
                call.outgoing.challengeAnswered = true;
                call.outgoing.cseq++;
                try {
                    call.outgoing.invite = outgoingInvite(call, offerOf(call), c);
                    send(call, call.outgoing.invite);
                    return;
                } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                    LOG.info("Integration {}: answering the PBX's challenge for a call from line {} failed: {}", name,
                            call.lineNumber, Integration.rootMessage(e));
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
        callMedia.openOnAnswer(call, body, used, why -> {
            LOG.info("Integration {}: the answer to a call from line {} is not usable: {}", name, call.lineNumber, why);
            unusable.run();
        });
    }

    /** A request inside the call's dialog, from the line's address as the settings now give it. */
    private Request inDialog(SipCall call, String method, long cseq) throws ParseException, InvalidArgumentException {
        return call.outgoing.request(method, cseq, endpoint.messages, endpoint.headers, settings, contact(call.line));
    }

    private void sendAck(SipCall call) {
        try {
            endpoint.provider().sendRequest(inDialog(call, Request.ACK, call.outgoing.cseq));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: ACK not sent for {}: {}", name, call.id, Integration.rootMessage(e));
        }
    }

    void sendBye(SipCall call) {
        try {
            Request bye = inDialog(call, Request.BYE, ++call.outgoing.cseq);
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
        calls.finish(call);
    }
}
