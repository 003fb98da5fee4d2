package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.messaging.CalloutStatus;
import org.callpost.api.store.Mailbox;
import org.callpost.messaging.internal.logon.PinGuard;
import org.junit.After;
import org.junit.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

public class MessageMetersTest {
    private final CallFlowsTest.FakeStore store = new CallFlowsTest.FakeStore();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    public void aMessageLeftByACallerCountsAsSavedAndEveryDiscardReasonIsShownFromZero() {
        store.add(Mailbox.of("201", "201", ""));
        VoicemailApplication app = new VoicemailApplication(store, new CallFlowsTest.FakePrompts(),
                new PinGuard(store, java.time.Clock.systemUTC()), Settings.DEFAULT, new CallFlowsTest.DirectExecutor(), timer);
        new MessageMeters(app).bindTo(registry);
        assertEquals(0.0, saved(), 0);

        CallFlowsTest.FakeCall call = new CallFlowsTest.FakeCall(new CallInfo("202", "", "201", Optional.of("201"),
                ForwardReason.NO_ANSWER, Optional.empty(), true, false, List.of()));
        app.answered(call);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the greeting
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the beep
        call.callerHangsUp(5000);
        assertEquals(1, store.drafts.get(0).commits);
        assertEquals(1.0, saved(), 0);
        for (String reason : List.of("too_short", "hung_up")) {
            assertEquals(reason, 0.0, registry.get("callpost.messages.discarded").tag("reason", reason).functionCounter().count(), 0);
        }
        app.deactivate();
    }

    @Test
    public void calloutResultsAreTheStatesABatchEndsIn() {
        CalloutCounts counts = new CalloutCounts();
        counts.ended(CalloutStatus.State.DELIVERED);
        assertEquals(List.of("delivered", "gave_up", "refused", "cancelled"),
                java.util.Arrays.stream(CalloutCounts.RESULTS).map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList());
        assertEquals(1, counts.count(CalloutStatus.State.DELIVERED));
        assertEquals(0, counts.count(CalloutStatus.State.GAVE_UP));
    }

    private double saved() {
        return registry.get("callpost.messages.saved").functionCounter().count();
    }
}
