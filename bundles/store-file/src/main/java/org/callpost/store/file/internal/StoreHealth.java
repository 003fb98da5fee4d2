package org.callpost.store.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.callpost.api.health.HealthResult;
import org.callpost.store.file.internal.storage.FreeSpace;

/**
 * The store's health: the free disk against the minimum (OK; WARNING below twice the minimum;
 * CRITICAL below it) and whether the folder can be written, by a probe file written and deleted in
 * the background every {@link #PROBE_SECONDS} s, never per check. The probe also looks at the free
 * space, so that going below the minimum is logged even while no call begins a recording.
 */
final class StoreHealth {
    static final String CHECK = "store";
    static final int PROBE_SECONDS = 10;

    private final FreeSpace space;
    private ScheduledExecutorService prober;
    /** The last probe's failure, null when it wrote and deleted its file (or has not run yet). */
    private volatile String notWritable;

    StoreHealth(FreeSpace space) {
        this.space = space;
    }

    List<HealthResult> check() {
        startProbing();
        String failure = notWritable;
        if (failure != null) {
            return List.of(HealthResult.critical(CHECK, "cannot write in " + space.folder() + ": " + failure));
        }
        long free;
        boolean full;
        try {
            full = space.full();
            free = space.usableBytes() / FreeSpace.MEGABYTE;
        } catch (IOException | RuntimeException e) {
            return List.of(HealthResult.critical(CHECK, "cannot read the free space of " + space.folder() + ": " + e));
        }
        long minimum = space.minimumMegabytes();
        if (full) {
            return List.of(HealthResult.critical(CHECK, free + " MB free in " + space.folder() + ", below the minimum "
                    + minimum + " MB: callers are told the system cannot take a message; free some space"));
        }
        if (minimum > 0 && free < 2 * minimum) {
            return List.of(HealthResult.warning(CHECK, free + " MB free in " + space.folder()
                    + ", less than twice the minimum " + minimum + " MB: free some space soon"));
        }
        return List.of(HealthResult.ok(CHECK, free + " MB free in " + space.folder()
                + (minimum > 0 ? " (minimum " + minimum + " MB)" : " (no minimum set)")));
    }

    synchronized void startProbing() {
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "callpost-store-probe");
                t.setDaemon(true);
                return t;
            });
            prober.scheduleWithFixedDelay(this::probe, 0, PROBE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Writes and deletes a small file in the store's folder. */
    void probe() {
        Path probe = space.folder().resolve(".health-probe");
        try {
            Files.write(probe, new byte[] {'o', 'k'});
            Files.delete(probe);
            notWritable = null;
        } catch (IOException | RuntimeException e) {
            notWritable = e.toString();
        }
        try {
            space.full(); // logs a change
        } catch (IOException | RuntimeException e) {
            // the check says so when asked
        }
    }

    synchronized void stop() {
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }
}
