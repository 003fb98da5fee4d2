package org.callpost.sip.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.message.Challenge;
import org.callpost.sip.internal.message.DigestAuthorization;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running integration: its SIP endpoint and its lines registered as SIP stations on the PBX,
 * refreshed before they expire, retried with back-off, moved to a failover server when the
 * active one stops answering and back to the primary when it answers again.
 *
 * <p>All state is confined to one scheduler thread per integration (hundreds of lines share it;
 * no thread per line): JAIN-SIP's callbacks are posted onto it.
 */
final class Integration implements SipEndpoint.Events {
    private static final Logger LOG = LoggerFactory.getLogger(Integration.class);
    private static final String USER_AGENT = "Callpost";
    /** How long stopping waits for the PBX to confirm un-registrations. */
    static final long UNREGISTER_WAIT_MILLIS = 2000;

    private final String name;
    private final ScheduledExecutorService thread;
    private IntegrationSettings settings;
    private SipEndpoint endpoint;
    private final List<LineRegistration> lines = new ArrayList<>();
    /** Index into settings.registrars(): 0 is the primary. */
    private int active;
    private ScheduledFuture<?> failoverSwitch;
    private ScheduledFuture<?> primaryProbe;
    private ClientTransaction probe;
    private ScheduledFuture<?> keepAlive;
    private ClientTransaction keepAliveRequest;
    private int registrationTimeoutMillis;
    private int primaryProbeIntervalSeconds;
    private int keepAliveSeconds;
    private boolean stopped;
    /** The registrars' addresses, resolved off this thread when settings are applied. */
    private RegistrarHosts registrarHosts = RegistrarHosts.NONE;
    private final Calls calls;
    /** The application's thread for this integration: a slow application never stalls SIP. */
    private final java.util.concurrent.ExecutorService application;

    private final SipEndpoints endpoints;

