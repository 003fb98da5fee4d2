package org.callpost.messaging.internal.attendant;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One answer mode: factory pid {@code org.callpost.answermode}, e.g. {@code etc/org.callpost.answermode~day.cfg}. */
@ObjectClassDefinition(id = AnswerModeConfig.FACTORY_PID, name = "Callpost answer mode",
        description = "A company greeting and its menu (MiCollab AM's answer mode greeting): what callers hear when a "
                + "call is for no one subscriber. Routes and schedules pick the mode a call gets.")
public @interface AnswerModeConfig {
    String FACTORY_PID = "org.callpost.answermode";

    @AttributeDefinition(name = "Name", description = "What routes, schedules and other modes' keys call it, e.g. day.")
    String name() default "";

    @AttributeDefinition(name = "Greeting prompts", required = false,
            description = "Prompt ids said as the greeting, e.g. welcome, attendant-dial-extension. Empty (and no WAV "
                    + "or mailbox): a greeting is built from the keys.")
    String[] greeting_prompts() default {};

    @AttributeDefinition(name = "Greeting WAV", required = false,
            description = "A recorded greeting (8 kHz 16-bit mono WAV), e.g. etc/callpost/day.wav.")
    String greeting_wav() default "";

    @AttributeDefinition(name = "Greeting mailbox", required = false,
            description = "A mailbox whose personal greeting is this mode's greeting: the administrator records it by "
                    + "phone in that mailbox's greetings menu. Until it is recorded, the prompts (or the built greeting) play.")
    String greeting_mailbox() default "";

    @AttributeDefinition(name = "Keys", required = false,
            description = "The menu, key=action: 0=operator, 9=name (dial by name), 1=mode:sales, 2=mailbox:300, "
                    + "3=extension:205, *=logon, #=goodbye, 8=schedule:office (an administrator switches that "
                    + "schedule by phone: mailbox, PIN, then 1 open, 2 closed, 3 the hours; not announced).")
    String[] keys() default {"0=operator"};

    @AttributeDefinition(name = "Dial an extension",
            description = "A digit that is not a key starts an extension, which is put through (the messaging "
                    + "transfer type); busy or no answer leaves a message in its mailbox.")
    boolean dial_extension() default true;

    @AttributeDefinition(name = "Key timeout (s)", min = "1", max = "30",
            description = "How long the menu waits after the greeting (and between an extension's digits).")
    int timeout_seconds() default 5;

    @AttributeDefinition(name = "Tries", min = "1", max = "10",
            description = "How often the greeting is offered when nothing or a wrong key comes, before 'after tries'.")
    int tries() default 3;

    @AttributeDefinition(name = "After tries", description = "operator, goodbye, mode:<name> or mailbox:<number>.")
    String after_tries() default "operator";

    @AttributeDefinition(name = "Language", required = false,
            description = "The language callers in this mode hear, e.g. de or fr; empty: the integration's (messaging "
                    + "language.by.integration), else the messaging language.")
    String language() default "";
}
