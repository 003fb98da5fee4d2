package org.callpost.amis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Callpost AMIS-A networking", description = "Messages between voice mail systems by AMIS "
        + "analog: this system's number, the number other systems call to deliver, when Callpost sends, and the limits. "
        + "The other systems are nodes (factory pid org.callpost.amis.node)")
@interface AmisConfig {
    @AttributeDefinition(name = "Local system number", description = "The number Callpost gives in its start-of-session "
            + "frame (digits; the other systems know Callpost by it). Empty: Callpost does not send")
    String system_number() default "";

    @AttributeDefinition(name = "AMIS answering number", description = "The dialled number (DNIS) of calls from other "
            + "systems delivering messages: such calls are answered by AMIS instead of the voicemail application. "
            + "Empty: Callpost does not take AMIS calls")
    String answering_number() default "";

    @AttributeDefinition(name = "Sending schedule", description = "When sessions are placed: always, or periods such as "
            + "'mon-fri 18:00-24:00, sat-sun 00:00-24:00' (local time)")
    String schedule() default "always";

    @AttributeDefinition(name = "Messages per session", description = "At most this many messages in one call (1..9)")
    int messages_per_session() default 9;

    @AttributeDefinition(name = "Longest message (s)", description = "Longer messages are not queued, nor accepted from "
            + "other systems (1..480 s)")
    int max_message_seconds() default 480;

    @AttributeDefinition(name = "Retry after (s)", description = "After a call that failed or did not get every message "
            + "through, the node is called again after this long (10..86400 s); messages are kept until delivered")
    int retry_seconds() default 600;

    @AttributeDefinition(name = "No answer after (s)", description = "How long a call to a node rings (5..120 s)")
    int no_answer_seconds() default 30;
}
