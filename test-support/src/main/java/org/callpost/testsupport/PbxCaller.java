package org.callpost.testsupport;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.thirdparty.jainsip.SipStacks;

/**
 * The PBX placing calls to Callpost's lines, for tests, on real sockets: INVITE with or without
 * SDP and with whatever extra headers (Diversion, History-Info) a test wants; ACK, BYE, CANCEL,
 * re-INVITE; answers Callpost's BYE. Records every response and request it sees.
 */
public final class PbxCaller implements SipListener, AutoCloseable {
    private final SipStack stack;
    private final SipProvider provider;
    private final String transport;
    private final int port;
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final List<OutgoingCall> calls = new CopyOnWriteArrayList<>();

    public PbxCaller(String name, String transport) throws Exception {
        this.transport = transport;
        this.port = SipRegistrar.freePort();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-pbx-" + name + "-" + port);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        stack = SipStacks.newStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, transport);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        stack.start();
    }

    /** The port the PBX side listens on. */
    public int port() {
        return port;
    }

    /** One call the PBX placed. */
    public final class OutgoingCall {
        public final String callId;
        final ClientTransaction invite;
        final Dialog dialog;
        final Request request;
        public final List<Response> responses = new CopyOnWriteArrayList<>();
        public final List<Request> requests = new CopyOnWriteArrayList<>();
        public final long sentNanos = System.nanoTime();
        public volatile long okNanos;

        OutgoingCall(ClientTransaction invite, Dialog dialog, Request request) {
            this.invite = invite;
            this.dialog = dialog;
            this.request = request;
            this.callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        }

        /** The status codes of the responses to the INVITE that set the call up. */
        public List<Integer> codes() {
            return responses.stream().filter(r -> {
                CSeqHeader c = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
                return c.getMethod().equals(Request.INVITE) && c.getSeqNumber() == 1;
            }).map(Response::getStatusCode).toList();
        }

        public boolean await(Predicate<OutgoingCall> test, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                if (test.test(this)) {
                    return true;
                }
                Thread.sleep(20);
            }
            return test.test(this);
        }

        public boolean got(int code, long millis) throws InterruptedException {
            return await(c -> c.codes().contains(code), millis);
        }

        /** The SDP of the 200 OK (our answer or Callpost's offer). */
        public String answerSdp() {
            for (Response r : responses) {
                if (r.getStatusCode() == 200 && r.getRawContent() != null) {
                    return new String(r.getRawContent(), StandardCharsets.UTF_8);
                }
            }
            return "";
        }

        /** The RTP port Callpost named in its 200 OK. */
        public int callpostRtpPort() {
            for (String line : answerSdp().split("\r\n")) {
                if (line.startsWith("m=audio ")) {
                    return Integer.parseInt(line.split(" ")[1]);
                }
            }
            return -1;
        }

        public void ack(String sdp) throws Exception {
            Response ok = responses.stream().filter(r -> r.getStatusCode() == 200).findFirst().orElseThrow();
            long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = dialog.createAck(cseq);
            if (sdp != null) {
                ack.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            }
            dialog.sendAck(ack);
        }

        public void bye() throws Exception {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            ct.setApplicationData(this);
            dialog.sendRequest(ct);
        }

        public void cancel() throws Exception {
            Request cancel = invite.createCancel();
            ClientTransaction ct = provider.getNewClientTransaction(cancel);
            ct.setApplicationData(this);
            ct.sendRequest();
        }

