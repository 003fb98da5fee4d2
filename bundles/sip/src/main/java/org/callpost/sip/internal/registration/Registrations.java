package org.callpost.sip.internal.registration;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integration's lines registered as SIP stations on the PBX: REGISTER per line, refreshed
 * before it expires, challenges answered, failures retried with back-off. Which registrar is
 * active (failover, the primary probe, keep-alive) is {@link ActiveRegistrar}'s. Runs on the
 * integration's thread.
 */
public final class Registrations {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
    static final String USER_AGENT = "Callpost";

    final String name;
    final ScheduledExecutorService thread;
    IntegrationSettings settings;
    SipEndpoint endpoint;
    /** How this integration writes its URIs (sip: or sips:); set before {@link #start} and each {@link #reconfigure}. */
    org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.TCP;
    final List<Line> lines = new ArrayList<>();
    int registrationTimeoutMillis;
    boolean stopped;
    /** The registrars' addresses, resolved off this thread when settings are applied. */
    private RegistrarHosts registrarHosts = RegistrarHosts.NONE;
    final ActiveRegistrar registrar;

    public Registrations(String name, ScheduledExecutorService thread) {
        this.name = name;
        this.thread = thread;
        this.registrar = new ActiveRegistrar(this);
    }

    /** The lines, in the order of the Lines tab. */
    public List<Line> lines() {
        return lines;
    }

    public void applyTiming(int registrationTimeoutMillis, int primaryProbeIntervalSeconds, int keepAliveSeconds) {
        this.registrationTimeoutMillis = registrationTimeoutMillis;
        registrar.applyTiming(primaryProbeIntervalSeconds, keepAliveSeconds);
    }

    public void useUris(org.callpost.sip.internal.message.SipUris u) {
        uris = u;
    }

    /** The first settings: every line is created, not yet registered (see {@link #registerAll}). */
    public void start(IntegrationSettings s, SipEndpoint e, RegistrarHosts hosts) {
        registrarHosts = hosts;
        settings = s;
        endpoint = e;
        registrar.active = 0;
        lines.clear();
        int n = 1;
        for (String ext : s.lineExtensions()) {
            Line l = new Line(n++, ext, s.registrationPeriodSeconds());
            l.uris = uris;
            lines.add(l);
        }
    }

    public void registerAll() {
        for (Line l : lines) {
            register(l);
        }
    }

    /**
     * New, valid settings. Lines whose registration is unaffected stay as they are; when the
     * registrar, credentials or transport change, or a new endpoint (not null) replaces the old
     * one, every line registers anew.
     */
    public void reconfigure(IntegrationSettings s, SipEndpoint newEndpoint, RegistrarHosts hosts) {
        IntegrationSettings old = settings;
        registrarHosts = hosts;
        // sip: to sips: or back: a new binding for every line, and the old one removed by its own URI
        boolean schemeChanged = lines.stream().anyMatch(l -> l.uris.sips() != uris.sips());
        boolean everyLine = newEndpoint != null || !old.registrars().equals(s.registrars())
                || old.transport() != s.transport() || !old.password().equals(s.password())
                || old.registrationPeriodSeconds() != s.registrationPeriodSeconds()
                || !old.profile().equals(s.profile()) || schemeChanged;
        Set<String> keep = everyLine ? new HashSet<>() : new HashSet<>(s.lineExtensions());
        keep.retainAll(old.lineExtensions());
        // Lines that go away or move are un-registered where they are, in the background.
        List<Line> leaving = new ArrayList<>();
        Map<String, Line> staying = new LinkedHashMap<>();
        for (Line l : lines) {
            if (keep.contains(l.extension)) {
                staying.put(l.extension, l);
            } else {
                leaving.add(l);
            }
        }
        for (Line l : leaving) {
            if (newEndpoint == null && !schemeChanged && s.lineExtensions().contains(l.extension)
                    && s.server().equals(l.registrar)) {
                // same contact at the same registrar: the fresh REGISTER replaces the binding;
                // an Expires: 0 racing it could remove the new one
                l.cancelTimers();
                if (l.pending != null) {
                    terminate(l.pending);
                    l.pending = null;
                }
                l.owner = null;
            } else {
                unregister(l);
            }
        }
        if (newEndpoint != null) {
            endpoint = newEndpoint;
        }
        if (everyLine) {
            registrar.cancelFailover();
            registrar.active = 0;
        }
        settings = s;
        lines.clear();
        List<Line> added = new ArrayList<>();
        int n = 1;
        for (String ext : s.lineExtensions()) {
            Line l = staying.get(ext);
            if (l == null) {
                l = new Line(n, ext, s.registrationPeriodSeconds());
                l.uris = uris;
                added.add(l);
                lines.add(l);
            } else {
                l.number = n; // same binding, perhaps a new position in the list
                lines.add(l);
            }
            n++;
        }
        LOG.info("Integration {}: settings changed; {} lines register anew at {}", name, added.size(), current());
        for (Line l : added) {
            register(l);
        }
    }

