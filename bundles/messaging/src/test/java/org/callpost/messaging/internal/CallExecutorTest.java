package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.store.Mailbox;
import org.callpost.messaging.internal.logon.PinGuard;
import org.junit.After;
import org.junit.Test;

/**
 * Each call's executor: a call's media events, store completions, timers and SIP events, arriving
 * at once from several threads, are handled one at a time and in order, on a pool shared by all
 * calls (no thread per call).
 */
public class CallExecutorTest {
    private final ExecutorService callPool = Executors.newFixedThreadPool(4);
    private final ExecutorService storeWork = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stop() {
        callPool.shutdownNow();
        storeWork.shutdownNow();
        timer.shutdownNow();
    }

    private static CallFlowsTest.FakeCall newCall() {
        return new CallFlowsTest.FakeCall(new CallInfo("202", "", "201", Optional.of("201"), ForwardReason.NO_ANSWER,
                Optional.empty(), true, false, List.of()));
    }

    /** {@code read} on the call's executor, after what was posted before it. */
    private static <T> T onExecutor(CallContext context, Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, context.executor).get(5, TimeUnit.SECONDS);
    }

    /**
     * Four threads at once (the media events thread pressing keys, a SIP thread completing
     * stages, a store worker, the timer) drive one call. The flow's state is a plain list with no
     * lock: before the call had an executor, each event ran on the thread that brought it and
     * these four would have appended at the same time. Now no two steps overlap, none is lost,
     * and each thread's events are handled in the order it sent them.
     */
    @Test
    public void eventsOfOneCallFromSeveralThreadsAreHandledOneAtATimeAndInOrder() throws Exception {
        int perSource = 2000;
        CallFlowsTest.FakeCall call = newCall();
        CallFlowsTest.FakeStore store = new CallFlowsTest.FakeStore();
        CallContext context = new CallContext(call, Settings.DEFAULT, new CallFlowsTest.FakePrompts(), store,
                new PinGuard(store, Clock.systemUTC()), storeWork, callPool, timer, new CallerQueues());
        call.listen(context.keypad);

        List<String> handled = new ArrayList<>(); // the flow's own state: only its executor touches it
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(4 * perSource);
        java.util.function.Consumer<String> step = event -> {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            handled.add(event);
            Thread.yield(); // widen the window another thread would race in
            inside.decrementAndGet();
            all.countDown();
        };
        context.executor.execute(() -> context.keypad.route(key -> step.accept("key:" + key)));

        String keys = Keypad.ALL_KEYS;
        CyclicBarrier go = new CyclicBarrier(4);
        List<Thread> sources = List.of(
                new Thread(() -> { // the media events thread: the caller's keys
                    await(go);
                    for (int i = 0; i < perSource; i++) {
                        call.listener.dtmfReceived(call.media, keys.charAt(i % keys.length()), DtmfSource.TELEPHONE_EVENT);
                    }
                }),
                new Thread(() -> { // a SIP thread: stages of the call (a consultation's outcome, its end)
                    await(go);
                    for (int i = 0; i < perSource; i++) {
                        CompletableFuture<Integer> sip = new CompletableFuture<>();
                        context.onCall(sip).thenAccept(n -> step.accept("sip:" + n));
                        sip.complete(i);
                    }
                }),
                new Thread(() -> { // store work completing on the (single) store worker
                    await(go);
                    for (int i = 0; i < perSource; i++) {
                        int n = i;
                        context.inStore(() -> n).thenAccept(v -> step.accept("store:" + v));
                    }
                }),
                new Thread(() -> { // the shared timer: expired timers only post to the call
                    await(go);
                    for (int i = 0; i < perSource; i++) {
                        int n = i;
                        context.after(0, () -> step.accept("timer:" + n));
                    }
                }));
        sources.forEach(Thread::start);
        for (Thread t : sources) {
            t.join(10_000);
        }
        assertTrue("every event handled", all.await(10, TimeUnit.SECONDS));

        List<String> seen = onExecutor(context, () -> List.copyOf(handled));
        assertEquals("one step at a time", 1, mostAtOnce.get());
        assertEquals("none lost", 4 * perSource, seen.size());
        List<String> expectedKeys = new ArrayList<>();
        for (int i = 0; i < perSource; i++) {
            expectedKeys.add("key:" + keys.charAt(i % keys.length()));
        }
        assertEquals("keys in the order pressed", expectedKeys, only(seen, "key:"));
        for (String source : List.of("sip:", "store:", "timer:")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perSource; i++) {
                expected.add(source + i);
            }
            assertEquals(source + " events in the order they came", expected, only(seen, source));
        }
    }

    /**
     * A real flow: the caller ends the recording with # and hangs up at the same moment, the
     * recording's end on the media thread and the call's end on a SIP thread. Whichever comes
     * first, the message is committed once (the flow has no lock any more).
     */
    @Test
    public void poundAndHangingUpAtOnceKeepTheMessageOnce() throws Exception {
        for (int round = 0; round < 100; round++) {
            CallFlowsTest.FakeStore store = new CallFlowsTest.FakeStore();
            store.add(Mailbox.of("201", "201", ""));
            CallFlowsTest.FakeCall call = newCall();
            CallContext context = new CallContext(call, Settings.DEFAULT, new CallFlowsTest.FakePrompts(), store,
                    new PinGuard(store, Clock.systemUTC()), storeWork, callPool, timer, new CallerQueues());
            call.listen(context.keypad);
            LeaveMessageFlow flow = new LeaveMessageFlow(context, store.mailbox("201").orElseThrow(), "201");
            context.executor.execute(flow::start);

            awaitOnExecutor(context, () -> call.media.play() != null); // the greeting plays
            onExecutor(context, () -> {
                call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the greeting
                return null;
            });
            awaitState(context, flow, LeaveMessageFlow.State.BEEP);
            onExecutor(context, () -> {
                call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the beep
                return null;
            });
            awaitState(context, flow, LeaveMessageFlow.State.RECORDING);
            CallFlowsTest.Recording recording = onExecutor(context, () -> call.media.recording());

            CyclicBarrier go = new CyclicBarrier(2);
            Thread media = new Thread(() -> {
                await(go);
                recording.done.complete(new RecordOutcome(recording.request.file(), RecordOutcome.Reason.KEY, '#', 4000, ""));
            });
            Thread sip = new Thread(() -> {
                await(go);
                call.state = CallState.ENDED;
                call.ended.complete(null);
            });
            media.start();
            sip.start();
            media.join(5000);
            sip.join(5000);

            CallFlowsTest.FakeDraft draft = store.drafts.get(0);
            long end = System.currentTimeMillis() + 5000;
            while (committed(context, draft) == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
            committed(context, draft); // both events and what they started have run
            assertEquals("round " + round + ": kept once", 1, committed(context, draft));
        }
    }

    private void awaitState(CallContext context, LeaveMessageFlow flow, LeaveMessageFlow.State state) throws Exception {
        awaitOnExecutor(context, () -> flow.state() == state);
        assertEquals(state, onExecutor(context, flow::state));
    }

    /** Until {@code condition}, read on the call's executor, holds (5 s at most). */
    private static void awaitOnExecutor(CallContext context, Supplier<Boolean> condition) throws Exception {
        long end = System.currentTimeMillis() + 5000;
        while (!onExecutor(context, condition) && System.currentTimeMillis() < end) {
            Thread.sleep(1);
        }
    }

    /** The draft's commits, read on the store worker after the call's executor and the worker ran what was queued. */
    private int committed(CallContext context, CallFlowsTest.FakeDraft draft) throws Exception {
        onExecutor(context, () -> null);
        return CompletableFuture.supplyAsync(() -> draft.commits, storeWork).get(5, TimeUnit.SECONDS);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> only(List<String> events, String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }
}
