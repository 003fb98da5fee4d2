package org.callpost.metrics.internal;

import java.util.IdentityHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The meters each bundle's {@link MeterBinder} contributes. Every binder is bound to a registry of
 * its own (a composite whose one child is the exposed registry), so the meters it adds, in
 * {@code bindTo} or later, are known by binder: when its service goes, exactly those leave the
 * exposed registry, and the other bundles' figures stay.
 */
final class Contributions {
    private static final Logger LOG = LoggerFactory.getLogger(Contributions.class);

    private final MeterRegistry exposed;
    // guarded by this
    private final Map<MeterBinder, CompositeMeterRegistry> byBinder = new IdentityHashMap<>();
    private boolean closed;

    Contributions(MeterRegistry exposed) {
        this.exposed = exposed;
    }

    /** Binds a binder's meters; a binder that fails leaves none behind and the others untouched. */
    synchronized void add(MeterBinder binder) {
        if (closed || byBinder.containsKey(binder)) {
            return;
        }
        CompositeMeterRegistry own = new CompositeMeterRegistry(exposed.config().clock());
        // a meter the binder removes itself (an integration deleted) leaves the exposed registry too
        own.config().onMeterRemoved(meter -> exposed.remove(meter.getId()));
        own.add(exposed);
        try {
            binder.bindTo(own);
            byBinder.put(binder, own);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Metrics: the figures of {} are left out: {}", binder.getClass().getName(), e.toString());
            drop(own);
        }
    }

    /** Removes exactly the meters this binder added. */
    synchronized void remove(MeterBinder binder) {
        CompositeMeterRegistry own = byBinder.remove(binder);
        if (own != null) {
            drop(own);
        }
    }

    /** How many binders contribute now. */
    synchronized int size() {
        return byBinder.size();
    }

    /** Removes every contributed meter; binders arriving later are ignored. */
    synchronized void close() {
        closed = true;
        for (CompositeMeterRegistry own : byBinder.values()) {
            drop(own);
        }
        byBinder.clear();
    }

    private void drop(CompositeMeterRegistry own) {
        for (Meter meter : own.getMeters()) {
            exposed.remove(meter.getId());
        }
        // later meters from a binder that kept its registry go nowhere
        own.remove(exposed);
        own.close();
    }
}
