package org.callpost.pbx.generic.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How a standards-following PBX sends calls to voicemail. Named in dotted lower case; the
 * camelCase names of before are still read ({@link GenericSipProfile#RENAMED}).
 */
@ObjectClassDefinition(id = "org.callpost.pbx.generic", name = "Callpost switch profile: generic SIP PBX",
        description = "For PBXes that say who was called and why with RFC 5806 Diversion or RFC 7044 History-Info.")
public @interface GenericProfileConfig {
    @AttributeDefinition(name = "Mailbox of the last forwarding party",
            description = "When a call was forwarded more than once, take the mailbox of the last forwarding party instead of the first.")
    boolean last_forwarding_party() default false;

    @AttributeDefinition(name = "Longest internal number", min = "1", max = "10",
            description = "Callers with a number of at most this many digits are internal.")
    int internal_number_max_digits() default 6;
}
