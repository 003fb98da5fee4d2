package org.callpost.messaging.internal;

import org.callpost.api.messaging.CalloutStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Callout batches (new messages announced by calling a number) ended, by result. */
@Component(service = MeterBinder.class)
public final class CalloutMeters implements MeterBinder {
    private final NotificationCallouts callouts;

    @Activate
    public CalloutMeters(@Reference NotificationCallouts callouts) {
        this.callouts = callouts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CalloutCounts counts = callouts.calloutCounts();
        for (CalloutStatus.State result : CalloutCounts.RESULTS) {
            FunctionCounter.builder("callpost.callouts", counts, c -> c.count(result))
                    .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Callouts announcing new messages that ended, by result").register(registry);
        }
    }
}