    /** Stopping: no more failover or keep-alive, every line un-registers (Expires: 0). */
    public void stop() {
        stopped = true;
        registrar.stop();
        for (Line l : lines) {
            unregister(l);
        }
    }

    /** Whether a line still waits for the PBX to confirm its un-registration. */
    public boolean unregistering() {
        return lines.stream().anyMatch(l -> l.state == LineState.UNREGISTERING);
    }

    public void cancelTimers() {
        lines.forEach(Line::cancelTimers);
    }

    /** The registrar the lines register at now, or null before the first settings. */
    public SipServer activeRegistrar() {
        return settings == null ? null : current();
    }

    SipServer current() {
        return registrar.current();
    }

    void register(Line l) {
        l.wanted = true;
        send(l, current(), false);
    }

    private void unregister(Line l) {
        l.cancelTimers();
        l.wanted = false;
        if (l.state == LineState.REGISTERED || l.pending != null) {
            if (l.pending != null) {
                terminate(l.pending);
                l.pending = null;
            }
            send(l, l.registrar != null ? l.registrar : current(), false);
        } else {
            l.state = LineState.UNREGISTERED;
        }
    }

    /** Sends a REGISTER for the line; {@code credentials} when answering a challenge. */
    void send(Line l, SipServer server, boolean credentials) {
        l.cancelTimers();
        if (!server.equals(l.registrar) || l.callId == null) {
            l.registrar = server;
            l.callId = endpoint.newCallId();
            l.cseq = 0;
            l.digest.forget();
        }
        l.state = l.wanted ? LineState.REGISTERING : LineState.UNREGISTERING;
        l.answeredChallenge = credentials;
        try {
            Request r = registerRequest(l, server, credentials ? l.challenge : null);
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
            ct.setApplicationData(l);
            l.owner = this;
            l.pending = ct;
            ct.sendRequest();
            l.answerTimeout = thread.schedule(() -> unanswered(l, ct), registrationTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            l.pending = null;
            failed(l, tlsWhy("cannot send REGISTER to " + server + ": " + Integration.rootMessage(e)), true);
        }
    }

    private Request registerRequest(Line l, SipServer server, Challenge challenge)
            throws ParseException, InvalidArgumentException {
        String transport = settings.transport().sipName();
        var af = endpoint.addresses;
        var hf = endpoint.headers;
        // the transport as configured now (as before), the scheme as the line's binding was made
        var lineUris = new org.callpost.sip.internal.message.SipUris(transport, l.uris.sips() && settings.transport() == org.callpost.api.integration.Transport.TLS);
        SipURI requestUri = lineUris.uri(af, null, server.host(), server.port());
        SipURI aor = lineUris.aor(af, l.extension, server.host());
        Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.REGISTER, requestUri)
                .callId(l.callId).cseq(++l.cseq)
                .from(aor, Long.toHexString(System.nanoTime()) + l.number).to(aor)
                .via(endpoint.localAddress, endpoint.localPort, transport, true)
                .contact(lineUris.uri(af, l.extension, endpoint.localAddress, endpoint.localPort))
                .userAgent(USER_AGENT)
                .header(hf.createExpiresHeader(l.wanted ? l.requestedExpires : 0))
                .build();
        if (challenge != null) {
            r.addHeader(l.digest.answer(hf, af, challenge, Request.REGISTER, requestUri.toString(), l.extension,
                    settings.password().reveal()));
        }
        return r;
    }

