package org.callpost.sip.internal.stack;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.callpost.sip.internal.config.TlsSettings;
import org.callpost.sip.internal.config.TlsStores;

/**
 * The sockets of one integration's stack, TLS ones from its own key and trust stores (never the
 * JVM's javax.net.ssl properties, so two integrations can trust different PBXes). An outgoing TLS
 * connection names the host Callpost dials (the registrar's host as configured, not the address
 * it resolved to) so the PBX's certificate is checked against that name.
 */
final class TlsNetworkLayer implements NetworkLayer {
    /** TLS 1.2 and 1.3 only (RFC 8996 retired 1.0 and 1.1). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final int CONNECT_TIMEOUT_MILLIS = 4000;

    private final SSLContext context;
    private final boolean verifyHost;
    /** Address to the host name it was configured as; replaced whole when the settings change. */
    private volatile Map<InetAddress, String> hostNames = Map.of();

    TlsNetworkLayer(TlsSettings settings, Consumer<String> refused) throws GeneralSecurityException, TlsUnusable {
        java.util.List<TlsStores.Refusal> refusals = new java.util.ArrayList<>();
        TlsStores stores = TlsStores.open(settings, refusals);
        if (!refusals.isEmpty()) {
            TlsStores.Refusal r = refusals.get(0);
            throw new TlsUnusable(r.setting + ": " + r.getMessage() + "; " + r.fix);
        }
        this.verifyHost = settings.verifyHost() && !settings.pinned();
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(stores.keyManagers, new TrustManager[] {new PbxTrustManager(stores.trust, settings, refused)}, null);
        this.context = c;
    }

    /** The stores named cannot be used (they changed since the settings were read). */
    static final class TlsUnusable extends Exception {
        private static final long serialVersionUID = 1L;

        TlsUnusable(String message) {
            super(message);
        }
    }

    /** The cipher suites this context offers by default (the JDK's current ones, not the RI's old list). */
    String[] cipherSuites() {
        return context.getDefaultSSLParameters().getCipherSuites();
    }

    void hostNames(Map<InetAddress, String> names) {
        hostNames = Map.copyOf(names);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return myAddress == null ? new Socket(address, port) : new Socket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return myAddress == null ? new Socket(address, port) : new Socket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        Socket plain = new Socket();
        try {
            if (myAddress != null) {
                plain.bind(new InetSocketAddress(myAddress, 0));
            }
            plain.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            String host = hostNames.getOrDefault(address, address.getHostAddress());
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(PROTOCOLS);
            if (verifyHost) {
                // the JDK's own RFC 2818 / RFC 6125 check of the name (or IP address) against the certificate
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            s.setSSLParameters(p);
            s.setUseClientMode(true);
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return new DatagramSocket(port, laddr);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        // nothing taken from the stack: everything comes from the integration's settings
    }
}
