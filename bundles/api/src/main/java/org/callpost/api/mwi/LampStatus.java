package org.callpost.api.mwi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One extension's message-waiting lamp, as {@code callpost:mwi} shows it.
 *
 * @param extension   the extension whose lamp it is
 * @param integration the integration (telephone system) that sets it
 * @param desiredOn   whether the lamp should be on (any unheard message, or the administrator's choice)
 * @param confirmedOn what the PBX last confirmed, empty when nothing was confirmed yet
 * @param confirmedAt when the PBX last confirmed it, empty when never
 * @param state       whether it is confirmed, pending or failed
 * @param failure     why the last attempt failed (or why it was given up), empty when it did not
 * @param attempts    attempts made for the current request (0 when none is on its way)
 */
public record LampStatus(String extension, String integration, boolean desiredOn, Optional<Boolean> confirmedOn,
        Optional<Instant> confirmedAt, LampState state, Optional<String> failure, int attempts) {
    public LampStatus {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(confirmedOn, "confirmedOn");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
    }
}
