package org.callpost.api.health;

import org.osgi.annotation.versioning.ProviderType;

/** Callpost's health now, from every registered {@link HealthCheck}. Registered by the health bundle. */
@ProviderType
public interface Health {

    /** Runs every check now (each bounded by a timeout) and returns their results. */
    HealthReport report();
}
