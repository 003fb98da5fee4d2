package org.callpost.email.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Voicemail to email's figures: attempts by result and the emails waiting. Micrometer is an
 * optional import: without the metrics feature this class never loads.
 */
@Component(service = MeterBinder.class)
public final class EmailMeters implements MeterBinder {
    private final EmailComponent email;

    @Activate
    public EmailMeters(@Reference EmailComponent email) {
        this.email = email;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        EmailQueue queue = email.queue();
        EmailCounts counts = queue.counts();
        for (EmailCounts.Result result : EmailCounts.Result.values()) {
            FunctionCounter.builder("callpost.emails", counts, c -> c.count(result)).tag("result", result.label)
                    .description("Attempts to hand a new message's email to the SMTP server, by result").register(registry);
        }
        Gauge.builder("callpost.emails.queued", queue, EmailQueue::queued)
                .description("Emails waiting for their first or next attempt").register(registry);
    }
}
