package org.callpost.media.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.callpost.api.media.SessionStatistics;

/**
 * RTP figures per integration for the metrics: the sums of the sessions that ended, kept here once
 * per session as it closes, plus those of the sessions open now, read at scrape time. Nothing is
 * counted per packet: the sessions keep their own counters.
 */
final class RtpTotals {
    /** Packets sent, received and lost, and the largest jitter of the open sessions (ms). */
    record Sums(long sent, long received, long lost, double jitterMillis) {
    }

    // guarded by this, with the engine's set of open sessions (see ended)
    private final Map<String, long[]> ended = new LinkedHashMap<>();
    private final List<Consumer<String>> newIntegration = new CopyOnWriteArrayList<>();

    /** The integration a session belongs to: the SIP bundle labels them "integration/line N". */
    static String integrationOf(String label) {
        int slash = label.lastIndexOf('/');
        return slash > 0 ? label.substring(0, slash) : label;
    }

    /** Tells the listener of each integration seen so far and of every new one. */
    synchronized void listen(Consumer<String> listener) {
        newIntegration.add(listener);
        ended.keySet().forEach(listener);
    }

    /** Tells the listener of each integration seen so far, without keeping it. */
    synchronized void listenOnce(Consumer<String> listener) {
        ended.keySet().forEach(listener);
    }

    void unlisten(Consumer<String> listener) {
        newIntegration.remove(listener);
    }

    /** A session opened: its integration gets its figures from now on. */
    void opened(String label) {
        String integration = integrationOf(label);
        boolean added;
        synchronized (this) {
            added = ended.putIfAbsent(integration, new long[3]) == null;
        }
        if (added) {
            newIntegration.forEach(l -> l.accept(integration));
        }
    }

    /**
     * A session closed: its last figures join the ended sums and it leaves the open set in one step,
     * so a scrape counts it exactly once.
     */
    synchronized void ended(SessionStatistics last, Runnable leaveOpenSet) {
        long[] sums = ended.computeIfAbsent(integrationOf(last.label()), k -> new long[3]);
        sums[0] += last.packetsSent();
        sums[1] += last.packetsReceived();
        sums[2] += last.packetsLost();
        leaveOpenSet.run();
    }

    /** The figures of one integration now: the ended sums plus the open sessions' own counters. */
    Sums sums(String integration, Set<? extends org.callpost.api.media.MediaSession> open) {
        long[] base;
        List<org.callpost.api.media.MediaSession> live = new ArrayList<>();
        synchronized (this) {
            base = ended.getOrDefault(integration, new long[3]).clone();
            for (org.callpost.api.media.MediaSession s : open) {
                live.add(s);
            }
        }
        long sent = base[0];
        long received = base[1];
        long lost = base[2];
        double jitter = 0;
        // asked outside the lock: a session's figures come from its clock thread, which may be closing it;
        // one that closed meanwhile answers with its last figures, which are not in the copy taken above
        for (org.callpost.api.media.MediaSession s : live) {
            SessionStatistics st = s.statistics();
            if (st == null || !integrationOf(st.label()).equals(integration)) {
                continue;
            }
            sent += st.packetsSent();
            received += st.packetsReceived();
            lost += st.packetsLost();
            jitter = Math.max(jitter, st.jitterMillis());
        }
        return new Sums(sent, received, lost, jitter);
    }
}
