/**
 * Callpost's health: each bundle that owns something Callpost depends on registers a
 * {@link org.callpost.api.health.HealthCheck} for it (the integrations' lines, the store's disk,
 * the database, the SMTP server); the health bundle collects them into one
 * {@link org.callpost.api.health.Health} report, which the web serves at
 * {@code /callpost/health} (503 when a check is critical) and the shell shows as
 * {@code callpost:health}.
 */
@Version("1.0.0")
package org.callpost.api.health;

import org.osgi.annotation.versioning.Version;
