package org.callpost.mwi.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The message-waiting lamps' figures: requests to the PBX by result and the lamps wanted lit.
 * Micrometer is an optional import: without the metrics feature this class never loads.
 */
@Component(service = MeterBinder.class)
public final class MwiMeters implements MeterBinder {
    private final MwiComponent mwi;

    @Activate
    public MwiMeters(@Reference MwiComponent mwi) {
        this.mwi = mwi;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        LampCounts counts = mwi.lampCounts();
        for (LampCounts.Result result : LampCounts.Result.values()) {
            FunctionCounter.builder("callpost.lamp.requests", counts, c -> c.count(result)).tag("result", result.label)
                    .description("Message-waiting lamp requests to the PBX, by result").register(registry);
        }
        Gauge.builder("callpost.lamps.lit", mwi, m -> m.lamps().stream().filter(l -> l.desiredOn()).count())
                .description("Message-waiting lamps that should be lit now").register(registry);
    }
}
