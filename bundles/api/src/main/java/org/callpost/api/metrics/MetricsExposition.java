package org.callpost.api.metrics;

import java.io.IOException;
import java.io.Writer;

import org.osgi.annotation.versioning.ProviderType;

/** The figures in Prometheus' text exposition format, as a scrape reads them. */
@ProviderType
public interface MetricsExposition {

    /** The content type of {@link #write}, e.g. {@code text/plain; version=0.0.4; charset=utf-8}. */
    String contentType();

    /** Writes every figure as it is now. */
    void write(Writer out) throws IOException;
}
