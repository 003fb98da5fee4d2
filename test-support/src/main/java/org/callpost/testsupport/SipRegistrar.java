package org.callpost.testsupport;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
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
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.thirdparty.jainsip.SipStacks;

/**
 * A SIP registrar for tests, on real sockets: it challenges every REGISTER with a 401 digest
 * challenge (MD5, qop=auth), checks the answer against one password exactly as a PBX would,
 * and records who registered, over which transport, for how long, and who failed.
 */
public final class SipRegistrar implements SipListener, AutoCloseable {
    /** One accepted registration. */
    public record Binding(String extension, String contact, String transport, int expires, long atMillis) {
    }

    public static final String REALM = "callpost-test-pbx";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String password;
    private final int port;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final List<String> authFailures = new CopyOnWriteArrayList<>();
    private final List<String> unregistered = new CopyOnWriteArrayList<>();
    private final List<Binding> history = new CopyOnWriteArrayList<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private volatile int grantedExpires = -1;

    /** How the PBX's extensions answer the calls Callpost places to them. */
    public enum Answer {
        /** 180, then 200 with SDP. */
        ANSWER,
        /** 486 Busy Here. */
        BUSY,
        /** 180 and nothing more, until CANCEL. */
        NEVER,
        /** 183 Session Progress with SDP (early media: an announcement or a ring-back), never 200. */
        EARLY_MEDIA,
        /** 407 first; answered once the digest (user = Callpost's line, the PBX password) checks out. */
        CHALLENGE_THEN_ANSWER
    }

    private final Map<String, Answer> extensions = new ConcurrentHashMap<>();
    private final List<Request> invites = new CopyOnWriteArrayList<>();
    private final List<String> byes = new CopyOnWriteArrayList<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private final List<Request> notifies = new CopyOnWriteArrayList<>();
    private final Map<String, ServerTransaction> ringing = new ConcurrentHashMap<>();
    /** Answered bridged calls by Call-ID: Callpost's INVITE and our To tag, to hang up as the PBX. */
    private final Map<String, Answered> answered = new ConcurrentHashMap<>();

    private record Answered(Request invite, String tag) {
    }
    private volatile String answerSdp = "";
    private final Map<String, java.util.function.Function<Request, String>> bridges = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<String>> byeListeners = new CopyOnWriteArrayList<>();

