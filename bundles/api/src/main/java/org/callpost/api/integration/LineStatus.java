package org.callpost.api.integration;

import java.time.Instant;
import java.util.Optional;

/**
 * One line's registration, as {@code callpost:lines} shows it.
 *
 * @param integration the integration's name
 * @param line        the line number, from 1, in the order of the Lines tab
 * @param extension   the extension the line registers as
 * @param state       where the line stands
 * @param registrar   the server it is registered with or trying, if any
 * @param expires     when the current registration runs out, if registered
 * @param lastError   the last failure, in words, if any
 * @param activity    what the line is doing with calls
 */
public record LineStatus(String integration, int line, String extension, LineState state,
        Optional<SipServer> registrar, Optional<Instant> expires, Optional<String> lastError, LineActivity activity) {
}
