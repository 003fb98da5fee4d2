package org.callpost.sip.internal.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.callpost.api.call.CallState;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.SessionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's media session: the spec it opens on (the line's ports, the far end's SDP), the
 * placeholder before a late offer's answer, and reopening on an answer on the same ports.
 */
final class CallMedia extends CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);

    CallMedia(String name, ScheduledExecutorService thread, CallServices services, Map<String, SipCall> byCallId) {
        super(name, thread, services, byCallId);
    }

    /**
     * Our offer went out with a placeholder session on the call's ports; the far end's answer
     * settles codec and address: reopen the session, on the same ports, on what it settled. Then
     * {@code opened} runs, or {@code failed} with why: at once, or after retries when the ports
     * are not free yet.
     */
    void openOnAnswer(SipCall call, byte[] body, Runnable opened, java.util.function.Consumer<String> failed) {
        MediaEngine engine;
        SessionSpec spec;
        try {
            engine = services.media().orElseThrow(() -> new Sdp.Unusable("no media engine is running"));
            Sdp answer = Sdp.parse(new String(body, StandardCharsets.UTF_8));
            call.codec = CodecChoice.answer(answer, engine.codecs())
                    .orElseThrow(() -> new Sdp.Unusable("the answer names no codec Callpost offered"));
            SrtpChoice.Settled sdes = SrtpChoice.settle(call.offeredCrypto, answer, srtp);
            if (sdes.refused()) {
                throw new Sdp.Unusable(sdes.refusal());
            }
            call.sdes = sdes;
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
    MediaListener listenerFor(SipCall call) {
        return call.mediaListener;
    }

    SessionSpec spec(SipCall call, Sdp remote, CodecChoice.Settled codec) {
        int ptime = remote.ptimeMillis() >= 10 && remote.ptimeMillis() <= 60 ? remote.ptimeMillis() : settings.mediaPacketMillis();
        return new SessionSpec(name + "/line " + call.lineNumber, settings.localAddress(),
                SessionSpec.lineRtpPort(settings.mediaBasePort(), call.lineIndex) + call.portOffset, remote.connectionAddress(),
                remote.audioPort(), remote.rtcpPort(), codec.payloadType(), codec.encodingName(), ptime,
                codec.telephoneEventPayloadType(), Sdp.answer(remote.direction()), settings.rtpDscp(),
                settings.validateRemoteMediaHosts(), true, call.sdes.keys());
    }

    /** Before a late offer's answer: the media ports are ours, the far end not yet known. */
    SessionSpec placeholderSpec(SipCall call, MediaEngine engine) {
        // any codec with a static payload type will do: the answer in the ACK decides
        var first = engine.codecs().stream().filter(c -> c.payloadType() >= 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec with a static payload type is installed"));
        return new SessionSpec(name + "/line " + call.lineNumber, settings.localAddress(),
                SessionSpec.lineRtpPort(settings.mediaBasePort(), call.lineIndex) + call.portOffset, "0.0.0.0", 0, 0,
                first.payloadType(), first.encodingName(), settings.mediaPacketMillis(), SessionSpec.NO_TELEPHONE_EVENT,
                MediaDirection.INACTIVE, settings.rtpDscp(), settings.validateRemoteMediaHosts(), true);
    }

}