    Integration(String name, CallServices services, SipEndpoints endpoints) {
        this.name = name;
        this.endpoints = endpoints;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "callpost-integration-" + name);
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.thread = t;
        this.application = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "callpost-calls-" + name);
            th.setDaemon(true);
            return th;
        });
        this.calls = new Calls(name, t, application, services);
    }

    /** Timing settings that are not part of the integration note's settings. */
    record Timing(int registrationTimeoutMillis, int primaryProbeIntervalSeconds, int keepAliveSeconds) {
    }

    /**
     * Binds the endpoint and registers every line. Runs on the caller's thread up to the bind so
     * a port already in use is reported to the caller.
     */
    void start(IntegrationSettings s, Timing timing) throws SipException {
        SipEndpoint e;
        try {
            e = acquire(s);
        } catch (SipException refused) {
            thread.shutdownNow();
            application.shutdownNow();
            throw refused;
        }
        RegistrarHosts hosts = RegistrarHosts.resolve(s.registrars());
        call(() -> {
            registrarHosts = hosts;
            settings = s;
            endpoint = e;
            applyTiming(timing);
            active = 0;
            createLines();
            calls.configure(s, e);
            LOG.info("Integration {}: {} lines registering at {} over {}", name, lines.size(), s.server(), s.transport());
            for (LineRegistration l : lines) {
                register(l);
            }
            return null;
        });
    }

    /**
     * Applies new, valid settings. Lines whose registration is unaffected stay as they are; when
     * the registrar, credentials or transport change every line registers anew.
     */
    void reconfigure(IntegrationSettings s, Timing timing) throws SipException {
        IntegrationSettings old = call(() -> settings);
        SipEndpoint fresh = null;
        if (!old.localAddress().equals(s.localAddress()) || old.localPort() != s.localPort()
                || !qualifier(old).equals(qualifier(s))) {
            fresh = acquire(s);
        }
        SipEndpoint newEndpoint = fresh;
        RegistrarHosts hosts = RegistrarHosts.resolve(s.registrars());
        call(() -> {
            registrarHosts = hosts;
            applyTiming(timing);
            boolean everyLine = newEndpoint != null || !old.registrars().equals(s.registrars())
                    || old.transport() != s.transport() || !old.password().equals(s.password())
                    || old.registrationPeriodSeconds() != s.registrationPeriodSeconds()
                    || !old.profile().equals(s.profile());
            Set<String> keep = everyLine ? new HashSet<>() : new HashSet<>(s.lineExtensions());
            keep.retainAll(old.lineExtensions());
            // Lines that go away or move are un-registered where they are, in the background.
            List<LineRegistration> leaving = new ArrayList<>();
            Map<String, LineRegistration> staying = new LinkedHashMap<>();
            for (LineRegistration l : lines) {
                if (keep.contains(l.extension)) {
                    staying.put(l.extension, l);
                } else {
                    leaving.add(l);
                }
            }
            for (LineRegistration l : leaving) {
                if (newEndpoint == null && s.lineExtensions().contains(l.extension) && s.server().equals(l.registrar)) {
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
            SipEndpoint oldEndpoint = endpoint;
            if (newEndpoint != null && newEndpoint != oldEndpoint) {
                endpoint = newEndpoint;
                thread.schedule(() -> endpoints.release(oldEndpoint, name), UNREGISTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (everyLine) {
                cancelFailover();
                active = 0;
            }
            settings = s;
            calls.configure(s, endpoint);
            lines.clear();
            List<LineRegistration> added = new ArrayList<>();
            int n = 1;
            for (String ext : s.lineExtensions()) {
                LineRegistration l = staying.get(ext);
                if (l == null) {
                    l = new LineRegistration(n, ext, s.registrationPeriodSeconds());
                    added.add(l);
                    lines.add(l);
                } else {
                    l.line = n; // same binding, perhaps a new position in the list
                    lines.add(l);
                }
                n++;
            }
            LOG.info("Integration {}: settings changed; {} lines register anew at {}", name, added.size(), current());
            for (LineRegistration l : added) {
                register(l);
            }
            return null;
        });
    }

    /** The string that tells this integration's requests apart on a shared address: the setting, else the local address. */
    static String qualifier(IntegrationSettings s) {
        return s.parserQualifier().isEmpty() ? s.localAddress() : s.parserQualifier();
    }

    private SipEndpoint acquire(IntegrationSettings s) throws SipException {
        java.util.Set<String> extensions = java.util.Set.copyOf(s.lineExtensions());
        return endpoints.acquire(name, s.localAddress(), s.localPort(), qualifier(s), !s.parserQualifier().isEmpty(),
                extensions::contains, this);
    }

    private void applyTiming(Timing timing) {
        registrationTimeoutMillis = timing.registrationTimeoutMillis();
        primaryProbeIntervalSeconds = timing.primaryProbeIntervalSeconds();
        if (keepAlive != null && keepAliveSeconds != timing.keepAliveSeconds()) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
        keepAliveSeconds = timing.keepAliveSeconds();
        if (keepAlive == null && keepAliveSeconds > 0) {
            keepAlive = thread.scheduleWithFixedDelay(this::askRegistrar, keepAliveSeconds, keepAliveSeconds, TimeUnit.SECONDS);
        }
    }

    /** Un-registers every line (Expires: 0), waits a little for the PBX, and stops the stack. */
    void stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            call(() -> {
                stopped = true;
                calls.endAll();
                cancelFailover();
                if (keepAlive != null) {
                    keepAlive.cancel(false);
                }
                for (LineRegistration l : lines) {
                    unregister(l);
                }
                waitForUnregistered(done, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNREGISTER_WAIT_MILLIS));
                return null;
            });
            done.get(UNREGISTER_WAIT_MILLIS + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | SipException e) {
            LOG.debug("Integration {}: un-registration did not finish", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                call(() -> {
                    for (LineRegistration l : lines) {
                        l.cancelTimers();
                    }
                    if (endpoint != null) {
                        endpoints.release(endpoint, name);
                    }
                    return null;
                });
            } catch (SipException ignored) {
                // stopping anyway
            }
            thread.shutdownNow();
            application.shutdownNow();
        }
    }

    private void waitForUnregistered(CompletableFuture<Void> done, long deadline) {
        boolean all = lines.stream().noneMatch(l -> l.state == LineState.UNREGISTERING);
        if (all || System.nanoTime() >= deadline) {
            done.complete(null);
        } else {
            thread.schedule(() -> waitForUnregistered(done, deadline), 50, TimeUnit.MILLISECONDS);
        }
    }

    List<LineStatus> lines() {
        try {
            return call(() -> lines.stream().map(l -> l.status(name, calls.activity(l.extension))).toList());
        } catch (SipException e) {
            return List.of();
        }
    }

    java.util.concurrent.CompletionStage<org.callpost.api.call.DialResult> dial(String number,
            org.callpost.api.call.Dialler.Purpose purpose, int noAnswerSeconds) {
        return calls.dial(number, purpose, noAnswerSeconds);
    }

    java.util.concurrent.CompletionStage<Integer> setMessageWaiting(org.callpost.api.lamp.LampRequest request) {
        return calls.setMessageWaiting(request);
    }

    /** Transactions and dialogs the SIP stack holds now. */
    int[] stackLoad() {
        try {
            return call(() -> endpoint == null ? new int[] {0, 0} : new int[] {endpoint.liveTransactions(), endpoint.liveDialogs()});
        } catch (SipException e) {
            return new int[] {-1, -1};
        }
    }

    List<SipCall> calls() {
        try {
            return call(calls::calls);
        } catch (SipException e) {
            return List.of();
        }
    }

    Optional<SipServer> activeRegistrar() {
        try {
            return call(() -> settings == null ? Optional.<SipServer>empty() : Optional.of(current()));
        } catch (SipException e) {
            return Optional.empty();
        }
    }

    // ---- registration ------------------------------------------------------------------

    private void createLines() {
        lines.clear();
        int n = 1;
        for (String ext : settings.lineExtensions()) {
            lines.add(new LineRegistration(n++, ext, settings.registrationPeriodSeconds()));
        }
    }

    private SipServer current() {
        List<SipServer> all = settings.registrars();
        return all.get(Math.min(active, all.size() - 1));
    }

    private void register(LineRegistration l) {
        l.wanted = true;
        send(l, current(), false);
    }

    private void unregister(LineRegistration l) {
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
    private void send(LineRegistration l, SipServer server, boolean credentials) {
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
            failed(l, "cannot send REGISTER to " + server + ": " + rootMessage(e), true);
        }
    }

    private Request registerRequest(LineRegistration l, SipServer server, Challenge challenge)
            throws ParseException, InvalidArgumentException {
        String transport = settings.transport().sipName();
        var af = endpoint.addresses;
        var hf = endpoint.headers;
        SipURI requestUri = OutOfDialogRequest.uri(af, null, server.host(), server.port(), transport);
        SipURI aor = OutOfDialogRequest.uri(af, l.extension, server.host(), 0, null);
        Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.REGISTER, requestUri)
                .callId(l.callId).cseq(++l.cseq)
                .from(aor, Long.toHexString(System.nanoTime()) + l.line).to(aor)
                .via(endpoint.localAddress, endpoint.localPort, transport, true)
                .contact(OutOfDialogRequest.uri(af, l.extension, endpoint.localAddress, endpoint.localPort, transport))
                .userAgent(USER_AGENT)
                .header(hf.createExpiresHeader(l.wanted ? l.requestedExpires : 0))
                .build();
        if (challenge != null) {
            r.addHeader(l.digest.answer(hf, af, challenge, Request.REGISTER, requestUri.toString(), l.extension,
                    settings.password().reveal()));
        }
        return r;
    }

    private void onResponse(ResponseEvent e) {
        ClientTransaction ct = e.getClientTransaction();
        Response r = e.getResponse();
        if (ct != null && ct == probe) {
            primaryAnswered(r.getStatusCode());
            return;
        }
        if (calls.response(ct, r)) {
            return;
        }
        if (ct != null && ct == keepAliveRequest) {
            keepAliveRequest = null; // any answer: the registrar is there
            return;
        }
        if (ct == null || !(ct.getApplicationData() instanceof LineRegistration l) || l.pending != ct || l.owner != this) {
            return; // a stray or late response, or another integration's on a shared endpoint
        }
        int code = r.getStatusCode();
        if (code < 200) {
            return;
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
    }

    private static String hint(int code) {
        return switch (code) {
            case 403 -> " (check the PBX password and that the terminal is a Standard SIP terminal)";
            case 404 -> " (check that the extension exists on the PBX as a SIP terminal)";
            default -> "";
        };
    }

    private void registered(LineRegistration l, Response r) {
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
            LOG.debug("Integration {}: line {} ({}) registered at {} for {} s", name, l.line, l.extension, l.registrar, granted);
        }
        if (recovered) {
            retryNowAt(l.registrar);
        }
    }

    /** The registrar answers again: lines waiting out their back-off there need not wait longer. */
    private void retryNowAt(SipServer server) {
        for (LineRegistration other : lines) {
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

    private void challenged(LineRegistration l, Response r) {
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

    private void authenticationFailed(LineRegistration l, int code) {
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
            LOG.warn("Integration {}: line {} {}", name, l.line, l.lastError);
        }
        l.state = LineState.AUTH_FAILED;
        l.timer = thread.schedule(() -> send(l, l.registrar, false), Backoff.spread(Backoff.AUTH_FAILED_MILLIS),
                TimeUnit.MILLISECONDS);
    }

    /** Our own answer timer: the server is not answering this REGISTER. */
    private void unanswered(LineRegistration l, ClientTransaction ct) {
        if (l.pending != ct) {
            return;
        }
        terminate(ct);
        l.pending = null;
        failed(l, "no answer from " + l.registrar + " within " + registrationTimeoutMillis + " ms", true);
    }

    /**
     * A registration attempt failed. {@code serverDown}: the registrar itself is not answering, which
     * is what failover is for.
     */
    private void failed(LineRegistration l, String why, boolean serverDown) {
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
            LOG.info("Integration {}: line {} ({}) {}; retrying", name, l.line, l.extension, why);
        }
        if (serverDown && l.registrar != null && l.registrar.equals(current()) && failoverPossible()) {
            scheduleFailover();
            return; // the switch re-registers every line
        }
        if (failoverSwitch == null) {
            l.timer = thread.schedule(() -> send(l, current(), false), Backoff.afterFailures(l.failures), TimeUnit.MILLISECONDS);
        }
    }

    // ---- failover ----------------------------------------------------------------------

    private boolean failoverPossible() {
        return settings.registrars().size() > 1 && !stopped;
    }

    private void scheduleFailover() {
        if (failoverSwitch != null) {
            return;
        }
        SipServer from = current();
        int next = (active + 1) % settings.registrars().size();
        failoverSwitch = thread.schedule(() -> {
            failoverSwitch = null;
            LOG.warn("Integration {}: {} is not answering; lines fail over to {}", name, from, settings.registrars().get(next));
            switchTo(next);
        }, settings.failoverDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void switchTo(int index) {
        active = index;
        for (LineRegistration l : lines) {
            l.cancelTimers();
            if (l.pending != null) {
                terminate(l.pending);
                l.pending = null;
            }
            l.failures = 0;
            register(l);
        }
        if (active != 0) {
            schedulePrimaryProbe();
        } else if (primaryProbe != null) {
            primaryProbe.cancel(false);
            primaryProbe = null;
        }
    }

    private void schedulePrimaryProbe() {
        if (primaryProbe != null) {
            primaryProbe.cancel(false);
        }
        primaryProbe = thread.scheduleWithFixedDelay(this::probePrimary, primaryProbeIntervalSeconds,
                primaryProbeIntervalSeconds, TimeUnit.SECONDS);
    }

    /** Asks the primary with OPTIONS whether it is back; any answer means it is. */
    private void probePrimary() {
        if (active == 0 || stopped) {
            return;
        }
        if (probe != null) {
            terminate(probe);
        }
        probe = options(settings.server());
    }

    /**
     * Asks the active registrar with OPTIONS whether it is still there, so that an outage is seen
     * in seconds rather than at the next refresh; no answer moves its lines to retrying (or to a
     * failover server).
     */
    private void askRegistrar() {
        if (stopped || keepAliveRequest != null || lines.stream().noneMatch(l -> l.state == LineState.REGISTERED)) {
            return;
        }
        SipServer server = current();
        ClientTransaction ct = options(server);
        if (ct == null) {
            registrarStoppedAnswering(server, "cannot reach " + server);
            return;
        }
        keepAliveRequest = ct;
        thread.schedule(() -> {
            if (keepAliveRequest == ct) {
                keepAliveRequest = null;
                terminate(ct);
                registrarStoppedAnswering(server, server + " stopped answering (no answer to OPTIONS within "
                        + registrationTimeoutMillis + " ms)");
            }
        }, registrationTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void registrarStoppedAnswering(SipServer server, String why) {
        boolean any = false;
        for (LineRegistration l : lines) {
            if (l.state == LineState.REGISTERED && server.equals(l.registrar)) {
                any = true;
                l.cancelTimers();
                l.expires = null;
                failed(l, why, true);
            }
        }
        if (any) {
            LOG.warn("Integration {}: {}", name, why);
        }
    }

    /** Sends an OPTIONS to a server; null when it could not even be sent. */
    private ClientTransaction options(SipServer server) {
        try {
            var af = endpoint.addresses;
            String transport = settings.transport().sipName();
            SipURI uri = OutOfDialogRequest.uri(af, null, server.host(), server.port(), transport);
            Request r = OutOfDialogRequest.of(endpoint.messages, endpoint.headers, af, Request.OPTIONS, uri)
                    .callId(endpoint.newCallId()).cseq(1)
                    .from(OutOfDialogRequest.uri(af, settings.lineExtensions().get(0), endpoint.localAddress, 0, null),
                            Long.toHexString(System.nanoTime()))
                    .to(uri)
                    .via(endpoint.localAddress, endpoint.localPort, transport, false)
                    .userAgent(USER_AGENT)
                    .build();
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
            ct.sendRequest();
            return ct;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: OPTIONS to {} not sent: {}", name, server, rootMessage(e));
            return null;
        }
    }

    private void primaryAnswered(int code) {
        probe = null;
        if (active != 0 && !stopped) {
            LOG.info("Integration {}: primary {} answers again ({}); lines return to it", name, settings.server(), code);
            cancelFailover();
            switchTo(0);
        }
    }

    private void cancelFailover() {
        if (failoverSwitch != null) {
            failoverSwitch.cancel(false);
            failoverSwitch = null;
        }
        if (primaryProbe != null) {
            primaryProbe.cancel(false);
            primaryProbe = null;
        }
    }

    // ---- SIP events, moved onto the integration's thread --------------------------------

    @Override
    public void request(RequestEvent e) {
        post(() -> answerRequest(e));
    }

    @Override
    public void response(ResponseEvent e) {
        post(() -> onResponse(e));
    }

    @Override
    public void timeout(TimeoutEvent e) {
        post(() -> {
            ClientTransaction ct = e.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof LineRegistration l && l.pending == ct && l.owner == this) {
                unanswered(l, ct);
            }
        });
    }

    @Override
    public void unreachable(String host, int port, String transport) {
        post(() -> {
            for (LineRegistration l : lines) {
                if (l.pending != null && l.registrar != null && l.registrar.port() == port
                        && registrarHosts.same(l.registrar.host(), host)) {
                    ClientTransaction ct = l.pending;
                    terminate(ct);
                    l.pending = null;
                    if (l.answerTimeout != null) {
                        l.answerTimeout.cancel(false);
                    }
                    failed(l, "cannot reach " + l.registrar + " over " + transport, true);
                }
            }
        });
    }

    /** Requests from the PBX: calls go to {@link Calls}; OPTIONS is answered here. */
    private void answerRequest(RequestEvent e) {
        Request req = e.getRequest();
        if (!RequestScreen.admit(e, endpoint)) {
            return;
        }
        switch (req.getMethod()) {
            case Request.INVITE -> calls.invite(e);
            case Request.ACK -> calls.ack(e);
            case Request.BYE, Request.CANCEL, Request.UPDATE, Request.NOTIFY -> calls.inDialog(e);
            case Request.SUBSCRIBE -> calls.subscribe(e);
            default -> answerOutsideCalls(e, req.getMethod().equals(Request.OPTIONS) ? Response.OK : Response.METHOD_NOT_ALLOWED);
        }
    }

    private void answerOutsideCalls(RequestEvent e, int code) {
        Request req = e.getRequest();
        try {
            ServerTransaction st = e.getServerTransaction();
            if (st == null) {
                st = endpoint.provider().getNewServerTransaction(req);
            }
            Response r = endpoint.messages.createResponse(code, req);
            r.addHeader(endpoint.headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, NOTIFY, SUBSCRIBE"));
            st.sendResponse(r);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException ex) {
            LOG.debug("Integration {}: could not answer {}: {}", name, req.getMethod(), rootMessage(ex));
        }
    }

    // ---- plumbing ----------------------------------------------------------------------

    private void post(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    LOG.warn("Integration {}: unexpected failure handling a SIP event: {}", name, rootMessage(ex), ex);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the integration is stopping: late events are dropped
        }
    }

    interface Step<T> {
        T run() throws SipException;
    }

    /** Runs a step on the integration's thread and waits for it. */
    private <T> T call(Step<T> step) throws SipException {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(step.run());
                } catch (SipException | RuntimeException ex) {
                    f.completeExceptionally(ex);
                }
            });
            return f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SipException("integration " + name + " is stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SipException("interrupted");
        } catch (TimeoutException e) {
            throw new SipException("integration " + name + " did not answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SipException se) {
                throw se;
            }
            throw new SipException(rootMessage(e.getCause()), e.getCause());
        }
    }

    private static void terminate(ClientTransaction ct) {
        try {
            ct.terminate();
        } catch (SipException | RuntimeException ignored) {
            // already gone
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

}
