package org.callpost.store.file.internal;

import java.util.concurrent.TimeUnit;

import org.callpost.store.file.internal.operations.StoreTimings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The message store's figures: how long begin, commit, list and read of messages take (count and
 * total, read at scrape time), and the mailboxes. Micrometer is an optional import: without the
 * metrics feature this class never loads.
 */
@Component(service = MeterBinder.class)
public final class StoreMeters implements MeterBinder {
    private final FileMessageStore store;

    @Activate
    public StoreMeters(@Reference FileMessageStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        StoreTimings timings = store.timings();
        for (StoreTimings.Operation op : StoreTimings.Operation.values()) {
            FunctionTimer.builder("callpost.store.operation", timings, t -> t.count(op), t -> t.totalSeconds(op), TimeUnit.SECONDS)
                    .tag("operation", op.label())
                    .description("Message store operations and the time they took").register(registry);
        }
        Gauge.builder("callpost.mailboxes", store, s -> s.mailboxes().size())
                .description("Mailboxes in the message store").register(registry);
    }
}
