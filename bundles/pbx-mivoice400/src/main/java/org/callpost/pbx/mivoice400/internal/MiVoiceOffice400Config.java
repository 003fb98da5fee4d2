package org.callpost.pbx.mivoice400.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What differs between MiVoice Office 400 sites in how they send calls to voicemail. Named in
 * dotted lower case; the camelCase names of before are still read ({@link MiVoiceOffice400Profile#RENAMED}).
 */
@ObjectClassDefinition(id = "org.callpost.pbx.mivoice400", name = "Callpost switch profile: MiVoice Office 400",
        description = "How a MiVoice Office 400 says who was called and why.")
public @interface MiVoiceOffice400Config {
    @AttributeDefinition(name = "Last mailbox for CFU/CD",
            description = "When a call was forwarded more than once, take the mailbox of the LAST forwarding subscriber. "
                    + "No (the PBX's default): the FIRST forwarding subscriber's mailbox.")
    boolean last_mailbox_for_cfu_cd() default false;

    @AttributeDefinition(name = "Longest internal number",
            description = "Callers with a number of at most this many digits are internal (reply and automatic logon work for them).",
            min = "1", max = "10")
    int internal_number_max_digits() default 6;

    @AttributeDefinition(name = "Message LED on code",
            description = "Feature access code that lights an extension's message lamp, dialled before the extension (Ascotel/Aastra 400 family: *38).")
    String mwi_on_code() default "*38";

    @AttributeDefinition(name = "Message LED off code", description = "Feature access code that clears it (#38).")
    String mwi_off_code() default "#38";
}
