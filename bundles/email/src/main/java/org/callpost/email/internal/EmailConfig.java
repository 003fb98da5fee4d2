package org.callpost.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings of voicemail to email (Config Admin pid {@code org.callpost.email}). */
@ObjectClassDefinition(name = "Callpost voicemail to email", description = "The SMTP server through which new messages are mailed, the emails' sender and templates, and how sending is retried")
public @interface EmailConfig {
    @AttributeDefinition(name = "SMTP server", description = "Host name or address of the SMTP server; empty: no email is sent (emails stay queued)")
    String smtp_host() default "";

    @AttributeDefinition(name = "SMTP port", description = "25 for plain SMTP or STARTTLS between servers, 587 for submission with STARTTLS, 465 for SMTPS", min = "1", max = "65535")
    int smtp_port() default 25;

    @AttributeDefinition(name = "SMTP security", description = "NONE: plain SMTP; STARTTLS: TLS required after connecting; SMTPS: TLS from the start", options = {
            @Option(label = "None", value = "NONE"), @Option(label = "STARTTLS", value = "STARTTLS"),
            @Option(label = "SMTPS (TLS)", value = "SMTPS") })
    String smtp_security() default "NONE";

    @AttributeDefinition(name = "SMTP user", description = "The user to log on to the SMTP server with; empty: no logon")
    String smtp_user() default "";

    @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD, description = "The SMTP user's password; sealed in the configuration once read, never logged")
    String smtp_password() default "";

    @AttributeDefinition(name = "Sender", description = "The From address of the emails, e.g. voicemail@example.com (required when an SMTP server is set)")
    String sender() default "";

    @AttributeDefinition(name = "Subject template", description = "Placeholders: ${callingNumber} ${callingName} ${mailbox} ${mailboxName} ${duration} ${received} ${urgent}")
    String subject_template() default Templates.DEFAULT_SUBJECT;

    @AttributeDefinition(name = "Body template", description = "The plain-text body, with the subject's placeholders; \\n starts a new line")
    String body_template() default Templates.DEFAULT_BODY;

    @AttributeDefinition(name = "Retry delay (s)", description = "Delay before the first retry of an email the server did not take; it doubles with each attempt, up to an hour", min = "1")
    int retry_seconds() default 60;

    @AttributeDefinition(name = "Attempts before giving up", description = "An email not accepted after this many attempts is given up (a permanent 5xx refusal gives up at once)", min = "1")
    int max_attempts() default 10;

    @AttributeDefinition(name = "SMTP timeout (s)", description = "How long to wait for the SMTP server to connect or answer", min = "1")
    int smtp_timeout_seconds() default 30;
}
