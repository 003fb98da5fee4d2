package org.callpost.sip.internal.message;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * The one builder of requests Callpost sends outside a dialog (REGISTER, OPTIONS, INVITE, lamp
 * NOTIFY): Request-URI, Call-ID, CSeq, From with its tag, To without one, one Via whose branch
 * starts with the RFC 3261 magic cookie, Max-Forwards 70, and, where asked, Contact and
 * User-Agent. Holds no state beyond the request it builds; used on the integration's thread.
 */
public final class OutOfDialogRequest {
    /** RFC 3261 section 8.1.1.6. */
    public static final int MAX_FORWARDS = 70;
    public static final String MAGIC_COOKIE = "z9hG4bK";
    private static final AtomicLong BRANCHES = new AtomicLong();

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String method;
    private final SipURI target;
    private String callId;
    private long cseq = 1;
    private SipURI from;
    private String fromTag;
    private SipURI to;
    private String viaHost;
    private int viaPort;
    private String viaTransport;
    private boolean rport;
    private SipURI contact;
    private String userAgent;
    private final List<Header> more = new ArrayList<>();

    private OutOfDialogRequest(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, String method,
            SipURI target) {
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.method = method;
        this.target = target;
    }

    public static OutOfDialogRequest of(MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            String method, SipURI target) {
        return new OutOfDialogRequest(messages, headers, addresses, method, target);
    }

    /** A SIP URI {@code sip:user@host[:port][;transport=t]}; port below 1 and null transport leave them out. */
    public static SipURI uri(AddressFactory addresses, String user, String host, int port, String transport)
            throws ParseException {
        SipURI u = addresses.createSipURI(user, host);
        if (port > 0) {
            u.setPort(port);
        }
        if (transport != null) {
            u.setTransportParam(transport);
        }
        return u;
    }

    public OutOfDialogRequest callId(String id) {
        this.callId = id;
        return this;
    }

    public OutOfDialogRequest cseq(long n) {
        this.cseq = n;
        return this;
    }

    public OutOfDialogRequest from(SipURI uri, String tag) {
        this.from = uri;
        this.fromTag = tag;
        return this;
    }

    public OutOfDialogRequest to(SipURI uri) {
        this.to = uri;
        return this;
    }

    /** Our Via; {@code rport} asks for the RFC 3581 received port (REGISTER and INVITE do). */
    public OutOfDialogRequest via(String host, int port, String transport, boolean rport) {
        this.viaHost = host;
        this.viaPort = port;
        this.viaTransport = transport;
        this.rport = rport;
        return this;
    }

    public OutOfDialogRequest contact(SipURI uri) {
        this.contact = uri;
        return this;
    }

    public OutOfDialogRequest userAgent(String product) {
        this.userAgent = product;
        return this;
    }

    /** Another header, added after the required ones in the order given. */
    public OutOfDialogRequest header(Header h) {
        more.add(h);
        return this;
    }

    public Request build() throws ParseException, InvalidArgumentException {
        if (callId == null || from == null || to == null || viaHost == null) {
            throw new IllegalStateException(method + " needs a Call-ID, From, To and Via");
        }
        ViaHeader via = headers.createViaHeader(viaHost, viaPort, viaTransport, newBranch());
        if (rport) {
            via.setRPort();
        }
        Request r = messages.createRequest(target, method, headers.createCallIdHeader(callId),
                headers.createCSeqHeader(cseq, method), headers.createFromHeader(addresses.createAddress(from), fromTag),
                headers.createToHeader(addresses.createAddress(to), null), List.of(via),
                headers.createMaxForwardsHeader(MAX_FORWARDS));
        if (contact != null) {
            r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        }
        if (userAgent != null) {
            r.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
        }
        for (Header h : more) {
            r.addHeader(h);
        }
        return r;
    }

    /** A branch unique to this request, marked as RFC 3261's (the stack keys the transaction on it). */
    static String newBranch() {
        return MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                + Long.toHexString(BRANCHES.incrementAndGet());
    }
}
