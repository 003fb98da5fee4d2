package org.callpost.messaging.internal.attendant;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One route: factory pid {@code org.callpost.route}, e.g. {@code etc/org.callpost.route~acme.cfg}. */
@ObjectClassDefinition(id = RouteConfig.FACTORY_PID, name = "Callpost call route",
        description = "Which answer mode a call gets: by the number dialled (DNIS), the trunk group (RFC 4904 tgrp or "
                + "otg), the caller's number, or the extension that forwarded it (the attendant's overflow). Every "
                + "criterion set must match; routes are tried by priority, lowest first.")
public @interface RouteConfig {
    String FACTORY_PID = "org.callpost.route";

    @AttributeDefinition(name = "Name")
    String name() default "";

    @AttributeDefinition(name = "Priority", description = "Lower first; the first matching route takes the call.")
    int priority() default 100;

    @AttributeDefinition(name = "Integration", required = false, description = "Only calls through this integration; empty: any.")
    String integration() default "";

    @AttributeDefinition(name = "DNIS", required = false,
            description = "Numbers dialled, e.g. 5550100; X is any digit, a final * any rest (555*). Direct calls only.")
    String[] dnis() default {};

    @AttributeDefinition(name = "Trunk groups", required = false,
            description = "Trunk groups (tgrp or otg as the PBX sends them), e.g. tg-acme. Direct calls only.")
    String[] trunk() default {};

    @AttributeDefinition(name = "Calling numbers", required = false,
            description = "Callers' numbers, e.g. 0041*; X is any digit, a final * any rest. Direct calls only.")
    String[] calling() default {};

    @AttributeDefinition(name = "Forwarded from", required = false,
            description = "Extensions whose forwarded calls this route takes before any mailbox, e.g. the "
                    + "attendant's 100 (Overflow to MiCollab AM from attendant) or a pilot number's 6000.")
    String[] forwarded_from() default {};

    @AttributeDefinition(name = "Answer mode", required = false, description = "The mode the call gets (or set a schedule).")
    String mode() default "";

    @AttributeDefinition(name = "Schedule", required = false, description = "The schedule that picks the mode (or set a mode).")
    String schedule() default "";
}
