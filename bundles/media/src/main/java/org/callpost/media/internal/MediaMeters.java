package org.callpost.media.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * RTP figures per integration: packets sent, received and lost (the ended sessions' sums plus the
 * open ones', read at scrape time) and the largest jitter of its open sessions; and the sessions
 * open now. An integration gets its meters with its first media session. Micrometer is an
 * optional import: without the metrics feature this class never loads.
 */
@Component(service = MeterBinder.class)
public final class MediaMeters implements MeterBinder {
    private final MediaEngineComponent engine;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Consumer<String> integrations = this::added;

    @Activate
    public MediaMeters(@Reference MediaEngineComponent engine) {
        this.engine = engine;
    }

    @Deactivate
    void deactivate() {
        engine.rtpTotals().unlisten(integrations);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("callpost.rtp.sessions", engine, e -> e.sessions().size())
                .description("Media (RTP) sessions open now").register(registry);
        boolean first = registries.isEmpty();
        registries.add(registry);
        if (first) {
            engine.rtpTotals().listen(integrations); // tells of the integrations seen so far, then of each new one
        } else {
            engine.rtpTotals().listenOnce(i -> register(registry, i));
        }
    }

    private void added(String integration) {
        for (MeterRegistry registry : registries) {
            register(registry, integration);
        }
    }

    private void register(MeterRegistry registry, String integration) {
        FunctionCounter.builder("callpost.rtp.packets.sent", engine, e -> e.rtpSums(integration).sent())
                .tag("integration", integration).description("RTP packets sent").register(registry);
        FunctionCounter.builder("callpost.rtp.packets.received", engine, e -> e.rtpSums(integration).received())
                .tag("integration", integration).description("RTP packets received").register(registry);
        FunctionCounter.builder("callpost.rtp.packets.lost", engine, e -> e.rtpSums(integration).lost())
                .tag("integration", integration).description("RTP packets lost (RFC 3550, from sequence numbers)")
                .register(registry);
        Gauge.builder("callpost.rtp.jitter", engine, e -> e.rtpSums(integration).jitterMillis() / 1000.0)
                .tag("integration", integration).baseUnit("seconds")
                .description("The largest interarrival jitter (RFC 3550) of the integration's open sessions")
                .register(registry);
    }
}