    public SipRegistrar(String name, int port, String password) throws Exception {
        this.port = port;
        this.password = password;
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-registrar-" + name + "-" + port);
        // a PBX takes message-summary NOTIFYs without a subscription
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        stack = SipStacks.newStack(p);
        ListeningPoint tcp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.TCP);
        ListeningPoint udp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        provider = stack.createSipProvider(tcp);
        provider.addListeningPoint(udp);
        provider.addSipListener(this);
        stack.start();
    }

    /** A port free on 127.0.0.1 for both TCP and UDP, never handed out twice: see {@link Ports}. */
    public static int freePort() throws IOException {
        return Ports.free();
    }

    public int port() {
        return port;
    }

    /** Grants this expiry instead of the one asked for (-1: grant what was asked). */
    public void grantExpires(int seconds) {
        grantedExpires = seconds;
    }

    /** The extensions registered now. */
    public Map<String, Binding> bindings() {
        return Map.copyOf(bindings);
    }

    /** Every accepted REGISTER, refreshes included. */
    public List<Binding> history() {
        return List.copyOf(history);
    }

    /** Extensions whose credentials were wrong, once per refused attempt. */
    public List<String> authFailures() {
        return List.copyOf(authFailures);
    }

    /** Extensions that un-registered (Expires: 0). */
    public List<String> unregistered() {
        return List.copyOf(unregistered);
    }

    /** Waits until the registrar's state passes the test, or the time runs out. */
    public boolean await(Predicate<SipRegistrar> test, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (test.test(this)) {
                return true;
            }
            Thread.sleep(50);
        }
        return test.test(this);
    }

    public boolean hasRegistered(Collection<String> extensions) {
        return bindings.keySet().containsAll(extensions);
    }

    @Override
    public void close() {
        provider.removeSipListener(this);
        stack.stop();
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request r = e.getRequest();
        try {
            if (Request.ACK.equals(r.getMethod())) {
                return;
            }
            ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction() : provider.getNewServerTransaction(r);
            String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
            if (Request.REGISTER.equals(r.getMethod())) {
                st.sendResponse(register(r));
            } else if (Request.INVITE.equals(r.getMethod())) {
                invite(r, st);
            } else if (Request.BYE.equals(r.getMethod())) {
                byes.add(callId);
                st.sendResponse(messages.createResponse(200, r));
                byeListeners.forEach(l -> l.accept(callId));
            } else if (Request.NOTIFY.equals(r.getMethod())) {
                notifies.add(r);
                st.sendResponse(messages.createResponse(200, r));
            } else if (Request.CANCEL.equals(r.getMethod())) {
                cancels.add(callId);
                st.sendResponse(messages.createResponse(200, r));
                ServerTransaction inviteTx = ringing.remove(callId);
                if (inviteTx != null) {
                    Response terminated = messages.createResponse(487, inviteTx.getRequest());
                    ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag("ext" + System.nanoTime());
                    inviteTx.sendResponse(terminated);
                }
            } else if (!Request.ACK.equals(r.getMethod())) {
                st.sendResponse(messages.createResponse(Request.OPTIONS.equals(r.getMethod()) ? 200 : 405, r));
            }
        } catch (Exception ex) {
            // a test registrar: the test sees the missing binding
        }
    }

    private Response register(Request r) throws Exception {
        String ext = ((SipURI) ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI()).getUser();
        AuthorizationHeader auth = (AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME);
        if (auth == null || !nonces.contains(auth.getNonce())) {
            return challenge(r, false);
        }
        String ha1 = md5(auth.getUsername() + ":" + REALM + ":" + password);
        String ha2 = md5(r.getMethod() + ":" + auth.getURI());
        String expected = auth.getQop() == null ? md5(ha1 + ":" + auth.getNonce() + ":" + ha2)
                : md5(ha1 + ":" + auth.getNonce() + ":" + String.format("%08x", auth.getNonceCount()) + ":"
                        + auth.getCNonce() + ":" + auth.getQop() + ":" + ha2);
        if (!expected.equals(auth.getResponse()) || !ext.equals(auth.getUsername())) {
            authFailures.add(ext);
            return challenge(r, false);
        }
        ExpiresHeader eh = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        int asked = contact != null && contact.getExpires() >= 0 ? contact.getExpires() : eh == null ? 3600 : eh.getExpires();
        Response ok = messages.createResponse(200, r);
        if (asked == 0) {
            bindings.remove(ext);
            unregistered.add(ext);
            return ok;
        }
        int granted = grantedExpires > 0 ? grantedExpires : asked;
        String transport = ((ViaHeader) r.getHeader(ViaHeader.NAME)).getTransport().toUpperCase();
        Binding b = new Binding(ext, contact == null ? "" : contact.getAddress().getURI().toString(), transport, granted,
                System.currentTimeMillis());
        bindings.put(ext, b);
        history.add(b);
        if (contact != null) {
            ContactHeader c = headers.createContactHeader(addresses.createAddress(contact.getAddress().getURI().toString()));
            c.setExpires(granted);
            ok.addHeader(c);
        }
        ok.addHeader(headers.createExpiresHeader(granted));
        return ok;
    }

    private Response challenge(Request r, boolean stale) throws Exception {
        String nonce = HexFormat.of().formatHex(randomBytes());
        nonces.add(nonce);
        Response resp = messages.createResponse(401, r);
        WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(REALM);
        h.setNonce(nonce);
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
            h.setParameter("stale", "true");
        }
        resp.addHeader(h);
        return resp;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String md5(String s) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void processResponse(ResponseEvent e) {
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

    /** Makes an extension answer calls from Callpost as given; unknown numbers get 404. */
    public void extension(String number, Answer answer) {
        extensions.put(number, answer);
    }

    /**
     * Calls from Callpost to {@code number} are put through by the test, as a PBX connects two
     * systems: given Callpost's INVITE, {@code connect} places the other leg and returns the SDP
     * the far end answered with (the call is answered with it), or null (480). It runs on the
     * registrar's listener thread and may wait for the other leg.
     */
    public void bridge(String number, java.util.function.Function<Request, String> connect) {
        bridges.put(number, connect);
    }

    /** Told the Call-ID of every BYE Callpost sends (to end the other leg of a bridged call). */
    public void onBye(java.util.function.Consumer<String> listener) {
        byeListeners.add(listener);
    }

    /** The SDP the extensions answer with (e.g. an {@link RtpPeer}'s offer). */
    public void answerWith(String sdp) {
        answerSdp = sdp;
    }

    /** Every INVITE Callpost sent, challenged ones included. */
    public List<Request> invites() {
        return List.copyOf(invites);
    }

    /** The INVITEs Callpost sent to one number (a subscriber, an operator, a feature code). */
    public List<Request> invitesTo(String number) {
        return invites.stream().filter(r -> number.equals(((SipURI) r.getRequestURI()).getUser())).toList();
    }

    /** Call-IDs of the calls Callpost hung up with BYE. */
    public List<String> byes() {
        return List.copyOf(byes);
    }

    /** Every NOTIFY Callpost sent (message-waiting for the generic profile). */
    public List<Request> notifies() {
        return List.copyOf(notifies);
    }

    /** Call-IDs of the calls Callpost cancelled. */
    public List<String> cancels() {
        return List.copyOf(cancels);
    }

    private void invite(Request r, ServerTransaction st) throws Exception {
        invites.add(r);
        String number = ((SipURI) r.getRequestURI()).getUser();
        java.util.function.Function<Request, String> bridge = bridges.get(number);
        if (bridge != null) {
            bridged(r, st, number, bridge);
            return;
        }
        Answer answer = extensions.get(number);
        if (answer == null) {
            st.sendResponse(messages.createResponse(404, r));
            return;
        }
        if (answer == Answer.BUSY) {
            st.sendResponse(messages.createResponse(486, r));
            return;
        }
        if (answer == Answer.CHALLENGE_THEN_ANSWER) {
            javax.sip.header.ProxyAuthorizationHeader auth = (javax.sip.header.ProxyAuthorizationHeader) r.getHeader(
                    javax.sip.header.ProxyAuthorizationHeader.NAME);
            if (auth == null || !nonces.contains(auth.getNonce()) || !validDigest(r.getMethod(), auth.getUsername(), auth.getURI().toString(),
                    auth.getNonce(), auth.getQop(), auth.getNonceCount(), auth.getCNonce(), auth.getResponse())) {
                if (auth != null) {
                    authFailures.add(auth.getUsername());
                }
                String nonce = HexFormat.of().formatHex(randomBytes());
                nonces.add(nonce);
                Response challenge = messages.createResponse(407, r);
                javax.sip.header.ProxyAuthenticateHeader h = headers.createProxyAuthenticateHeader("Digest");
                h.setRealm(REALM);
                h.setNonce(nonce);
                h.setAlgorithm("MD5");
                challenge.addHeader(h);
                st.sendResponse(challenge);
                return;
            }
        }
        String tag = "ext" + System.nanoTime();
        Response ringingResponse = messages.createResponse(answer == Answer.EARLY_MEDIA ? 183 : 180, r);
        if (answer == Answer.EARLY_MEDIA && answerSdp != null) {
            ringingResponse.setContent(answerSdp, headers.createContentTypeHeader("application", "sdp"));
        }
        ((ToHeader) ringingResponse.getHeader(ToHeader.NAME)).setTag(tag);
        st.sendResponse(ringingResponse);
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        if (answer == Answer.NEVER || answer == Answer.EARLY_MEDIA) {
            ringing.put(callId, st);
            return;
        }
        Response ok = messages.createResponse(200, r);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag);
        SipURI contact = addresses.createSipURI(number, "127.0.0.1");
        contact.setPort(port);
        contact.setTransportParam(((ViaHeader) r.getHeader(ViaHeader.NAME)).getTransport().toLowerCase());
        ok.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        ok.setContent(answerSdp, headers.createContentTypeHeader("application", "sdp"));
        st.sendResponse(ok);
    }

    private void bridged(Request r, ServerTransaction st, String number, java.util.function.Function<Request, String> bridge)
            throws Exception {
        String tag = "ext" + System.nanoTime();
        Response ringingResponse = messages.createResponse(180, r);
        ((ToHeader) ringingResponse.getHeader(ToHeader.NAME)).setTag(tag);
        st.sendResponse(ringingResponse);
        String sdp = bridge.apply(r);
        if (sdp == null) {
            Response unavailable = messages.createResponse(480, r);
            ((ToHeader) unavailable.getHeader(ToHeader.NAME)).setTag(tag);
            st.sendResponse(unavailable);
            return;
        }
        Response ok = messages.createResponse(200, r);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag);
        SipURI contact = addresses.createSipURI(number, "127.0.0.1");
        contact.setPort(port);
        contact.setTransportParam(((ViaHeader) r.getHeader(ViaHeader.NAME)).getTransport().toLowerCase());
        ok.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        ok.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        st.sendResponse(ok);
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        answered.put(callId, new Answered(r, tag));
    }

    /**
     * Ends an answered bridged call from the PBX's side, as a PBX does when the other leg drops:
     * a BYE to Callpost's Contact in the dialog of its INVITE.
     *
     * @return false when no such call was answered
     */
    public boolean hangUp(String callId) throws Exception {
        Answered call = answered.remove(callId);
        if (call == null) {
            return false;
        }
        Request invite = call.invite();
        ContactHeader callpost = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME);
        String transport = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport().toLowerCase();
        Request bye = messages.createRequest((javax.sip.address.URI) callpost.getAddress().getURI().clone(), Request.BYE,
                (javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME),
                headers.createCSeqHeader(1L, Request.BYE),
                headers.createFromHeader(to.getAddress(), call.tag()),
                headers.createToHeader(from.getAddress(), from.getTag()),
                List.of(headers.createViaHeader("127.0.0.1", port, transport, null)),
                headers.createMaxForwardsHeader(70));
        provider.getNewClientTransaction(bye).sendRequest();
        return true;
    }

    private boolean validDigest(String method, String user, String uri, String nonce, String qop, int nc, String cnonce,
            String response) throws NoSuchAlgorithmException {
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + String.format("%08x", nc) + ":" + cnonce + ":" + qop + ":" + ha2);
        return expected.equals(response);
    }

    /** For assertions that list what came in. */
    public List<String> registeredExtensions() {
        return new ArrayList<>(bindings.keySet());
    }
}
