package org.callpost.sip.internal.lamp;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.profile.MessageWaiting;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3842 {@code message-summary} subscriptions to mailboxes, for switch profiles whose lamps
 * are NOTIFYs (the generic profile): a phone or the PBX subscribes to an extension's account,
 * gets the summary at once, again whenever the lamp changes, and a final one when the
 * subscription ends. What each extension's summary says is the last one the MWI service had
 * sent (it re-asserts every lamp at start-up), "no messages" for an extension never lit.
 * Runs on the integration's thread.
 */
final class MessageSummaries {
    /** How the integration writes its URIs: sip: or sips: (tls.sips.uris). */
    org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.TCP;
    private static final Logger LOG = LoggerFactory.getLogger(MessageSummaries.class);
    static final String EVENT = "message-summary";
    /** Subscriptions last an hour at most; a shorter Expires is granted as asked. */
    static final int MAX_EXPIRES = 3600;
    static final int MIN_EXPIRES = 60;

    private record Subscription(String extension, Dialog dialog, ScheduledFuture<?> expiry) {
    }

    private final String name;
    private final ScheduledExecutorService thread;
    /** Call-ID of the SUBSCRIBE dialog to its subscription. */
    private final Map<String, Subscription> byCallId = new HashMap<>();
    /** The last summary body per extension, and its content type. */
    private final Map<String, MessageWaiting.Notify> current = new HashMap<>();

    MessageSummaries(String name, ScheduledExecutorService thread) {
        this.name = name;
        this.thread = thread;
    }

