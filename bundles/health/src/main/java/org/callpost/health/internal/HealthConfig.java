package org.callpost.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The health report's settings (Config Admin pid {@code org.callpost.health}). */
@ObjectClassDefinition(id = "org.callpost.health", name = "Callpost health",
        description = "How long each health check may take before the report counts it as critical")
public @interface HealthConfig {

    @AttributeDefinition(name = "Check timeout (s)", min = "1", max = "60",
            description = "A check that has not answered after this long is reported CRITICAL, naming it "
                    + "(the endpoint then answers 503); the others are not held up by it.")
    int check_timeout_seconds() default 5;
}
