package org.callpost.metrics.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.callpost.api.metrics.MetricsExposition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * Callpost's one metrics registry, in Prometheus' format: the JVM's own figures and those of every
 * {@link MeterBinder} service the other bundles register (a whiteboard; no static registry).
 * The web serves {@link #write} at {@code /callpost/metrics}.
 */
@Component(service = MetricsExposition.class)
public final class CallpostMetrics implements MetricsExposition {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Contributions contributions = new Contributions(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public CallpostMetrics() {
        for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics())) {
            jvm.bindTo(registry);
        }
    }

    // bound before activation and whenever a bundle registers one; greedy: a later binder is taken at once
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBinder(MeterBinder binder) {
        contributions.add(binder);
    }

    void removeBinder(MeterBinder binder) {
        contributions.remove(binder);
    }

    @Deactivate
    void deactivate() {
        contributions.close();
        gc.close();
        registry.close();
    }

    @Override
    public String contentType() {
        return TextFormat.CONTENT_TYPE_004;
    }

    @Override
    public void write(Writer out) throws IOException {
        registry.scrape(out, TextFormat.CONTENT_TYPE_004);
    }
}
