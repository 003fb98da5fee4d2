/**
 * Callpost's figures for Prometheus. The metrics bundle keeps a Micrometer registry and registers
 * {@link org.callpost.api.metrics.MetricsExposition}; the web serves it at
 * {@code /callpost/metrics}. Bundles contribute their figures by registering Micrometer
 * {@code io.micrometer.core.instrument.binder.MeterBinder} services (a whiteboard, so there is no
 * static registry): the metrics bundle binds each to its registry and removes that binder's meters
 * when the service goes.
 */
@Version("1.0.0")
package org.callpost.api.metrics;

import org.osgi.annotation.versioning.Version;
