package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** A call's executor over a shared pool: order, sharing, stopping, failures. */
public class SerialExecutorTest {

    /** 1,600 calls share two threads, each call's steps in order; none has a thread of its own. */
    @Test
    public void manyCallsShareAFewThreads() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            int calls = 1600;
            int steps = 50;
            List<List<Integer>> seen = new ArrayList<>();
            List<SerialExecutor> executors = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                seen.add(new ArrayList<>());
                executors.add(new SerialExecutor(two, "call-" + c));
            }
            CountDownLatch done = new CountDownLatch(calls * steps);
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < calls; c++) {
                    List<Integer> mine = seen.get(c);
                    int n = s;
                    executors.get(c).execute(() -> {
                        mine.add(n);
                        done.countDown();
                    });
                }
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
            for (int c = 0; c < calls; c++) {
                List<Integer> mine = seen.get(c);
                List<Integer> copy = CompletableFuture.supplyAsync(() -> List.copyOf(mine), executors.get(c)).get();
                assertEquals(steps, copy.size());
                for (int s = 0; s < steps; s++) {
                    assertEquals(s, (int) copy.get(s));
                }
            }
        } finally {
            two.shutdownNow();
        }
    }

    /** Stopping: the pool refuses work, so a call's last steps (a hang-up's commit) run on the reporting thread. */
    @Test
    public void aStoppedPoolRunsTheStepsOnThePostingThread() {
        SerialExecutor executor = new SerialExecutor(task -> {
            throw new RejectedExecutionException("stopped");
        }, "test");
        List<String> ran = new ArrayList<>();
        executor.execute(() -> {
            ran.add("first");
            executor.execute(() -> ran.add("posted by the first"));
            ran.add("first, after posting");
        });
        executor.execute(() -> ran.add("second"));
        assertEquals(List.of("first", "first, after posting", "posted by the first", "second"), ran);
    }

    /** A step that throws is logged; the call's next steps still run. */
    @Test
    public void aFailingStepDoesNotStopTheCall() {
        SerialExecutor executor = new SerialExecutor(Runnable::run, "test");
        List<String> ran = new ArrayList<>();
        executor.execute(() -> {
            throw new IllegalStateException("a bug in one step (expected in this test)");
        });
        executor.execute(() -> ran.add("next"));
        assertEquals(List.of("next"), ran);
    }
}
