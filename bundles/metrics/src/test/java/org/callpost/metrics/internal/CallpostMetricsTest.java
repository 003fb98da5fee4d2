package org.callpost.metrics.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.StringWriter;

import org.junit.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.MeterBinder;

public class CallpostMetricsTest {
    @Test
    public void theScrapeHasTheJvmFiguresAndEachBindersAsLongAsItIsBound() throws Exception {
        CallpostMetrics metrics = new CallpostMetrics();
        try {
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
            String jvm = scrape(metrics);
            for (String name : new String[] {"jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "system_cpu_count ", "process_uptime_seconds ", "jvm_gc_"}) {
                assertTrue(name + " in " + jvm, jvm.contains(name));
            }
            MeterBinder messages = r -> Counter.builder("callpost.messages.saved").register(r).increment();
            metrics.addBinder(messages);
            assertTrue(scrape(metrics).contains("callpost_messages_saved_total 1.0"));
            metrics.removeBinder(messages);
            assertTrue(!scrape(metrics).contains("callpost_messages_saved_total"));
        } finally {
            metrics.deactivate();
        }
    }

    private static String scrape(CallpostMetrics metrics) throws Exception {
        StringWriter out = new StringWriter();
        metrics.write(out);
        return out.toString();
    }
}