        /** The 200 to the latest re-INVITE, acknowledged; null when there is none yet. */
        public Response ackReInvite() throws Exception {
            Response ok = responses.stream().filter(r -> r.getStatusCode() == 200
                    && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals(Request.INVITE)
                    && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber() > 1).reduce((a, b) -> b).orElse(null);
            if (ok != null) {
                dialog.sendAck(dialog.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber()));
            }
            return ok;
        }

        public void reInvite(String sdp) throws Exception {
            Request r = dialog.createRequest(Request.INVITE);
            r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction ct = provider.getNewClientTransaction(r);
            ct.setApplicationData(this);
            dialog.sendRequest(ct);
        }

        /** The Refer-To of the REFER Callpost sent on this call, or "". */
        public String referTo() {
            return requests.stream().filter(r -> r.getMethod().equals(Request.REFER)).findFirst()
                    .map(r -> r.getHeader("Refer-To").toString()).orElse("");
        }

        /** The requests Callpost sent on this call with the given method (BYE, UPDATE, INVITE...). */
        public List<Request> received(String method) {
            return requests.stream().filter(r -> r.getMethod().equals(method)).toList();
        }

        /** Whether Callpost sent a BYE (which was answered 200). */
        public boolean byeReceived() {
            return requests.stream().anyMatch(r -> r.getMethod().equals(Request.BYE));
        }

        /** Responses to requests other than the INVITE (BYE, CANCEL, re-INVITE), by method. */
        public List<String> otherResponses() {
            List<String> out = new ArrayList<>();
            for (Response r : responses) {
                String m = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
                long n = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
                if (!m.equals(Request.INVITE) || n > 1) {
                    out.add(m + " " + r.getStatusCode());
                }
            }
            return out;
        }
    }

    /**
     * Places a call to a line. {@code extraHeaders} are whole header lines, e.g.
     * {@code "Diversion: <sip:201@pbx>;reason=no-answer"}; a Contact among them replaces the
     * PBX's own (it must still point at {@link #port()}).
     */
    public OutgoingCall call(String host, int callpostPort, String lineExtension, String fromNumber, String toNumber,
            String sdp, String... extraHeaders) throws Exception {
        SipURI requestUri = addresses.createSipURI(lineExtension, host);
        requestUri.setPort(callpostPort);
        requestUri.setTransportParam(transport);
        Address from = addresses.createAddress("\"Caller " + fromNumber + "\" <sip:" + fromNumber + "@127.0.0.1>");
        Address to = addresses.createAddress("<sip:" + toNumber + "@127.0.0.1>");
        ViaHeader via = headers.createViaHeader("127.0.0.1", port, transport, null);
        Request invite = messages.createRequest(requestUri, Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, "pbx" + System.nanoTime()),
                headers.createToHeader(to, null), List.of(via), headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI("pbx", "127.0.0.1");
        contact.setPort(port);
        contact.setTransportParam(transport);
        boolean ownContact = java.util.Arrays.stream(extraHeaders).anyMatch(h -> h.regionMatches(true, 0, "Contact:", 0, 8));
        if (!ownContact) {
            invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        }
        for (String h : extraHeaders) {
            int colon = h.indexOf(':');
            invite.addHeader(headers.createHeader(h.substring(0, colon).trim(), h.substring(colon + 1).trim()));
        }
        if (sdp != null) {
            invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        ClientTransaction ct = provider.getNewClientTransaction(invite);
        Dialog dialog = provider.getNewDialog(ct);
        OutgoingCall call = new OutgoingCall(ct, dialog, invite);
        ct.setApplicationData(call);
        calls.add(call);
        ct.sendRequest();
        return call;
    }

    private OutgoingCall byCallId(String callId) {
        return calls.stream().filter(c -> c.callId.equals(callId)).findFirst().orElse(null);
    }

    @Override
    public void processResponse(ResponseEvent e) {
        Response r = e.getResponse();
        OutgoingCall call = byCallId(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
        if (call != null) {
            if (r.getStatusCode() == 200 && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals(Request.INVITE)
                    && call.okNanos == 0) {
                call.okNanos = System.nanoTime();
            }
            call.responses.add(r);
        }
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request r = e.getRequest();
        OutgoingCall call = byCallId(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
        if (call != null) {
            call.requests.add(r);
        }
        if (Request.ACK.equals(r.getMethod())) {
            return;
        }
        try {
            ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction() : provider.getNewServerTransaction(r);
            if (Request.REFER.equals(r.getMethod()) && call != null) {
                // the PBX takes the transfer: 202, then NOTIFY with the outcome (RFC 3515)
                st.sendResponse(messages.createResponse(202, r));
                Request notify = call.dialog.createRequest(Request.NOTIFY);
                notify.addHeader(headers.createHeader("Event", "refer"));
                notify.addHeader(headers.createHeader("Subscription-State", "terminated;reason=noresource"));
                notify.setContent("SIP/2.0 200 OK\r\n", headers.createContentTypeHeader("message", "sipfrag"));
                ClientTransaction ct = provider.getNewClientTransaction(notify);
                ct.setApplicationData(call);
                call.dialog.sendRequest(ct);
                return;
            }
            Response answer = messages.createResponse(call == null ? 481 : 200, r);
            if (call != null && Request.INVITE.equals(r.getMethod()) && call.request.getRawContent() != null) {
                // a re-INVITE from Callpost (a session refresh): the PBX answers with the SDP it offered
                answer.setContent(call.request.getRawContent(), headers.createContentTypeHeader("application", "sdp"));
                SipURI contact = addresses.createSipURI("pbx", "127.0.0.1");
                contact.setPort(port);
                contact.setTransportParam(transport);
                answer.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            }
            st.sendResponse(answer);
        } catch (Exception ex) {
            // the test sees what is missing
        }
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }

    @Override
    public void close() {
        provider.removeSipListener(this);
        stack.stop();
    }
}
