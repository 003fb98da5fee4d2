package org.callpost.sip.internal.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flood limit in front of an endpoint's SIP listener: each source address other than the
 * PBX's may send so many requests per second (a token bucket, bursts up to one second's worth);
 * what comes faster is dropped in the stack's valve, before any transaction, dialog or event and
 * before the integration's thread sees it, so a flood of INVITEs, REGISTERs or OPTIONS from a
 * scanner costs a parse and a map look-up. The PBX's addresses (the registrars') are never
 * limited. Besides, a request that would start a call or a subscription (INVITE or SUBSCRIBE
 * without a To tag) is taken from the PBX's addresses only, unless the integration allows calls
 * from anywhere: otherwise one INVITE a second from a scanner could keep a line busy. A dropped
 * request allocates nothing here; a source seen for the first time gets its
 * bucket, and past {@link #MAX_SOURCES} new sources share one bucket (a spoofed-source flood
 * cannot grow the map without bound).
 */
public final class FloodGuard implements SIPMessageValve {
    private static final Logger LOG = LoggerFactory.getLogger(FloodGuard.class);
    static final int MAX_SOURCES = 4096;
    private static final long SECOND = 1_000_000_000L;
    /** How often at most a flood is logged per endpoint. */
    private static final long LOG_EVERY = 60 * SECOND;

    /** One source's tokens, in billionths of a request. */
    static final class Bucket {
        long tokens;
        long last;
    }

    private final String endpoint;
    private final LongSupplier clock;
    private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket shared = new Bucket();
    private final LongAdder dropped = new LongAdder();
    private final java.util.Map<String, Owner> owners = new java.util.HashMap<>();
    private volatile Set<InetAddress> exempt = Set.of();
    private volatile int perSecond;
    private volatile boolean callsFromPbxOnly;
    private volatile long lastLogged = Long.MIN_VALUE;

    FloodGuard(String endpoint, int perSecond, LongSupplier clock) {
        this.endpoint = endpoint;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /**
     * One integration's limit (0: none) and its PBX's addresses, which are never limited. On an
     * endpoint several integrations share, every one's PBX is exempt and the highest limit holds
     * (so that none of them is limited below its own setting).
     */
    public synchronized void configure(String integration, int perSecond, boolean callsFromPbxOnly, Set<InetAddress> pbx) {
        owners.put(integration, new Owner(perSecond, callsFromPbxOnly, Set.copyOf(pbx)));
        recompute();
    }

    /** The integration left the endpoint. */
    public synchronized void forget(String integration) {
        if (owners.remove(integration) != null && !owners.isEmpty()) {
            recompute();
        }
    }

    private void recompute() {
        java.util.Set<InetAddress> all = new java.util.HashSet<>();
        int limit = -1;
        boolean pbxOnly = true;
        for (Owner o : owners.values()) {
            all.addAll(o.pbx());
            pbxOnly &= o.callsFromPbxOnly();
            limit = o.perSecond() <= 0 || limit == 0 ? 0 : Math.max(limit, o.perSecond());
        }
        this.exempt = Set.copyOf(all);
        this.perSecond = Math.max(0, limit);
        this.callsFromPbxOnly = pbxOnly;
    }

    private record Owner(int perSecond, boolean callsFromPbxOnly, Set<InetAddress> pbx) {
    }

    /** Requests dropped since the endpoint opened. */
    public long dropped() {
        return dropped.sum();
    }

    /** Whether a request from {@code source} may go on now; {@code startsDialog}: an INVITE or SUBSCRIBE without a To tag. */
    boolean admit(InetAddress source, boolean startsDialog) {
        if (source == null || exempt.contains(source)) {
            return true;
        }
        if (startsDialog && callsFromPbxOnly) {
            dropped.increment();
            logDropped(source, clock.getAsLong(), 0);
            return false;
        }
        int limit = perSecond;
        if (limit <= 0) {
            return true;
        }
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= MAX_SOURCES) {
                b = shared;
            } else {
                b = buckets.computeIfAbsent(source, s -> fresh(limit));
            }
        }
        long now = clock.getAsLong();
        long cost = SECOND;
        long capacity = limit * SECOND;
        synchronized (b) {
            long refill = (now - b.last) * limit; // elapsed ns x requests/s = billionths of a request
            if (refill < 0 || now - b.last > SECOND) {
                refill = capacity; // overflow-safe: a second idle fills the bucket
            }
            b.tokens = Math.min(capacity, b.tokens + refill);
            b.last = now;
            if (b.tokens >= cost) {
                b.tokens -= cost;
                return true;
            }
        }
        dropped.increment();
        logDropped(source, now, limit);
        return false;
    }

    /**
     * At most once a minute: a flood must not flood the log either. The reason is put into words
     * only then, so a dropped request still allocates nothing. {@code limit} 0: a call or
     * subscription from an address that is not the PBX's.
     */
    private void logDropped(InetAddress source, long now, int limit) {
        if (now - lastLogged >= LOG_EVERY || lastLogged == Long.MIN_VALUE) {
            lastLogged = now;
            String why = limit == 0 ? "calls are taken from the PBX's addresses only"
                    : "they come faster than flood.limit.per.second (" + limit + "/s)";
            LOG.warn("SIP on {}: requests from {} are dropped: {}; {} dropped so far", endpoint, source.getHostAddress(),
                    why, dropped.sum());
        }
    }

    private Bucket fresh(int limit) {
        Bucket b = new Bucket();
        b.tokens = limit * SECOND;
        b.last = clock.getAsLong();
        return b;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        String method = request.getMethod();
        boolean startsDialog = (javax.sip.message.Request.INVITE.equals(method) || javax.sip.message.Request.SUBSCRIBE.equals(method))
                && request.getToTag() == null;
        return admit(channel.getPeerPacketSourceAddress(), startsDialog);
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) {
        // configured by the endpoint
    }

    @Override
    public void destroy() {
        buckets.clear();
    }
}
