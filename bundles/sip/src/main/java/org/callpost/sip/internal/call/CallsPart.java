package org.callpost.sip.internal.call;

import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.config.SrtpMode;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of an integration's call handling share: the integration's name, thread and
 * services, the call table, the settings and endpoint in force (handed on by
 * {@link Calls#configure}) and the plumbing every part answers with. Runs on the integration's
 * thread.
 */
abstract class CallsPart {
    private static final Logger LOG = LoggerFactory.getLogger(CallsPart.class);

    final String name;
    final ScheduledExecutorService thread;
    final CallServices services;
    /** The integration's calls by Call-ID; one map, shared by every part. */
    final Map<String, SipCall> byCallId;
    IntegrationSettings settings;
    SipEndpoint endpoint;
    /** The integration's srtp setting (not part of the integration note's settings). */
    SrtpMode srtp = SrtpMode.OFF;
    /** How the integration writes its URIs: sip: or sips: (tls.sips.uris). */
    org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.TCP;

    CallsPart(String name, ScheduledExecutorService thread, CallServices services, Map<String, SipCall> byCallId) {
        this.name = name;
        this.thread = thread;
        this.services = services;
        this.byCallId = byCallId;
    }

    void configure(IntegrationSettings s, SipEndpoint e) {
        settings = s;
        endpoint = e;
    }

    /** The request's server transaction, made now if the stack has none; null for a retransmission. */
    public ServerTransaction serverTransaction(RequestEvent e) {
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

    ContactHeader contact(Line line) throws ParseException {
        return endpoint.headers.createContactHeader(endpoint.addresses.createAddress(contactUri(line)));
    }

    /** A line's own address: its extension at our address and port, over the configured transport. */
    public SipURI contactUri(Line line) throws ParseException {
        return uris.uri(endpoint.addresses, line.extension, settings.localAddress(), settings.localPort());
    }

    void sendProvisional(SipCall call, int code) {
        try {
            Response r = endpoint.messages.createResponse(code, call.inviteRequest);
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.localTag);
            r.addHeader(contact(call.line));
            call.invite.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: {} not sent on line {}: {}", name, code, call.lineNumber, Integration.rootMessage(e));
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
