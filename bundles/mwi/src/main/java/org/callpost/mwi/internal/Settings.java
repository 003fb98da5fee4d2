package org.callpost.mwi.internal;

/** The settings the lamp engine works with, taken from {@link MwiConfig}. */
record Settings(String integration, int concurrency, int maxAttempts, long retryDelayMillis, long coalesceMillis) {
    Settings {
        integration = integration == null ? "" : integration.trim();
        concurrency = Math.max(1, concurrency);
        maxAttempts = Math.max(1, maxAttempts);
        retryDelayMillis = Math.max(100, retryDelayMillis);
        coalesceMillis = Math.max(0, coalesceMillis);
    }

    static Settings of(MwiConfig c) {
        return new Settings(c.callout_integration(), c.concurrency(), c.max_attempts(), c.retry_delay_millis(), c.coalesce_millis());
    }
}