    /** A response: true when it answers a REGISTER, probe or keep-alive of these lines. */
    public boolean response(ClientTransaction ct, Response r) {
        if (registrar.response(ct, r)) {
            return true;
        }
        if (ct == null || !(ct.getApplicationData() instanceof Line l) || l.pending != ct || l.owner != this) {
            return false; // not ours: a call's, a stray or late response, or another integration's
        }
        int code = r.getStatusCode();
        if (code < 200) {
            return true;
        }
        l.pending = null;
        if (l.answerTimeout != null) {
            l.answerTimeout.cancel(false);
            l.answerTimeout = null;
        }
        if (code < 300) {
            registered(l, r);
        } else if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
            challenged(l, r);
        } else if (code == Response.INTERVAL_TOO_BRIEF) {
            MinExpiresHeader min = (MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME);
            if (min != null && min.getExpires() > l.requestedExpires && l.wanted) {
                l.requestedExpires = min.getExpires();
                send(l, l.registrar, false);
            } else {
                failed(l, "PBX answered 423 Interval Too Brief without a usable Min-Expires", false);
            }
        } else if (code == Response.REQUEST_TIMEOUT || code == Response.SERVICE_UNAVAILABLE
                || code == Response.SERVER_TIMEOUT) {
            failed(l, l.registrar + " answered " + code + " " + r.getReasonPhrase(), true);
        } else {
            failed(l, l.registrar + " refused extension " + l.extension + ": " + code + " " + r.getReasonPhrase()
                    + hint(code), false);
        }
        return true;
    }

    private static String hint(int code) {
        return switch (code) {
            case 403 -> " (check the PBX password and that the terminal is a Standard SIP terminal)";
            case 404 -> " (check that the extension exists on the PBX as a SIP terminal)";
            default -> "";
        };
    }

    /** Over TLS, a connection that failed because the PBX's certificate was refused says so, and what to fix. */
    private String tlsWhy(String why) {
        String refusal = endpoint == null ? null : endpoint.tlsRefusal();
        return refusal == null || why.contains(refusal) ? why : refusal;
    }

    private void registered(Line l, Response r) {
        if (endpoint != null) {
            endpoint.tlsAccepted();
        }
        boolean recovered = l.failures > 0;
        l.failures = 0;
        l.answeredChallenge = false;
        if (!l.wanted) {
            l.state = LineState.UNREGISTERED;
            l.expires = null;
            return;
        }
        int granted = grantedExpires(r, l.requestedExpires);
        if (granted <= 0) {
            failed(l, l.registrar + " accepted the registration with Expires 0", false);
            return;
        }
        boolean first = l.state != LineState.REGISTERED || l.lastError != null;
        l.state = LineState.REGISTERED;
        l.lastError = null;
        l.expires = Instant.now().plusSeconds(granted);
        // refresh when four fifths of the registration have run, so a lost refresh has time to retry
        long refreshIn = Math.max(1000, granted * 800L);
        l.timer = thread.schedule(() -> send(l, l.registrar, false), refreshIn, TimeUnit.MILLISECONDS);
        if (first) {
            LOG.debug("Integration {}: line {} ({}) registered at {} for {} s", name, l.number, l.extension, l.registrar, granted);
        }
        if (recovered) {
            retryNowAt(l.registrar);
        }
    }

    /** The registrar answers again: lines waiting out their back-off there need not wait longer. */
    private void retryNowAt(SipServer server) {
        for (Line other : lines) {
            if (other.state == LineState.RETRYING && other.pending == null && server.equals(other.registrar)) {
                send(other, server, false);
            }
        }
    }

    /** The expiry the registrar granted: our Contact's expires, else the Expires header. */
    private int grantedExpires(Response r, int asked) {
        for (ListIterator<?> it = r.getHeaders(ContactHeader.NAME); it.hasNext();) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress().getURI() instanceof SipURI u && Objects.equals(u.getHost(), endpoint.localAddress)
                    && u.getPort() == endpoint.localPort && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        ExpiresHeader e = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        return e != null ? e.getExpires() : asked;
    }

    private void challenged(Line l, Response r) {
        Challenge c = DigestAuthorization.challengeIn(r);
        if (c == null || !DigestAuthorization.supports(c)) {
            failed(l, l.registrar + " asked for authentication we cannot give (" + (c == null ? "no challenge" : c.algorithm()) + ")", false);
            return;
        }
        if (l.answeredChallenge && !c.stale()) {
            authenticationFailed(l, r.getStatusCode());
            return;
        }
        l.challenge = c;
        send(l, l.registrar, true);
    }

    private void authenticationFailed(Line l, int code) {
        l.answeredChallenge = false;
        l.failures++;
        l.lastError = "authentication failed: " + l.registrar + " refused the PBX password for extension "
                + l.extension + " (" + code + "); set "
                + (settings == null ? "pbx.password" : settings.settingNames().of("pbx.password"))
                + " to the password in the PBX's Terminal Data";
        if (!l.wanted) {
            l.state = LineState.UNREGISTERED;
            return;
        }
        if (l.state != LineState.AUTH_FAILED) {
            LOG.warn("Integration {}: line {} {}", name, l.number, l.lastError);
        }
        l.state = LineState.AUTH_FAILED;
        l.timer = thread.schedule(() -> send(l, l.registrar, false), Backoff.spread(Backoff.AUTH_FAILED_MILLIS),
                TimeUnit.MILLISECONDS);
    }

    /** The stack gave up on a request: a REGISTER of ours is unanswered. */
    public void timeout(ClientTransaction ct) {
        if (ct != null && ct.getApplicationData() instanceof Line l && l.pending == ct && l.owner == this) {
            unanswered(l, ct);
        }
    }

    /** Our own answer timer: the server is not answering this REGISTER. */
    private void unanswered(Line l, ClientTransaction ct) {
        if (l.pending != ct) {
            return;
        }
        terminate(ct);
        l.pending = null;
        failed(l, tlsWhy("no answer from " + l.registrar + " within " + registrationTimeoutMillis + " ms"), true);
    }

    /** A connection to a peer failed: REGISTERs waiting at that registrar fail now. */
    public void unreachable(String host, int port, String transport) {
        for (Line l : lines) {
            if (l.pending != null && l.registrar != null && l.registrar.port() == port
                    && registrarHosts.same(l.registrar.host(), host)) {
                ClientTransaction ct = l.pending;
                terminate(ct);
                l.pending = null;
                if (l.answerTimeout != null) {
                    l.answerTimeout.cancel(false);
                }
                failed(l, tlsWhy("cannot reach " + l.registrar + " over " + transport), true);
            }
        }
    }

    /**
     * A registration attempt failed. {@code serverDown}: the registrar itself is not answering, which
     * is what failover is for.
     */
    void failed(Line l, String why, boolean serverDown) {
        l.answeredChallenge = false;
        if (!l.wanted) {
            l.state = LineState.UNREGISTERED;
            l.lastError = why;
            return;
        }
        boolean quiet = why.equals(l.lastError);
        l.lastError = why;
        l.state = LineState.RETRYING;
        l.expires = null;
        l.failures++;
        if (!quiet && l.failures == 1) {
            LOG.info("Integration {}: line {} ({}) {}; retrying", name, l.number, l.extension, why);
        }
        if (serverDown && l.registrar != null && l.registrar.equals(current()) && registrar.failoverPossible()) {
            registrar.scheduleFailover();
            return; // the switch re-registers every line
        }
        if (!registrar.switching()) {
            l.timer = thread.schedule(() -> send(l, current(), false), Backoff.afterFailures(l.failures), TimeUnit.MILLISECONDS);
        }
    }

    static void terminate(ClientTransaction ct) {
        try {
            ct.terminate();
        } catch (SipException | RuntimeException ignored) {
            // already gone
        }
    }
}
