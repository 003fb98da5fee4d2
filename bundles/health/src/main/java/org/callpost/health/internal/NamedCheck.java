package org.callpost.health.internal;

import java.util.Map;

import org.callpost.api.health.HealthCheck;

/**
 * A registered check and the name its failures are reported under: the service property
 * {@value #PROPERTY} when the owner set one (e.g. {@code store}, {@code smtp}), else its DS
 * component's name, else its class's.
 */
record NamedCheck(String name, HealthCheck check) {
    static final String PROPERTY = "health.check";

    static NamedCheck of(HealthCheck check, Map<String, ?> properties) {
        Object name = properties.get(PROPERTY);
        if (!(name instanceof String) || ((String) name).isBlank()) {
            name = properties.get("component.name");
        }
        if (!(name instanceof String) || ((String) name).isBlank()) {
            name = check.getClass().getSimpleName();
        }
        return new NamedCheck(((String) name).trim(), check);
    }
}
