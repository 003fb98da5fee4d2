package org.callpost.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.callpost.api.call.Call;
import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.Transport;
import org.callpost.api.lamp.LampRequest;
import org.callpost.sip.internal.call.CallOutcome;
import org.junit.Test;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

public class SipMetersTest {
    /** An integration as the directory sees it, its lines' states set by the test. */
    private static final class Office implements IntegrationView {
        final String name;
        final List<LineState> lines = new ArrayList<>();
        final EndedCalls ended = new EndedCalls();
        long dropped;

        Office(String name, LineState... states) {
            this.name = name;
            lines.addAll(List.of(states));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public IntegrationStatus status() {
            List<LineStatus> ls = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                ls.add(new LineStatus(name, i + 1, "6" + (i + 1), lines.get(i), Optional.empty(), Optional.empty(),
                        Optional.empty(), LineActivity.IDLE));
            }
            return new IntegrationStatus(name, "mivoice400", IntegrationState.RUNNING, List.of(), Optional.empty(),
                    Transport.TCP, ls, 0, 0, dropped);
        }

        @Override
        public String profileId() {
            return "mivoice400";
        }

        @Override
        public EndedCalls endedCalls() {
            return ended;
        }

        @Override
        public List<Call> calls() {
            return List.of();
        }

        @Override
        public CompletionStage<Integer> setMessageWaiting(LampRequest request) {
            return CompletableFuture.completedFuture(0);
        }

        @Override
        public boolean lampsShowCounts() {
            return false;
        }

        @Override
        public CompletionStage<DialResult> dial(String number, Dialler.Purpose purpose, int noAnswerSeconds) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private final IntegrationDirectory directory = new IntegrationDirectory();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    public void linesCallsUpAndEndedCallsPerIntegrationComeAndGoWithIt() {
        Office office = new Office("office400", LineState.REGISTERED, LineState.REGISTERED, LineState.RETRYING);
        directory.add(office);
        SipMeters meters = new SipMeters(directory);
        meters.bindTo(registry);
        assertEquals(2.0, lines("office400").value(), 0);
        assertEquals(0.0, registry.get("callpost.calls.up").tag("integration", "office400").gauge().value(), 0);

        office.ended.add(CallOutcome.PBX_HUNG_UP);
        office.lines.set(2, LineState.REGISTERED);
        assertEquals("read at scrape time", 3.0, lines("office400").value(), 0);
        assertEquals(1.0, ended("office400", "pbx_hung_up").count(), 0);
        assertEquals(0.0, ended("office400", "cancelled").count(), 0);

        assertEquals(0.0, dropped("office400").count(), 0);
        office.dropped = 1234;
        assertEquals("requests the flood limit dropped", 1234.0, dropped("office400").count(), 0);

        Office branch = new Office("branch", LineState.AUTH_FAILED);
        directory.add(branch);
        assertEquals("configured later: its meters then", 0.0, lines("branch").value(), 0);

        directory.remove(office);
        assertNull(registry.find("callpost.lines.registered").tag("integration", "office400").gauge());
        assertNull(registry.find("callpost.calls.ended").tag("integration", "office400").functionCounter());
        assertEquals(0.0, lines("branch").value(), 0);

        meters.deactivate();
        directory.remove(branch);
        assertEquals("no longer listening", 0.0, lines("branch").value(), 0);
    }

    private Gauge lines(String integration) {
        return registry.get("callpost.lines.registered").tag("integration", integration).gauge();
    }

    private FunctionCounter dropped(String integration) {
        return registry.get("callpost.sip.requests.dropped").tag("integration", integration).functionCounter();
    }

    private FunctionCounter ended(String integration, String outcome) {
        return registry.get("callpost.calls.ended").tags("integration", integration, "outcome", outcome).functionCounter();
    }
}
