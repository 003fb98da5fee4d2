package org.callpost.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A flood of SIP requests over TLS from an address that is not the PBX's (e.g. 127.0.0.2), at a
 * steady rate, INVITE, REGISTER and OPTIONS in turn, each new (own Call-ID and branch), as a
 * scanner sends them (reading and discarding the answers);
 * reconnects when the peer closes the connection. It accepts any certificate: it is the
 * attacker, not a party that needs to know whom it talks to. A daemon thread; close stops it.
 */
public final class SipFlood implements AutoCloseable {
    private final String source;
    private final String host;
    private final int port;
    private final int perSecond;
    private final String extension;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Socket socket;

    /** Starts flooding {@code host:port} with {@code perSecond} requests for {@code extension} from {@code source}. */
    public SipFlood(String source, String host, int port, int perSecond, String extension) {
        this.source = source;
        this.host = host;
        this.port = port;
        this.perSecond = perSecond;
        this.extension = extension;
        this.thread = new Thread(this::run, "sip-flood-" + source);
        thread.setDaemon(true);
        thread.start();
    }

    /** Requests written so far. */
    public long sent() {
        return sent.get();
    }

    public long connections() {
        return connections.get();
    }

    private SSLSocket connect() throws IOException, GeneralSecurityException {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        plain.connect(new InetSocketAddress(host, port), 2000);
        SSLSocket s = (SSLSocket) c.getSocketFactory().createSocket(plain, host, port, true);
        s.startHandshake();
        connections.incrementAndGet();
        return s;
    }

    private void run() {
        long start = System.nanoTime();
        while (!stopped) {
            try (SSLSocket s = connect()) {
                socket = s;
                drain(s);
                OutputStream out = s.getOutputStream();
                int localPort = s.getLocalPort();
                while (!stopped) {
                    long due = (System.nanoTime() - start) * perSecond / TimeUnit.SECONDS.toNanos(1);
                    while (sent.get() < due && !stopped) {
                        out.write(invite(sent.incrementAndGet(), localPort));
                    }
                    out.flush();
                    Thread.sleep(5);
                }
            } catch (IOException | GeneralSecurityException e) {
                sleepQuietly(50); // the peer closed or refused: reconnect, as a flood does
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads and forgets what the peer answers, so its answers never back up into its sending threads. */
    private void drain(SSLSocket s) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                java.io.InputStream in = s.getInputStream();
                while (in.read(buffer) >= 0) {
                    // discarded
                }
            } catch (IOException closed) {
                // the connection ended
            }
        }, "sip-flood-drain-" + source);
        t.setDaemon(true);
        t.start();
    }

    private static final String[] METHODS = {"INVITE", "REGISTER", "OPTIONS"};

    private byte[] invite(long n, int localPort) {
        String branch = "z9hG4bKflood" + n;
        String method = METHODS[(int) (n % METHODS.length)];
        String m = method + " sip:" + extension + "@" + host + ":" + port + ";transport=tls SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS " + source + ":" + localPort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:scanner@" + source + ">;tag=f" + n + "\r\n"
                + "To: <sip:" + extension + "@" + host + ">\r\n"
                + "Call-ID: flood-" + n + "@" + source + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:scanner@" + source + ":" + localPort + ";transport=tls>\r\n"
                + "Content-Length: 0\r\n\r\n";
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // stopping
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
