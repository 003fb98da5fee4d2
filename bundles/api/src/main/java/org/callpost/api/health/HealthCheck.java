package org.callpost.api.health;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check of one thing Callpost depends on, registered as a service by the bundle that owns that
 * thing. {@link #check()} is called on a health thread each time the report is asked for (the web
 * endpoint, the shell, the dashboard), so it answers from what the owner already knows or probes in
 * the background (an SMTP server is not dialled on every scrape); the health bundle gives up on a
 * check that takes longer than a few seconds and reports it critical.
 */
@ConsumerType
public interface HealthCheck {

    /**
     * The results now: usually one, or one per item checked (e.g. one per integration). Never
     * throws: a failure is a {@link HealthStatus#CRITICAL} result saying what failed.
     */
    List<HealthResult> check();
}
