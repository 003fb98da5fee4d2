package org.callpost.health.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthReport;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks on a small pool of its own (two daemon threads), each bounded by a timeout counted
 * from when it starts (a check still queued behind slow ones is given up at the timeout from the
 * report's start). A check that throws, answers nothing or takes too long becomes a CRITICAL
 * result naming it. A check that did not stop when given up is not started again while it still
 * runs: it would take the pool's threads one report at a time.
 */
final class CheckRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    static final int THREADS = 2;

    private final ExecutorService pool;
    /** Checks given up that have not returned yet, with when they were started. */
    private final Map<HealthCheck, Run> stuck = new ConcurrentHashMap<>();

    private static final class Run {
        final AtomicLong startedNanos = new AtomicLong();
        final Instant submitted = Instant.now();
        volatile boolean finished;
        Future<List<HealthResult>> future;

        /** Started and not returned: cancelling a future does not stop a check that ignores interrupts. */
        boolean running() {
            return startedNanos.get() != 0 && !finished;
        }
    }

    CheckRunner() {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "callpost-health-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool = executor;
    }

    /** Every check's results now, ordered by check name; the worst status is the report's. */
    HealthReport report(List<NamedCheck> checks, Duration timeout) {
        Instant checked = Instant.now();
        long reportStart = System.nanoTime();
        List<NamedCheck> sorted = checks.stream().sorted(Comparator.comparing(NamedCheck::name)).toList();
        List<Run> runs = new ArrayList<>();
        for (NamedCheck c : sorted) {
            Run earlier = stuck.get(c.check());
            if (earlier != null && earlier.running()) {
                runs.add(earlier);
                continue;
            }
            stuck.remove(c.check());
            Run run = new Run();
            run.future = pool.submit(() -> {
                run.startedNanos.set(System.nanoTime());
                try {
                    return c.check().check();
                } finally {
                    run.finished = true;
                }
            });
            runs.add(run);
        }
        List<HealthResult> results = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            results.addAll(answer(sorted.get(i), runs.get(i), reportStart, timeout));
        }
        results.sort(Comparator.comparing(HealthResult::check));
        HealthStatus worst = results.stream().map(HealthResult::status).max(Comparator.naturalOrder())
                .orElse(HealthStatus.OK);
        return new HealthReport(worst, checked, results);
    }

    private List<HealthResult> answer(NamedCheck c, Run run, long reportStart, Duration timeout) {
        if (stuck.get(c.check()) == run) {
            return List.of(HealthResult.critical(c.name(), c.name() + " has not answered since "
                    + run.submitted + " (given up after " + timeout.toSeconds() + " s)"));
        }
        long limit = timeout.toNanos();
        while (true) {
            long started = run.startedNanos.get();
            long wait = (started == 0 ? reportStart : started) + limit - System.nanoTime();
            try {
                List<HealthResult> answered = wait > 0 ? run.future.get(wait, TimeUnit.NANOSECONDS)
                        : run.future.isDone() ? run.future.get() : null;
                if (wait <= 0 && !run.future.isDone()) {
                    return givenUp(c, run, started == 0, timeout);
                }
                if (answered == null) {
                    return List.of(HealthResult.critical(c.name(), c.name() + " answered nothing"));
                }
                return answered.stream().map(r -> r == null ? HealthResult.critical(c.name(), c.name()
                        + " answered an empty result") : r).toList();
            } catch (TimeoutException e) {
                // started late behind another check: its own timeout counts from its start; loop
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LOG.warn("Health check {} failed", c.name(), cause);
                return List.of(HealthResult.critical(c.name(), c.name() + " failed: " + cause));
            } catch (CancellationException e) {
                return List.of(HealthResult.critical(c.name(), c.name() + " was cancelled"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of(HealthResult.critical(c.name(), c.name() + " was not waited for: interrupted"));
            }
        }
    }

    private List<HealthResult> givenUp(NamedCheck c, Run run, boolean neverStarted, Duration timeout) {
        run.future.cancel(true);
        if (neverStarted) {
            return List.of(HealthResult.critical(c.name(), c.name() + " did not start within " + timeout.toSeconds()
                    + " s: the health threads are busy with slower checks"));
        }
        if (run.running()) {
            stuck.put(c.check(), run);
        }
        LOG.warn("Health check {} gave no answer within {} s", c.name(), timeout.toSeconds());
        return List.of(HealthResult.critical(c.name(), c.name() + " gave no answer within " + timeout.toSeconds() + " s"));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
