package org.callpost.sip.internal;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.call.CallServices;
import org.callpost.sip.internal.call.Calls;
import org.callpost.sip.internal.lamp.MessageWaitingLamps;
import org.callpost.sip.internal.message.RequestScreen;
import org.callpost.sip.internal.registration.RegistrarHosts;
import org.callpost.sip.internal.registration.Registrations;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.callpost.sip.internal.config.SrtpMode;
import org.callpost.sip.internal.stack.SipEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running integration: its SIP endpoint, its lines registered as SIP stations on the PBX
 * ({@link Registrations}), the calls on them ({@link Calls}) and its message-waiting lamps
 * ({@link MessageWaitingLamps}). Starts, reconfigures and stops them, and routes the endpoint's
 * events to them.
 *
 * <p>All state is confined to one scheduler thread per integration (hundreds of lines share it;
 * no thread per line): JAIN-SIP's callbacks are posted onto it.
 */
public final class Integration implements SipEndpoint.Events {
    private static final Logger LOG = LoggerFactory.getLogger(Integration.class);
    /** How long stopping waits for the PBX to confirm un-registrations. */
    static final long UNREGISTER_WAIT_MILLIS = 2000;

    private final String name;
    private final ScheduledExecutorService thread;
    private IntegrationSettings settings;
    private org.callpost.sip.internal.config.SipProtection protection;
    private SipEndpoint endpoint;
    private final Registrations registrations;
    private final Calls calls;
    private final MessageWaitingLamps lamps;
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
        this.registrations = new Registrations(name, t);
        this.calls = new Calls(name, t, application, services);
        this.lamps = new MessageWaitingLamps(name, t, services, calls);
    }

    /** Timing settings that are not part of the integration note's settings. */
    public record Timing(int registrationTimeoutMillis, int primaryProbeIntervalSeconds, int keepAliveSeconds) {
    }

    /**
     * Binds the endpoint and registers every line. Runs on the caller's thread up to the bind so
     * a port already in use is reported to the caller.
     */
    void start(IntegrationSettings s, Timing timing, org.callpost.sip.internal.config.SipProtection p, SrtpMode srtp) throws SipException {
        SipEndpoint e;
        try {
            e = acquire(s, p);
        } catch (SipException refused) {
            thread.shutdownNow();
            application.shutdownNow();
            throw refused;
        }
        RegistrarHosts hosts = RegistrarHosts.resolve(s.registrars());
        protect(name, e, hosts, p);
        call(() -> {
            settings = s;
            protection = p;
            endpoint = e;
            org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.of(s, p);
            registrations.useUris(uris);
            registrations.start(s, e, hosts);
            applyTiming(timing);
            calls.configure(s, e, registrations.lines(), srtp, uris);
            lamps.configure(s, e, uris);
            LOG.info("Integration {}: {} lines registering at {} over {}", name, registrations.lines().size(), s.server(),
                    s.transport());
            registrations.registerAll();
            return null;
        });
    }

    /**
     * Applies new, valid settings. Lines whose registration is unaffected stay as they are; when
     * the registrar, credentials or transport change every line registers anew.
     */
    void reconfigure(IntegrationSettings s, Timing timing, org.callpost.sip.internal.config.SipProtection p, SrtpMode srtp) throws SipException {
        IntegrationSettings old = call(() -> settings);
        org.callpost.sip.internal.config.SipProtection oldProtection = call(() -> protection);
        boolean tlsChanged = (old.transport() == org.callpost.api.integration.Transport.TLS) != (s.transport() == org.callpost.api.integration.Transport.TLS)
                || s.transport() == org.callpost.api.integration.Transport.TLS && !oldProtection.tls().equals(p.tls());
        SipEndpoint fresh = null;
        if (!old.localAddress().equals(s.localAddress()) || old.localPort() != s.localPort()
                || !qualifier(old).equals(qualifier(s)) || tlsChanged) {
            fresh = acquire(s, p);
        }
        SipEndpoint newEndpoint = fresh;
        RegistrarHosts hosts = RegistrarHosts.resolve(s.registrars());
        protect(name, fresh != null ? fresh : call(() -> endpoint), hosts, p);
        call(() -> {
            protection = p;
            applyTiming(timing);
            SipEndpoint oldEndpoint = endpoint;
            org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.of(s, p);
            registrations.useUris(uris);
            registrations.reconfigure(s, newEndpoint, hosts);
            if (newEndpoint != null && newEndpoint != oldEndpoint) {
                endpoint = newEndpoint;
                thread.schedule(() -> endpoints.release(oldEndpoint, name), UNREGISTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            settings = s;
            calls.configure(s, endpoint, registrations.lines(), srtp, uris);
            lamps.configure(s, endpoint, uris);
            return null;
        });
    }

    /** The string that tells this integration's requests apart on a shared address: the setting, else the local address. */
    static String qualifier(IntegrationSettings s) {
        return s.parserQualifier().isEmpty() ? s.localAddress() : s.parserQualifier();
    }

    private SipEndpoint acquire(IntegrationSettings s, org.callpost.sip.internal.config.SipProtection p) throws SipException {
        java.util.Set<String> extensions = java.util.Set.copyOf(s.lineExtensions());
        return endpoints.acquire(name, s.localAddress(), s.localPort(), qualifier(s), !s.parserQualifier().isEmpty(),
                extensions::contains, s.transport(), p, this);
    }

    /** The flood limit, never for the registrars' addresses; the names a TLS certificate must carry. */
    private static void protect(String name, SipEndpoint e, RegistrarHosts hosts, org.callpost.sip.internal.config.SipProtection p) {
        java.util.Map<java.net.InetAddress, String> names = hosts.names();
        e.floodGuard().configure(name, p.floodLimitPerSecond(), p.callsFromPbxOnly(), names.keySet());
        e.tlsHostNames(names);
    }

    /** Requests dropped by the flood limit on this integration's endpoint. */
    long requestsDropped() {
        try {
            return call(() -> endpoint == null ? 0L : endpoint.floodGuard().dropped());
        } catch (SipException e) {
            return 0L;
        }
    }

    private void applyTiming(Timing timing) {
        registrations.applyTiming(timing.registrationTimeoutMillis(), timing.primaryProbeIntervalSeconds(),
                timing.keepAliveSeconds());
    }

    /** Un-registers every line (Expires: 0), waits a little for the PBX, and stops the stack. */
    void stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            call(() -> {
                lamps.endAll();
                calls.endAll();
                registrations.stop();
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
                    registrations.cancelTimers();
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
        boolean all = !registrations.unregistering();
        if (all || System.nanoTime() >= deadline) {
            done.complete(null);
        } else {
            thread.schedule(() -> waitForUnregistered(done, deadline), 50, TimeUnit.MILLISECONDS);
        }
    }

    List<LineStatus> lines() {
        try {
            return call(() -> registrations.lines().stream().map(l -> l.status(name)).toList());
        } catch (SipException e) {
            return List.of();
        }
    }

    java.util.concurrent.CompletionStage<org.callpost.api.call.DialResult> dial(String number,
            org.callpost.api.call.Dialler.Purpose purpose, int noAnswerSeconds) {
        return calls.dial(number, purpose, noAnswerSeconds);
    }

    java.util.concurrent.CompletionStage<Integer> setMessageWaiting(org.callpost.api.lamp.LampRequest request) {
        return lamps.setMessageWaiting(request);
    }

    /** Transactions and dialogs the SIP stack holds now. */
    int[] stackLoad() {
        try {
            return call(() -> endpoint == null ? new int[] {0, 0} : new int[] {endpoint.liveTransactions(), endpoint.liveDialogs()});
        } catch (SipException e) {
            return new int[] {-1, -1};
        }
    }

    List<org.callpost.api.call.Call> calls() {
        try {
            return call(() -> List.copyOf(calls.calls()));
        } catch (SipException e) {
            return List.of();
        }
    }

    Optional<SipServer> activeRegistrar() {
        try {
            return call(() -> Optional.ofNullable(registrations.activeRegistrar()));
        } catch (SipException e) {
            return Optional.empty();
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
        post(() -> registrations.timeout(e.getClientTransaction()));
    }

    @Override
    public void unreachable(String host, int port, String transport) {
        post(() -> registrations.unreachable(host, port, transport));
    }

    /** Responses: to a REGISTER or OPTIONS of the lines, to a lamp's NOTIFY, else to a call's request. */
    private void onResponse(ResponseEvent e) {
        ClientTransaction ct = e.getClientTransaction();
        Response r = e.getResponse();
        if (registrations.response(ct, r) || lamps.response(ct, r)) {
            return;
        }
        calls.response(ct, r);
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
            case Request.SUBSCRIBE -> lamps.subscribe(e);
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

    /** The innermost cause's message, for one-line log entries. */
    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

}
