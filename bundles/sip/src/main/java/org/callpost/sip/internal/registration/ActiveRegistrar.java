package org.callpost.sip.internal.registration;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.SipServer;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.line.Line;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which registrar an integration's lines register at: the primary, or a failover server when
 * the active one stops answering, back to the primary when it answers OPTIONS again; and the
 * keep-alive OPTIONS that notice an outage in seconds rather than at the next refresh. Runs on
 * the integration's thread, with its {@link Registrations}.
 */
final class ActiveRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRegistrar.class);

    private final Registrations registrations;
    /** Index into settings.registrars(): 0 is the primary. */
    int active;
    private ScheduledFuture<?> failoverSwitch;
    private ScheduledFuture<?> primaryProbe;
    private ClientTransaction probe;
    private ScheduledFuture<?> keepAlive;
    private ClientTransaction keepAliveRequest;
    private int primaryProbeIntervalSeconds;
    private int keepAliveSeconds;

    ActiveRegistrar(Registrations registrations) {
        this.registrations = registrations;
    }

    private IntegrationSettings settings() {
        return registrations.settings;
    }

    void applyTiming(int primaryProbeIntervalSeconds, int keepAliveSeconds) {
        this.primaryProbeIntervalSeconds = primaryProbeIntervalSeconds;
        if (keepAlive != null && this.keepAliveSeconds != keepAliveSeconds) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
        this.keepAliveSeconds = keepAliveSeconds;
        if (keepAlive == null && keepAliveSeconds > 0) {
            keepAlive = registrations.thread.scheduleWithFixedDelay(this::askRegistrar, keepAliveSeconds, keepAliveSeconds,
                    TimeUnit.SECONDS);
        }
    }

    void stop() {
        cancelFailover();
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    SipServer current() {
        List<SipServer> all = settings().registrars();
        return all.get(Math.min(active, all.size() - 1));
    }

    /** Whether a switch to another registrar is scheduled (it re-registers every line). */
    boolean switching() {
        return failoverSwitch != null;
    }

    /** The answer to a probe or keep-alive OPTIONS: true when it was one. */
    boolean response(ClientTransaction ct, Response r) {
        if (ct != null && ct == probe) {
            primaryAnswered(r.getStatusCode());
            return true;
        }
        if (ct != null && ct == keepAliveRequest) {
            keepAliveRequest = null; // any answer: the registrar is there
            return true;
        }
        return false;
    }

    boolean failoverPossible() {
        return settings().registrars().size() > 1 && !registrations.stopped;
    }

    void scheduleFailover() {
        if (failoverSwitch != null) {
            return;
        }
        SipServer from = current();
        int next = (active + 1) % settings().registrars().size();
        failoverSwitch = registrations.thread.schedule(() -> {
            failoverSwitch = null;
            LOG.warn("Integration {}: {} is not answering; lines fail over to {}", registrations.name, from,
                    settings().registrars().get(next));
            switchTo(next);
        }, settings().failoverDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void switchTo(int index) {
        active = index;
        for (Line l : registrations.lines) {
            l.cancelTimers();
            if (l.pending != null) {
                Registrations.terminate(l.pending);
                l.pending = null;
            }
            l.failures = 0;
            registrations.register(l);
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
        primaryProbe = registrations.thread.scheduleWithFixedDelay(this::probePrimary, primaryProbeIntervalSeconds,
                primaryProbeIntervalSeconds, TimeUnit.SECONDS);
    }

    /** Asks the primary with OPTIONS whether it is back; any answer means it is. */
    private void probePrimary() {
        if (active == 0 || registrations.stopped) {
            return;
        }
        if (probe != null) {
            Registrations.terminate(probe);
        }
        probe = options(settings().server());
    }

    /**
     * Asks the active registrar with OPTIONS whether it is still there, so that an outage is seen
     * in seconds rather than at the next refresh; no answer moves its lines to retrying (or to a
     * failover server).
     */
    private void askRegistrar() {
        if (registrations.stopped || keepAliveRequest != null
                || registrations.lines.stream().noneMatch(l -> l.state == LineState.REGISTERED)) {
            return;
        }
        SipServer server = current();
        ClientTransaction ct = options(server);
        if (ct == null) {
            registrarStoppedAnswering(server, "cannot reach " + server);
            return;
        }
        keepAliveRequest = ct;
        int timeout = registrations.registrationTimeoutMillis;
        registrations.thread.schedule(() -> {
            if (keepAliveRequest == ct) {
                keepAliveRequest = null;
                Registrations.terminate(ct);
                registrarStoppedAnswering(server, server + " stopped answering (no answer to OPTIONS within "
                        + registrations.registrationTimeoutMillis + " ms)");
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    private void registrarStoppedAnswering(SipServer server, String why) {
        boolean any = false;
        for (Line l : registrations.lines) {
            if (l.state == LineState.REGISTERED && server.equals(l.registrar)) {
                any = true;
                l.cancelTimers();
                l.expires = null;
                registrations.failed(l, why, true);
            }
        }
        if (any) {
            LOG.warn("Integration {}: {}", registrations.name, why);
        }
    }

    /** Sends an OPTIONS to a server; null when it could not even be sent. */
    private ClientTransaction options(SipServer server) {
        SipEndpoint endpoint = registrations.endpoint;
        try {
            var af = endpoint.addresses;
            String transport = settings().transport().sipName();
            SipURI uri = registrations.uris.uri(af, null, server.host(), server.port());
            Request r = OutOfDialogRequest.of(endpoint.messages, endpoint.headers, af, Request.OPTIONS, uri)
                    .callId(endpoint.newCallId()).cseq(1)
                    .from(registrations.uris.aor(af, settings().lineExtensions().get(0), endpoint.localAddress),
                            Long.toHexString(System.nanoTime()))
                    .to(uri)
                    .via(endpoint.localAddress, endpoint.localPort, transport, false)
                    .userAgent(Registrations.USER_AGENT)
                    .build();
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
            ct.sendRequest();
            return ct;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Integration {}: OPTIONS to {} not sent: {}", registrations.name, server, Integration.rootMessage(e));
            return null;
        }
    }

    private void primaryAnswered(int code) {
        probe = null;
        if (active != 0 && !registrations.stopped) {
            LOG.info("Integration {}: primary {} answers again ({}); lines return to it", registrations.name,
                    settings().server(), code);
            cancelFailover();
            switchTo(0);
        }
    }

    void cancelFailover() {
        if (failoverSwitch != null) {
            failoverSwitch.cancel(false);
            failoverSwitch = null;
        }
        if (primaryProbe != null) {
            primaryProbe.cancel(false);
            primaryProbe = null;
        }
    }
}
