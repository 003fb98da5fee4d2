package org.callpost.sip.internal.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP endpoints of all integrations, one per local address and port. Several integrations
 * may share one (several telephone systems reaching Callpost on the same address): each request
 * goes to the integration whose "SIP parser qualifier string" it contains, else to the one whose
 * line it is addressed to. Responses and timeouts go to every sharer; each keeps only its own.
 */
@Component(service = SipEndpoints.class)
public final class SipEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoints.class);

    /** Two integrations share an address and port but nothing tells their requests apart. */
    public static final class QualifierClash extends SipException {
        private static final long serialVersionUID = 1L;

        QualifierClash(String message) {
            super(message);
        }
    }

    /** One integration on a shared endpoint. */
    private record Member(String integration, String qualifier, boolean explicit, Predicate<String> ownsExtension,
            SipEndpoint.Events events) {
    }

    /** An endpoint and the integrations on it. */
    private static final class Shared implements SipEndpoint.Events {
        final List<Member> members = new CopyOnWriteArrayList<>();
        SipEndpoint endpoint;

        @Override
        public void request(RequestEvent e) {
            List<Member> all = members;
            if (all.size() == 1) {
                all.get(0).events().request(e);
                return;
            }
            Member chosen = null;
            String text = e.getRequest().toString();
            // a qualifier an administrator set outranks the default (the local address, in every request)
            for (Member m : all) {
                if (m.explicit() && text.contains(m.qualifier())) {
                    chosen = m;
                    break;
                }
            }
            if (chosen == null && e.getRequest().getRequestURI() instanceof SipURI uri && uri.getUser() != null) {
                for (Member m : all) {
                    if (m.ownsExtension().test(uri.getUser())) {
                        chosen = m;
                        break;
                    }
                }
            }
            if (chosen == null && !all.isEmpty()) {
                chosen = all.get(0);
                LOG.debug("A {} on {}:{} names no integration's qualifier or line; {} takes it", e.getRequest().getMethod(),
                        endpoint.localAddress, endpoint.localPort, chosen.integration());
            }
            if (chosen != null) {
                chosen.events().request(e);
            }
        }

        @Override
        public void response(ResponseEvent e) {
            for (Member m : members) {
                m.events().response(e);
            }
        }

        @Override
        public void timeout(TimeoutEvent e) {
            for (Member m : members) {
                m.events().timeout(e);
            }
        }

        @Override
        public void unreachable(String host, int port, String transport) {
            for (Member m : members) {
                m.events().unreachable(host, port, transport);
            }
        }
    }

    private final Map<String, Shared> endpoints = new HashMap<>();

    private static String key(String address, int port) {
        return address + ":" + port;
    }

    /**
     * The endpoint on an address and port, bound now if no integration has it yet.
     *
     * @param qualifier the integration's parser qualifier string (its local address when not set)
     * @param explicit  whether the administrator set it
     * @throws QualifierClash when another integration there has the same qualifier
     * @throws SipException   when the address and port cannot be bound
     */
    public synchronized SipEndpoint acquire(String integration, String address, int port, String qualifier, boolean explicit,
            Predicate<String> ownsExtension, org.callpost.api.integration.Transport transport,
            org.callpost.sip.internal.config.SipProtection protection, SipEndpoint.Events events) throws SipException {
        Shared shared = endpoints.get(key(address, port));
        boolean tls = transport == org.callpost.api.integration.Transport.TLS;
        if (shared != null && (shared.endpoint.tls != tls || tls && !shared.endpoint.tlsSettings.equals(protection.tls()))) {
            boolean alone = shared.members.stream().allMatch(m -> m.integration().equals(integration));
            if (!alone) {
                throw new SipException("another integration listens on " + key(address, port) + (shared.endpoint.tls
                        ? " over TLS with other stores" : " over TCP and UDP") + "; TLS and plain SIP need ports of their own");
            }
            // the only user changes TLS: the stack is made anew (the integration re-registers on the new one)
            endpoints.remove(key(address, port));
            shared.endpoint.close();
            shared = null;
        }
        if (shared == null) {
            shared = new Shared();
            shared.endpoint = new SipEndpoint(integration, address, port, transport, protection.tls(),
                    protection.floodLimitPerSecond(), shared);
            endpoints.put(key(address, port), shared);
        } else {
            for (Member m : shared.members) {
                if (!m.integration().equals(integration) && m.qualifier().equals(qualifier)) {
                    throw new QualifierClash("integration " + m.integration() + " also listens on " + key(address, port)
                            + " with parser qualifier '" + qualifier + "'");
                }
            }
        }
        Shared s = shared;
        s.members.removeIf(m -> m.integration().equals(integration));
        s.members.add(new Member(integration, qualifier, explicit, ownsExtension, events));
        return s.endpoint;
    }

    /** The integration leaves the endpoint; the last one to leave closes it. */
    public synchronized void release(SipEndpoint endpoint, String integration) {
        Shared shared = endpoints.get(key(endpoint.localAddress, endpoint.localPort));
        if (shared == null || shared.endpoint != endpoint) {
            endpoint.close();
            return;
        }
        shared.members.removeIf(m -> m.integration().equals(integration));
        endpoint.floodGuard().forget(integration);
        if (shared.members.isEmpty()) {
            endpoints.remove(key(endpoint.localAddress, endpoint.localPort));
            endpoint.close();
        }
    }
}
