package org.callpost.sip.internal.message;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every request from the network passes before an integration acts on it: what the
 * stack's parser lets through but RFC 3261 says a UAS must refuse (RFC 4475 section 3.3), in
 * the order of RFC 3261 section 8.2:
 * <ol>
 * <li>a malformed request (noted by {@link ScreeningParser}: repeated single-value headers, a
 * second Content-Length, a bad IPv6 reference, whitespace inside &lt;&gt;, a bad display name; or
 * a CSeq method that is not the request's, a Request-URI carrying headers): 400; a SIP version
 * other than 2.0: 505;</li>
 * <li>a method Callpost does not take (REGISTER, MESSAGE, ...) goes on untouched: the integration
 * answers 405 with Allow. Callpost is no registrar: its lines register with the PBX, nobody
 * registers with Callpost, so REGISTER gets 405 whatever its credentials (RFC 3261 8.2.1 comes
 * before any authentication; a 401 challenge would invite a registration Callpost cannot
 * keep);</li>
 * <li>a Request-URI scheme other than sip/sips: 416 (8.2.2.1);</li>
 * <li>Require naming an extension other than {@code timer}: 420 with Unsupported (8.2.2.3);</li>
 * <li>an INVITE or UPDATE body that is not application/sdp, or is encoded: 415 with Accept and
 * Accept-Encoding (8.2.3);</li>
 * <li>Accept on INVITE or OPTIONS that rules out application/sdp: 406 (21.4.7).</li>
 * </ol>
 * ACK is never answered and CANCEL is left to the transaction layer's matching. Runs on the
 * integration's thread. Over TCP a refusal is sent in a server transaction of its own (the answer
 * goes back over the connection the request came on; an INVITE's refusal waits for its ACK); over
 * UDP it is sent statelessly, so junk holds no state.
 */
public final class RequestScreen {
    private static final Logger LOG = LoggerFactory.getLogger(RequestScreen.class);
    /** What the integration answers beyond 405; the rest goes on to be refused there. */
    static final Set<String> METHODS = Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS, Request.UPDATE, Request.NOTIFY, Request.SUBSCRIBE);
    /** The option tags Callpost supports (RFC 4028 session timers). */
    static final Set<String> SUPPORTED = Set.of("timer");

    private RequestScreen() {
    }

    /** A refusal: the status, a reason phrase (or null) and extra headers as "Name: value". */
    record Refusal(int status, String reason, List<String> headers) {
        Refusal(int status, String reason, String... headers) {
            this(status, reason, List.of(headers));
        }
    }

    /**
     * @return true when the request may go on; false when it has been answered (or dropped) here
     */
    public static boolean admit(RequestEvent e, SipEndpoint endpoint) {
        Request req = e.getRequest();
        Refusal refusal = check(req);
        if (!Request.ACK.equals(req.getMethod())) {
            completeRfc2543(req, endpoint);
        }
        if (refusal == null) {
            return true;
        }
        if (Request.ACK.equals(req.getMethod())) {
            LOG.debug("ACK dropped: {}", refusal.reason());
            return false;
        }
        LOG.debug("{} refused with {}: {}", req.getMethod(), refusal.status(), refusal.reason());
        refuse(e, endpoint, refusal);
        return false;
    }

    /** The refusal RFC 3261 calls for, or null when the request may go on. */
    static Refusal check(Request req) {
        String method = req.getMethod();
        ScreeningParser.Flaws flaws = ScreeningParser.flaws(req);
        if (flaws != null && flaws.version != null) {
            return new Refusal(Response.VERSION_NOT_SUPPORTED, "SIP version " + flaws.version + " not supported");
        }
        List<String> bad = new ArrayList<>();
        if (flaws != null) {
            bad.addAll(flaws.problems);
        }
        for (String h : new String[] {CallIdHeader.NAME, FromHeader.NAME, ToHeader.NAME, CSeqHeader.NAME, ViaHeader.NAME}) {
            if (req.getHeader(h) == null) {
                bad.add("no " + h);
            }
        }
        CSeqHeader cseq = (CSeqHeader) req.getHeader(CSeqHeader.NAME);
        if (cseq != null && !cseq.getMethod().equals(method)) {
            bad.add("CSeq method " + cseq.getMethod() + " is not the request's " + method);
        }
        URI uri = req.getRequestURI();
        if (uri instanceof SipURI sip && sip.getHeaderNames() != null && sip.getHeaderNames().hasNext()) {
            bad.add("Request-URI carries headers");
        }
        if (!bad.isEmpty()) {
            return new Refusal(Response.BAD_REQUEST, "Bad Request (" + String.join("; ", bad) + ")");
        }
        if (!METHODS.contains(method)) {
            return null; // the integration answers 405 with Allow
        }
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
            return null;
        }
        if (!(uri instanceof SipURI)) {
            return new Refusal(Response.UNSUPPORTED_URI_SCHEME, null);
        }
        List<String> unsupported = new ArrayList<>();
        for (ListIterator<?> it = req.getHeaders(RequireHeader.NAME); it.hasNext();) {
            String tag = ((RequireHeader) it.next()).getOptionTag();
            if (tag != null && !SUPPORTED.contains(tag.trim().toLowerCase(Locale.ROOT))) {
                unsupported.add(tag.trim());
            }
        }
        if (!unsupported.isEmpty()) {
            return new Refusal(Response.BAD_EXTENSION, null, "Unsupported: " + String.join(", ", unsupported));
        }
        boolean sessionMethod = Request.INVITE.equals(method) || Request.UPDATE.equals(method);
        byte[] body = req.getRawContent();
        if (sessionMethod && body != null && body.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) req.getHeader(ContentTypeHeader.NAME);
            boolean sdp = type != null && "application".equalsIgnoreCase(type.getContentType())
                    && "sdp".equalsIgnoreCase(type.getContentSubType());
            ContentEncodingHeader encoding = (ContentEncodingHeader) req.getHeader(ContentEncodingHeader.NAME);
            boolean identity = encoding == null || "identity".equalsIgnoreCase(encoding.getEncoding().trim());
            if (!sdp || !identity) {
                return new Refusal(Response.UNSUPPORTED_MEDIA_TYPE, null, "Accept: application/sdp",
                        "Accept-Encoding: identity");
            }
        }
        if (Request.INVITE.equals(method) || Request.OPTIONS.equals(method)) {
            ListIterator<?> accepts = req.getHeaders(AcceptHeader.NAME);
            if (accepts != null && accepts.hasNext() && !acceptsSdp(accepts)) {
                return new Refusal(Response.NOT_ACCEPTABLE, null, "Accept: application/sdp");
            }
        }
        return null;
    }

    /**
     * RFC 2543 peers (RFC 4475 inv2543) send no Max-Forwards, and their INVITEs no Contact; RFC
     * 3261 keeps them working (RFC 4475 3.4.1, dblreq's INVITE has no Contact either), but the RI
     * refuses to open a server transaction for such a request ("Missing a required header"), so
     * it would go unanswered. A UAS does not use Max-Forwards; the Contact an RFC 2543 UAC
     * leaves out is its From address (RFC 2543 6.13), which is what is filled in.
     */
    static void completeRfc2543(Request req, SipEndpoint endpoint) {
        try {
            if (req.getHeader(javax.sip.header.MaxForwardsHeader.NAME) == null) {
                req.setHeader(endpoint.headers.createMaxForwardsHeader(70));
            }
            FromHeader from = (FromHeader) req.getHeader(FromHeader.NAME);
            if (Request.INVITE.equals(req.getMethod()) && req.getHeader(javax.sip.header.ContactHeader.NAME) == null
                    && from != null) {
                req.setHeader(endpoint.headers.createContactHeader(
                        endpoint.addresses.createAddress(from.getAddress().getURI())));
            }
        } catch (InvalidArgumentException | RuntimeException ex) {
            LOG.debug("{} not completed: {}", req.getMethod(), Integration.rootMessage(ex));
        }
    }

    private static boolean acceptsSdp(ListIterator<?> accepts) {
        boolean any = false;
        while (accepts.hasNext()) {
            AcceptHeader a = (AcceptHeader) accepts.next();
            String type = a.getContentType();
            String sub = a.getContentSubType();
            if (type == null || type.isBlank()) {
                continue; // an empty Accept entry names nothing
            }
            any = true;
            boolean typeOk = "*".equals(type) || "application".equalsIgnoreCase(type);
            boolean subOk = sub == null || "*".equals(sub) || "sdp".equalsIgnoreCase(sub);
            if (typeOk && subOk && a.getQValue() != 0f) {
                return true;
            }
        }
        // "Accept:" with no value: the sender takes no body at all; our answers need none to start with
        return !any;
    }

    private static void refuse(RequestEvent e, SipEndpoint endpoint, Refusal refusal) {
        Request req = e.getRequest();
        try {
            Response r = endpoint.messages.createResponse(refusal.status(), req);
            if (refusal.reason() != null) {
                r.setReasonPhrase(refusal.reason().replaceAll("[^\\x20-\\x7e]", "?"));
            }
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null && refusal.status() > 100) {
                to.setTag(Long.toHexString(System.nanoTime()));
            }
            for (String h : refusal.headers()) {
                // one header per value: the RI will not add a parsed list ("Only singleton allowed")
                int colon = h.indexOf(':');
                for (String value : h.substring(colon + 1).split(",")) {
                    r.addHeader(endpoint.headers.createHeader(h.substring(0, colon).trim(), value.trim()));
                }
            }
            if (req instanceof SIPRequest sr && sr.getMessageChannel() instanceof MessageChannel ch && !ch.isReliable()
                    && e.getServerTransaction() == null) {
                sendOverDatagram(ch, (SIPResponse) r);
                return;
            }
            ServerTransaction st = e.getServerTransaction();
            if (st == null) {
                try {
                    st = endpoint.provider().getNewServerTransaction(req);
                } catch (TransactionAlreadyExistsException retransmission) {
                    return; // the transaction layer answers it again
                } catch (SipException | RuntimeException noTransaction) {
                    // a request the transaction layer will not take: answer it statelessly
                    endpoint.provider().sendResponse(r);
                    return;
                }
            }
            st.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | IOException | RuntimeException ex) {
            LOG.debug("{} not sent to a refused {}: {}", refusal.status(), req.getMethod(), Integration.rootMessage(ex));
        }
    }

    /**
     * A refusal over UDP goes statelessly (RFC 3261 8.2.7): the request is not worth holding a
     * transaction for 32 s (Timer J/H), a retransmission is simply screened and refused again.
     * It leaves on the channel the request came in on, to where RFC 3261 18.2.2 says (received,
     * rport, the Via's port), whatever transport the Via names; the stack's own stateless path
     * would open a connection of the Via's transport instead.
     */
    private static void sendOverDatagram(MessageChannel ch, SIPResponse r) throws IOException {
        Via via = r.getTopmostVia();
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort()
                : "TLS".equalsIgnoreCase(via.getTransport()) ? 5061 : 5060;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        ch.sendMessage(r, InetAddress.getByName(host), port);
    }
}
