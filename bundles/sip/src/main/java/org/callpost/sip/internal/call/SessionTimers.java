package org.callpost.sip.internal.call;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.CallState;
import org.callpost.api.media.MediaDirection;
import org.callpost.sip.internal.Integration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4028 session timers of answered calls: 422 below our Min-SE, our refresh at half the
 * interval when we are the refresher, a BYE when the PBX's refresh is overdue.
 */
final class SessionTimers extends CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimers.class);
    private final Calls calls;

    SessionTimers(Calls calls) {
        super(calls.name, calls.thread, calls.services, calls.byCallId);
        this.calls = calls;
    }

    // ---- session timers (RFC 4028) -----------------------------------------------------------

    void respondMinSe(ServerTransaction st) {
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
    void startSessionTimer(SipCall call) {
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
                calls.hangUp(call);
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
                        call.state == CallState.HELD ? MediaDirection.SENDONLY : MediaDirection.SENDRECV,
                        call.sdes.profile(), call.sdes.ourLines());
                r.setContent(sdp, endpoint.headers.createContentTypeHeader("application", "sdp"));
            }
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
            ct.setApplicationData(new SessionRefresh(calls, call));
            call.refreshing = true;
            call.dialog.sendRequest(ct);
            LOG.debug("Integration {}: session refresh of {} by {}", name, call.id, r.getMethod());
        } catch (SipException | ParseException | RuntimeException ex) {
            call.refreshing = false;
            LOG.debug("Integration {}: session refresh of {} not sent: {}", name, call.id, Integration.rootMessage(ex));
        }
    }

    /** The answer to our session refresh: 2xx restarts the interval; 408 or 481 mean the call is gone. */
    void refreshAnswered(SipCall call, ClientTransaction ct, Response r) {
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
            calls.hangUp(call);
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

}
