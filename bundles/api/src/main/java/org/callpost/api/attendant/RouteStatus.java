package org.callpost.api.attendant;

import java.util.Optional;

/**
 * One route (Config Admin factory pid {@code org.callpost.route}).
 *
 * @param name        its name
 * @param priority    lower first
 * @param integration the integration whose calls it takes, or "" for any
 * @param match       what a call must have, e.g. {@code dnis 5550100, trunk tg1}
 * @param target      {@code mode:x} or {@code schedule:x}
 * @param problem     why the configuration was refused
 */
public record RouteStatus(String name, int priority, String integration, String match, String target,
        Optional<String> problem) {
}
