package org.callpost.web.internal.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Callpost's own sessions (not the container's, so that the kind, the idle timeout and what ends a
 * session are ours): each expires after {@code idle} without a request. Whoever ends a session, the
 * subscriber logging off, the timeout or {@link #sweep()}, {@code onEnd} hears of it once (it purges
 * the subscriber's deleted messages, as hanging up does on the phone).
 */
public final class Sessions {
    private record Entry(Session session, Instant lastUsed) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Consumer<Session> onEnd;
    private volatile Duration idle;

    public Sessions(Duration idle, Clock clock, Consumer<Session> onEnd) {
        this.idle = idle;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    /** A new configuration's timeout applies to the sessions there are too. */
    public void idle(Duration value) {
        idle = value;
    }

    public Session open(Session.Kind kind, String principal) {
        Session session = new Session(token(), kind, principal, token());
        byId.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The session of a cookie value, if it has not expired; using it restarts its idle time. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            end(id);
            return Optional.empty();
        }
        // replace only the entry we read: a concurrent close wins
        byId.computeIfPresent(id, (k, e) -> new Entry(e.session(), now));
        return Optional.ofNullable(byId.get(id)).map(Entry::session);
    }

    /** Logs off; does nothing for an unknown or ended session. */
    public void close(String id) {
        end(id);
    }

    /** Ends every session whose idle time ran out; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        for (Iterator<Map.Entry<String, Entry>> it = byId.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Entry> e = it.next();
            if (expired(e.getValue(), now)) {
                expired.add(e.getKey());
            }
        }
        int ended = 0;
        for (String id : expired) {
            ended += end(id) ? 1 : 0;
        }
        return ended;
    }

    /** Ends every session of a principal of a kind (a mailbox removed). */
    public void closeAll(Session.Kind kind, String principal) {
        byId.values().stream().map(Entry::session)
                .filter(s -> s.kind() == kind && s.principal().equals(principal))
                .map(Session::id).toList().forEach(this::end);
    }

    /** Sessions open now (expired ones not yet swept included). */
    public int size() {
        return byId.size();
    }

    private boolean expired(Entry entry, Instant now) {
        return !entry.lastUsed().plus(idle).isAfter(now);
    }

    private boolean end(String id) {
        Entry removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        onEnd.accept(removed.session());
        return true;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
