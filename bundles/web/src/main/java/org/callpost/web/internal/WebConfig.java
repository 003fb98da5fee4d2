package org.callpost.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the web inbox and dashboard (Config Admin pid {@code org.callpost.web}, file
 * etc/org.callpost.web.cfg), in dotted lower case like the other bundles' settings.
 */
@ObjectClassDefinition(name = "Callpost web", description = "The subscriber's web inbox, the administrator's dashboard and their REST API at /callpost")
public @interface WebConfig {
    @AttributeDefinition(name = "Idle session timeout (minutes)", description = "A web session (subscriber or administrator) ends after this long without a request; a subscriber's deleted messages are then purged, as on hanging up", min = "1", max = "1440")
    int session_minutes() default 15;

    @AttributeDefinition(name = "Largest greeting upload (MB)", description = "The largest WAV file accepted as a greeting upload", min = "1", max = "100")
    int upload_max_megabytes() default 10;

    @AttributeDefinition(name = "Longest greeting upload (seconds)", description = "The longest greeting accepted as an upload", min = "1", max = "600")
    int upload_max_seconds() default 120;
}
