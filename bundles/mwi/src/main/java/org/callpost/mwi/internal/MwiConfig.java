package org.callpost.mwi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the message-waiting lamps (Config Admin pid {@code org.callpost.mwi}), in dotted
 * lower case; the camelCase names of before are still read ({@link MwiComponent#RENAMED}).
 * {@code callout.integration} is the same setting, by the same name, as the voicemail
 * application's: the integration whose lines this bundle dials out on.
 */
@ObjectClassDefinition(name = "Callpost message-waiting lamps", description = "How Callpost sets, retries and re-asserts the message-waiting lamps of the PBX's extensions")
public @interface MwiConfig {
    @AttributeDefinition(name = "Callout integration", description = "The integration (telephone system) whose switch profile sets the lamps; empty: the first integration whose lines are all registered, else the first running one")
    String callout_integration() default "";

    @AttributeDefinition(name = "Concurrent lamp requests", description = "How many lamp requests may be on their way at once, so that lamps never starve calls", min = "1", max = "10")
    int concurrency() default 2;

    @AttributeDefinition(name = "Attempts before giving up", description = "A lamp request that times out (or fails) this many times is given up and shown as FAILED", min = "1")
    int max_attempts() default 3;

    @AttributeDefinition(name = "Retry delay (ms)", description = "Delay before the first retry; it doubles with each further attempt, up to 10 minutes", min = "100")
    int retry_delay_millis() default 30000;

    @AttributeDefinition(name = "Coalescing delay (ms)", description = "How long a change waits before its request is sent, so that a burst of changes gives one request", min = "0")
    int coalesce_millis() default 500;

    @AttributeDefinition(name = "Re-assert at start-up", description = "Send every lamp again when the integration's lines are first all registered after start-up")
    boolean reassert_at_startup() default true;

    @AttributeDefinition(name = "Re-assert after re-registration", description = "Send every lamp again when an integration's lines are all registered again after an outage")
    boolean reassert_on_reregistration() default true;

    @AttributeDefinition(name = "Integration poll interval (s)", description = "How often the integrations' line states are looked at to notice a re-registration", min = "1")
    int integration_poll_seconds() default 10;

    @AttributeDefinition(name = "Periodic re-assertion interval (h)", description = "Every lamp is sent again this often (PBXes forget lamps); 0: never", min = "0")
    int reassert_interval_hours() default 24;

    @AttributeDefinition(name = "Periodic re-assertion spread (min)", description = "The periodic re-assertion is spread over this many minutes", min = "0")
    int reassert_spread_minutes() default 60;

    @AttributeDefinition(name = "State directory", description = "Where the lamp state is persisted; empty: ${karaf.data}/callpost/mwi (or the bundle's data area)")
    String state_directory() default "";
}
