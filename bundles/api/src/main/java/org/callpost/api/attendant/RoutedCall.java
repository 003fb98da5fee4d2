package org.callpost.api.attendant;

import java.time.Instant;

/**
 * A call the attendant routed.
 *
 * @param at            when it came
 * @param callId        the call's id, as {@code callpost:calls} and the log show it
 * @param integration   the integration it came through
 * @param caller        the calling number, "" when withheld
 * @param dialled       the number dialled (DNIS)
 * @param trunk         the trunk group, "" when the PBX named none
 * @param forwardedFrom the extension that forwarded it, "" for a direct call
 * @param route         the route that took it, or {@code default.answer.mode}
 * @param mode          the answer mode it got
 */
public record RoutedCall(Instant at, String callId, String integration, String caller, String dialled, String trunk,
        String forwardedFrom, String route, String mode) {
}
