package org.callpost.messaging.internal.attendant;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One schedule: factory pid {@code org.callpost.schedule}, e.g. {@code etc/org.callpost.schedule~office.cfg}. */
@ObjectClassDefinition(id = ScheduleConfig.FACTORY_PID, name = "Callpost answer mode schedule",
        description = "Chooses between answer modes by the business hours of each weekday and the holidays; an "
                + "administrator can switch it to one mode for a while (callpost:schedule-override).")
public @interface ScheduleConfig {
    String FACTORY_PID = "org.callpost.schedule";

    @AttributeDefinition(name = "Name")
    String name() default "";

    @AttributeDefinition(name = "Time zone", required = false,
            description = "The zone of the hours, e.g. Europe/Zurich; empty: the server's.")
    String time_zone() default "";

    @AttributeDefinition(name = "Business hours", required = false,
            description = "Days and times open, e.g. mon-fri 08:00-12:00 13:00-17:00, sat 09:00-12:00 (lunch closed). "
                    + "Days: mon tue wed thu fri sat sun; a range mon-fri. Outside them the closed mode answers.")
    String[] hours() default {};

    @AttributeDefinition(name = "Holidays", required = false,
            description = "Dates closed all day: 2026-12-24, or 12-25 for every year.")
    String[] holidays() default {};

    @AttributeDefinition(name = "Open mode", description = "The answer mode in business hours, e.g. day.")
    String open_mode() default "";

    @AttributeDefinition(name = "Closed mode", description = "The answer mode outside business hours, e.g. night.")
    String closed_mode() default "";

    @AttributeDefinition(name = "Administrators", required = false,
            description = "Mailboxes whose owners may switch this schedule by phone, with their PIN, through an answer "
                    + "mode's schedule:<name> key, e.g. 900.")
    String[] administrators() default {};

    @AttributeDefinition(name = "Holiday mode", required = false, description = "On holidays; empty: the closed mode.")
    String holiday_mode() default "";
}
