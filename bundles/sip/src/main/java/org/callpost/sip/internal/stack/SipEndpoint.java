package org.callpost.sip.internal.stack;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.Properties;
import java.util.TooManyListenersException;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.callpost.api.integration.Transport;
import org.callpost.sip.internal.config.TlsSettings;
import org.callpost.sip.internal.message.ScreeningParser;
import org.callpost.thirdparty.jainsip.SipStacks;

/**
 * One integration's SIP stack: listening on the local address and port over both TCP and UDP
 * (the PBX may use either towards us), or over TLS only when the transport is TLS (no plain SIP
 * next to it), sending over the configured transport. Requests from addresses other than the
 * PBX's pass its {@link FloodGuard} first. Its events are handed on as they come; the
 * integration moves them onto its own thread.
 */
public final class SipEndpoint implements SipListener {
    /** What the endpoint reports. Called on JAIN-SIP's threads. */
    public interface Events {
        void request(RequestEvent event);

        void response(ResponseEvent event);

        void timeout(TimeoutEvent event);

        void unreachable(String host, int port, String transport);
    }

    /** JAIN-SIP's own threads for all of an integration's lines: bounded, never one per line or call. */
    static final int STACK_THREADS = 4;

    public final String localAddress;
    public final int localPort;
    public final AddressFactory addresses = new AddressFactoryImpl();
    public final HeaderFactory headers = new HeaderFactoryImpl();
    public final MessageFactory messages = new MessageFactoryImpl();
    public final boolean tls;
    /** The TLS settings it listens and connects with; {@link TlsSettings#NONE} without TLS. */
    final TlsSettings tlsSettings;
    private final TlsNetworkLayer tlsLayer;
    private final FloodGuard floodGuard;
    private final SipStack stack;
    private final SipProvider provider;
    private volatile Events events;
    private volatile String tlsRefusal;
    private volatile boolean closed;

    /**
     * Binds and starts the stack.
     *
     * @throws SipException with a message an administrator understands when the address or
     *                      port cannot be bound
     */
    SipEndpoint(String name, String localAddress, int localPort, Transport transport, TlsSettings tls, int floodLimit,
            Events events) throws SipException {
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.events = events;
        this.tls = transport == Transport.TLS;
        this.tlsSettings = this.tls ? tls : TlsSettings.NONE;
        this.floodGuard = new FloodGuard(localAddress + ":" + localPort, floodLimit, System::nanoTime);
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "callpost-" + name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(STACK_THREADS));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", String.valueOf(STACK_THREADS));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        TlsNetworkLayer layer = null;
        if (this.tls) {
            try {
                layer = new TlsNetworkLayer(tls, this::refused);
            } catch (java.security.GeneralSecurityException | TlsNetworkLayer.TlsUnusable e) {
                throw new SipException("cannot set up TLS: " + e.getMessage(), e);
            }
            // the RI's defaults still list TLS 1.0 and ciphers without forward secrecy: the JDK's current ones instead
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", TlsNetworkLayer.PROTOCOLS));
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", layer.cipherSuites()));
            // the PBX is checked by its certificate; Callpost asks the PBX for none (it registers, the PBX authenticates it by digest)
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
        }
        this.tlsLayer = layer;
        SipStack s = null;
        try {
            s = SipStacks.newStack(p);
            if (s instanceof gov.nist.javax.sip.stack.SIPTransactionStack t) {
                // the RI's parser, noting what it forgives silently for RequestScreen (RFC 4475)
                t.setMessageParserFactory(new ScreeningParser.Factory());
                t.sipMessageValves.add(floodGuard);
            }
            SipProvider sp;
            if (layer != null) {
                if (!gov.nist.javax.sip.stack.CallpostNetworkLayers.install(s, layer)) {
                    throw new SipException("cannot set up TLS: the SIP stack is not JAIN-SIP's RI");
                }
                sp = s.createSipProvider(s.createListeningPoint(localAddress, localPort, ListeningPoint.TLS));
            } else {
                ListeningPoint tcp = s.createListeningPoint(localAddress, localPort, ListeningPoint.TCP);
                ListeningPoint udp = s.createListeningPoint(localAddress, localPort, ListeningPoint.UDP);
                sp = s.createSipProvider(tcp);
                sp.addListeningPoint(udp);
            }
            sp.addSipListener(this);
            s.start();
            this.stack = s;
            this.provider = sp;
        } catch (SipException e) {
            stopQuietly(s);
            throw e;
        } catch (TooManyListenersException | RuntimeException | javax.sip.InvalidArgumentException e) {
            stopQuietly(s);
            throw new SipException("cannot listen on " + localAddress + ":" + localPort + " (" + e.getMessage() + ")", e);
        }
    }

    private static void stopQuietly(SipStack s) {
        if (s != null) {
            try {
                s.stop();
            } catch (RuntimeException ignored) {
                // already failing; the original exception says why
            }
        }
    }

    public SipProvider provider() {
        return provider;
    }

    /** The flood limit in front of this endpoint's listener. */
    public FloodGuard floodGuard() {
        return floodGuard;
    }

    /**
     * Tells the TLS layer the host names the registrars are configured as (by address), so the
     * PBX's certificate is checked against the name the administrator wrote.
     */
    public void tlsHostNames(java.util.Map<java.net.InetAddress, String> names) {
        if (tlsLayer != null) {
            tlsLayer.hostNames(names);
        }
    }

    /** The last refusal of a PBX's certificate (what to fix), or null. Cleared by {@link #tlsAccepted()}. */
    public String tlsRefusal() {
        return tlsRefusal;
    }

    public void tlsAccepted() {
        tlsRefusal = null;
    }

    private void refused(String why) {
        if (!why.equals(tlsRefusal)) {
            org.slf4j.LoggerFactory.getLogger(SipEndpoint.class).error("SIP over TLS on {}:{}: {}", localAddress, localPort, why);
        }
        tlsRefusal = why;
    }

    ListeningPoint listeningPoint(String transport) {
        return provider.getListeningPoint(transport);
    }

    /** Transactions the stack holds now, client and server. */
    public int liveTransactions() {
        if (stack instanceof gov.nist.javax.sip.stack.SIPTransactionStack t) {
            return t.getClientTransactionTableSize() + t.getServerTransactionTableSize();
        }
        return -1;
    }

    /** Dialogs the stack holds now. */
    public int liveDialogs() {
        if (stack instanceof gov.nist.javax.sip.stack.SIPTransactionStack t) {
            return t.getDialogs().size();
        }
        return -1;
    }

    public String newCallId() {
        return provider.getNewCallId().getCallId();
    }

    /** Stops listening; later events are dropped. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        events = null;
        try {
            provider.removeSipListener(this);
        } catch (RuntimeException ignored) {
            // stopping anyway
        }
        stack.stop();
    }

    @Override
    public void processRequest(RequestEvent e) {
        Events ev = events;
        if (ev != null) {
            ev.request(e);
        }
    }

    @Override
    public void processResponse(ResponseEvent e) {
        Events ev = events;
        if (ev != null) {
            ev.response(e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        Events ev = events;
        if (ev != null) {
            ev.timeout(e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        Events ev = events;
        if (ev != null) {
            ev.unreachable(e.getHost(), e.getPort(), e.getTransport());
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
        // Nothing kept per transaction beyond its application data.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
        // No dialogs yet: calls come with the calls issue.
    }
}
