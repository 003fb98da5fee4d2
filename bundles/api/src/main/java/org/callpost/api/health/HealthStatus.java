package org.callpost.api.health;

/** How a check, or Callpost as a whole, stands; the worst result is the whole report's. */
public enum HealthStatus {
    /** Working as configured. */
    OK,
    /** Working, but an administrator should look (e.g. free disk getting low). */
    WARNING,
    /** Callers or subscribers are affected now: the health endpoint answers 503. */
    CRITICAL
}