    /** A SUBSCRIBE: new, refreshed or ended (Expires: 0). */
    void subscribe(ServerTransaction st, SipEndpoint endpoint, IntegrationSettings settings, SwitchProfile profile) {
        Request req = st.getRequest();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        EventHeader event = (EventHeader) req.getHeader(EventHeader.NAME);
        String extension = req.getRequestURI() instanceof SipURI s && s.getUser() != null ? s.getUser() : "";
        boolean served;
        try {
            // only profiles whose lamps are message-summary NOTIFYs (the ones showing counts) serve SUBSCRIBE
            served = profile != null && profile.lampsShowCounts();
        } catch (RuntimeException ex) {
            LOG.warn("Integration {}: switch profile {} failed to say how lamps are set: {}", name, profile.id(),
                    Integration.rootMessage(ex));
            respond(st, endpoint, Response.SERVER_INTERNAL_ERROR, 0, null);
            return;
        }
        if (event == null || !EVENT.equalsIgnoreCase(event.getEventType()) || !served) {
            // RFC 6665 section 4.2.1.1: an event package we do not serve here
            respond(st, endpoint, Response.BAD_EVENT, 0, null);
            return;
        }
        if (!extension.matches("\\d+")) {
            respond(st, endpoint, Response.NOT_FOUND, 0, null);
            return;
        }
        ExpiresHeader asked = req.getExpires();
        int expires = asked == null ? MAX_EXPIRES : Math.min(asked.getExpires(), MAX_EXPIRES);
        if (expires > 0 && expires < MIN_EXPIRES) {
            try {
                Response tooBrief = endpoint.messages.createResponse(Response.INTERVAL_TOO_BRIEF, req);
                tooBrief.addHeader(endpoint.headers.createMinExpiresHeader(MIN_EXPIRES));
                st.sendResponse(tooBrief);
            } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
                LOG.debug("Integration {}: 423 not sent: {}", name, Integration.rootMessage(ex));
            }
            return;
        }
        Subscription old = byCallId.remove(callId);
        if (old != null) {
            old.expiry().cancel(false);
        }
        Dialog dialog = old != null ? old.dialog() : st.getDialog();
        try {
            if (dialog == null) {
                dialog = endpoint.provider().getNewDialog(st);
            }
        } catch (SipException ex) {
            respond(st, endpoint, Response.SERVER_INTERNAL_ERROR, 0, null);
            return;
        }
        if (!respond(st, endpoint, Response.OK, expires, settings)) {
            return;
        }
        Dialog d = dialog;
        if (expires == 0) {
            // an unsubscribe, or a fetch (RFC 6665 4.4.3): one NOTIFY with the state, then it is over
            notify(endpoint, d, extension, "terminated;reason=timeout", settings);
            LOG.debug("Integration {}: message-summary subscription to {} ended by the subscriber", name, extension);
            return;
        }
        ScheduledFuture<?> expiry = thread.schedule(() -> expire(callId, endpoint, settings), expires, TimeUnit.SECONDS);
        byCallId.put(callId, new Subscription(extension, d, expiry));
        notify(endpoint, d, extension, "active;expires=" + expires, settings);
        LOG.info("Integration {}: {} subscribed to the message summary of {} for {} s", name,
                req.getHeader("From") == null ? "someone" : ((javax.sip.header.FromHeader) req.getHeader("From")).getAddress(),
                extension, expires);
    }

    /** The lamp of an extension changed: remember it and tell its subscribers. */
    void changed(String extension, MessageWaiting.Notify summary, SipEndpoint endpoint, IntegrationSettings settings) {
        current.put(extension, summary);
        for (Subscription s : List.copyOf(byCallId.values())) {
            if (s.extension().equals(extension)) {
                notify(endpoint, s.dialog(), extension, "active", settings);
            }
        }
    }

    /** The integration stops: every subscriber is told. */
    void endAll(SipEndpoint endpoint, IntegrationSettings settings) {
        for (Subscription s : new ArrayList<>(byCallId.values())) {
            s.expiry().cancel(false);
            notify(endpoint, s.dialog(), s.extension(), "terminated;reason=noresource", settings);
        }
        byCallId.clear();
    }

    int count() {
        return byCallId.size();
    }

    private void expire(String callId, SipEndpoint endpoint, IntegrationSettings settings) {
        Subscription s = byCallId.remove(callId);
        if (s != null) {
            notify(endpoint, s.dialog(), s.extension(), "terminated;reason=timeout", settings);
        }
    }

    private void notify(SipEndpoint endpoint, Dialog dialog, String extension, String state, IntegrationSettings settings) {
        MessageWaiting.Notify summary = current.getOrDefault(extension, new MessageWaiting.Notify(EVENT,
                "application/simple-message-summary", "Messages-Waiting: no\r\nMessage-Account: sip:" + extension + "@"
                        + settings.server().host() + "\r\nVoice-Message: 0/0 (0/0)\r\n"));
        try {
            Request n = dialog.createRequest(Request.NOTIFY);
            n.addHeader(endpoint.headers.createEventHeader(EVENT));
            n.addHeader(endpoint.headers.createSubscriptionStateHeader(state));
            String[] type = summary.contentType().split("/", 2);
            n.setContent(summary.body(), endpoint.headers.createContentTypeHeader(type[0], type[1]));
            dialog.sendRequest(endpoint.provider().getNewClientTransaction(n));
        } catch (SipException | ParseException | RuntimeException ex) {
            LOG.debug("Integration {}: message-summary NOTIFY for {} not sent: {}", name, extension, Integration.rootMessage(ex));
        }
    }

    private boolean respond(ServerTransaction st, SipEndpoint endpoint, int code, int expires, IntegrationSettings settings) {
        try {
            Response r = endpoint.messages.createResponse(code, st.getRequest());
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(Long.toHexString(System.nanoTime()));
            }
            if (code == Response.OK) {
                r.addHeader(endpoint.headers.createExpiresHeader(expires));
                SipURI self = uris.uri(endpoint.addresses, settings.lineExtensions().get(0), settings.localAddress(),
                        settings.localPort());
                r.addHeader(endpoint.headers.createContactHeader(endpoint.addresses.createAddress(self)));
            } else if (code == Response.BAD_EVENT) {
                r.addHeader(endpoint.headers.createAllowEventsHeader(EVENT));
            }
            st.sendResponse(r);
            return true;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
            LOG.debug("Integration {}: {} to SUBSCRIBE not sent: {}", name, code, Integration.rootMessage(ex));
            return false;
        }
    }
}
