package org.callpost.messaging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The voicemail application's settings (Config Admin pid {@code org.callpost.messaging}). The
 * minimum message length is the message store's ({@code minimum.message.millis} of
 * {@code org.callpost.store.file}); one still set here is read as deprecated
 * ({@link VoicemailApplication#DEPRECATED_MINIMUM}).
 */
@ObjectClassDefinition(id = "org.callpost.messaging", name = "Callpost voicemail application",
        description = "Operator and fax extensions, message lengths, the callers' language, menu timing and the "
                + "mailbox numbering plan (the integration note's Database Initialization Parameters)")
public @interface MessagingConfig {

    @AttributeDefinition(name = "Operator extension",
            description = "Where 0 takes a caller (supervised transfer; back to the greeting when nobody answers). "
                    + "Empty: no operator, 0 does nothing.")
    String operator_extension() default "";

    @AttributeDefinition(name = "Operator no-answer time (s)", min = "5", max = "120",
            description = "How long the operator's extension rings before the caller is taken back.")
    int operator_no_answer_seconds() default 20;

    @AttributeDefinition(name = "Fax extension",
            description = "Where a call is transferred when a fax calling tone is heard during a greeting. Empty: "
                    + "the fax call is ended politely and logged.")
    String fax_extension() default "";

    @AttributeDefinition(name = "Maximum message length (s)", min = "5", max = "3600",
            description = "Recording stops after this long (or earlier when the mailbox's total length is nearly used).")
    int maximum_message_seconds() default 180;

    @AttributeDefinition(name = "Silence end (s)", min = "0", max = "60",
            description = "Recording ends after this much silence; 0 never ends on silence.")
    int silence_end_seconds() default 5;

    @AttributeDefinition(name = "Announce busy greeting on forward busy calls",
            description = "Play the mailbox's busy greeting, when recorded, to calls forwarded because the extension was busy.")
    boolean announce_busy_greeting() default true;

    @AttributeDefinition(name = "Language",
            description = "The prompts' language, a BCP 47 tag such as en, de or fr; missing prompts fall back to English.")
    String language() default "en";

    @AttributeDefinition(name = "Language per integration",
            description = "Each integration's default language, e.g. mivoice400=de, generic=fr (comma-separated); "
                    + "calls from integrations not named use Language. A caller can switch with star at the logon.")
    String language_by_integration() default "";

    @AttributeDefinition(name = "Key timeout (s)", min = "2", max = "30",
            description = "How long a menu waits for a key (and between digits of a number) before it re-prompts.")
    int key_timeout_seconds() default 5;

    @AttributeDefinition(name = "PIN attempts", min = "1", max = "10",
            description = "Wrong PINs allowed before the call is ended. Every attempt is logged, never its digits.")
    int pin_attempts() default 3;

    @AttributeDefinition(name = "PIN lockout: wrong PINs", min = "0", max = "100",
            description = "Wrong PINs for one mailbox, by phone and web together, within the lockout window that lock "
                    + "it: every PIN, the right one too, is then refused for the lockout time or until the "
                    + "administrator lifts it (callpost:mailbox-unlock). 0: no lockout (wrong PINs are still counted).")
    int pin_lockout_failures() default 6;

    @AttributeDefinition(name = "PIN lockout window (min)", min = "1", max = "1440",
            description = "How long a wrong PIN counts towards the lockout.")
    int pin_lockout_window_minutes() default 15;

    @AttributeDefinition(name = "PIN lockout time (min)", min = "1", max = "10080",
            description = "How long a locked mailbox refuses PINs.")
    int pin_lockout_minutes() default 30;

    @AttributeDefinition(name = "Transfer type",
            description = "How a caller who dials an extension is put through. Supervised: when the extension answers. "
                    + "Confirmed (call screening): the called party first hears who is calling and takes the call "
                    + "with 1; 2, silence or hanging up sends the caller to voicemail. Monitored: as soon as the "
                    + "extension rings (needs a switch profile that allows blind transfer; the MiVoice Office 400 "
                    + "profile does not, and supervised is used).",
            options = {@org.osgi.service.metatype.annotations.Option(label = "Supervised", value = "supervised"),
                    @org.osgi.service.metatype.annotations.Option(label = "Confirmed", value = "confirmed"),
                    @org.osgi.service.metatype.annotations.Option(label = "Monitored", value = "monitored")})
    String transfer_mode() default "supervised";

    @AttributeDefinition(name = "Mailbox length", min = "1", max = "10",
            description = "Digits in a mailbox number (Database Initialization Parameters): a caller entering a "
                    + "mailbox needs no # after this many.")
    int mailbox_length() default 3;

    @AttributeDefinition(name = "First extension",
            description = "The first mailbox number (Database Initialization Parameters): where numbering of new "
                    + "mailboxes starts.")
    String first_extension() default "200";

    @AttributeDefinition(name = "Caller queuing",
            description = "A caller who dials an extension and finds it busy may hold in a queue (they hear their place "
                    + "in it) instead of leaving a message; the first in the queue is put through when the extension "
                    + "is free. The queue is this Callpost's own, as the integration note says of each call server.")
    boolean queue_enabled() default false;

    @AttributeDefinition(name = "Queue retry interval (s)", min = "2", max = "300",
            description = "How often the extension is tried again for the first caller in its queue; the others hear "
                    + "their place at the same pace.")
    int queue_retry_seconds() default 15;

    @AttributeDefinition(name = "Longest hold (s)", min = "10", max = "3600",
            description = "A caller still holding after this long hears that the extension is still busy and leaves a message.")
    int queue_max_hold_seconds() default 300;

    @AttributeDefinition(name = "Callout delay (s)", min = "0", max = "3600",
            description = "Message notification callouts: how long after a new message arrives its mailbox's callout "
                    + "number is called (messages arriving meanwhile share the call).")
    int callout_delay_seconds() default 60;

    @AttributeDefinition(name = "Callout retry interval (s)", min = "10", max = "86400",
            description = "When the callout number is busy, does not answer, or the messages are still unheard after "
                    + "the call, it is called again after this long.")
    int callout_retry_seconds() default 900;

    @AttributeDefinition(name = "Callout attempts", min = "1", max = "20",
            description = "Calls made for one batch of new messages before giving up (a later message starts again).")
    int callout_attempts() default 3;

    @AttributeDefinition(name = "Callout no-answer time (s)", min = "5", max = "120",
            description = "How long a callout rings before it counts as not answered.")
    int callout_no_answer_seconds() default 30;

    @AttributeDefinition(name = "Default answer mode", required = false,
            description = "The answer mode (or schedule) for a call forwarded from an extension that has no mailbox, "
                    + "e.g. a pilot number's. Empty: the caller hears that the extension is not available (0: the operator).")
    String default_answer_mode() default "";

    @AttributeDefinition(name = "Callout integration",
            description = "The integration (telephone system) callouts are made through for mailboxes of no "
                    + "integration; a mailbox of an integration is always called through its own. Empty: the first "
                    + "whose lines are all registered, else the first running.")
    String callout_integration() default "";
}
