package org.callpost.sip.internal.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.sip.internal.message.DigestAuthorization;

/**
 * The dialog of a call Callpost placed, kept by hand (the stack's automatic dialogs are off): our
 * INVITE and its transaction, the CSeq, and what the 2xx set up (the far end's tag, its target
 * and the route set, RFC 3261 section 12.1.2). Touched only on the integration's thread.
 */
final class OutgoingDialog {
    private final String callId;
    /** Our INVITE now (a new one answers a challenge) and its transaction. */
    Request invite;
    ClientTransaction tx;
    long cseq = 1;
    String remoteTag;
    private URI remoteTarget;
    private List<Header> routeSet = List.of();
    boolean challengeAnswered;
    /** Answers the PBX's challenge to our INVITE. */
    final DigestAuthorization digest = new DigestAuthorization();
    /** Whether we sent CANCEL (no answer, or hung up while dialling). */
    boolean cancelled;

    OutgoingDialog(String callId) {
        this.callId = callId;
    }

    /** The 2xx to our INVITE: remembers the far end's tag, target and route set. */
    void established(Response r, HeaderFactory hf) {
        remoteTag = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
        ContactHeader c = (ContactHeader) r.getHeader(ContactHeader.NAME);
        remoteTarget = c != null ? c.getAddress().getURI() : invite.getRequestURI();
        List<Header> routes = new ArrayList<>();
        for (ListIterator<?> it = r.getHeaders(RecordRouteHeader.NAME); it.hasNext();) {
            RecordRouteHeader rr = (RecordRouteHeader) it.next();
            routes.add(0, hf.createRouteHeader(rr.getAddress()));
        }
        routeSet = routes;
    }

    /** A request inside the dialog (RFC 3261 section 12.2.1.1), from our address as {@code settings} give it. */
    Request request(String method, long cseq, MessageFactory messages, HeaderFactory hf, IntegrationSettings settings,
            ContactHeader contact) throws ParseException, InvalidArgumentException {
        ViaHeader via = hf.createViaHeader(settings.localAddress(), settings.localPort(), settings.transport().sipName(), null);
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ((ToHeader) invite.getHeader(ToHeader.NAME)).clone();
        if (remoteTag != null) {
            to.setTag(remoteTag);
        }
        Request r = messages.createRequest(remoteTarget != null ? remoteTarget : invite.getRequestURI(),
                method, hf.createCallIdHeader(callId), hf.createCSeqHeader(cseq, method),
                (FromHeader) from.clone(), to, List.of(via), hf.createMaxForwardsHeader(70));
        for (Header route : routeSet) {
            r.addHeader(route);
        }
        r.addHeader(contact);
        return r;
    }
}
