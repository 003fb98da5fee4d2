package org.callpost.messaging.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The voicemail application's figures: messages saved, recordings not kept by reason, calls in
 * the application. Micrometer is an optional import: without the metrics feature nothing asks for
 * this service, so the class never loads.
 */
@Component(service = MeterBinder.class)
public final class MessageMeters implements MeterBinder {
    private final VoicemailApplication application;

    @Activate
    public MessageMeters(@Reference VoicemailApplication application) {
        this.application = application;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MessageCounts counts = application.messages();
        FunctionCounter.builder("callpost.messages.saved", counts, MessageCounts::savedCount)
                .description("Messages left by callers and saved in a mailbox's new folder").register(registry);
        for (MessageCounts.Discard why : MessageCounts.Discard.values()) {
            FunctionCounter.builder("callpost.messages.discarded", counts, c -> c.discardedCount(why)).tag("reason", why.label)
                    .description("Recordings not kept as a message, by reason").register(registry);
        }
        Gauge.builder("callpost.application.calls", application, VoicemailApplication::activeCalls)
                .description("Calls in the voicemail application now").register(registry);
    }
}
