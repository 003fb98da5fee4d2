package org.callpost.messaging.internal;

import org.callpost.api.store.MessageStore;

/**
 * A snapshot of {@link MessagingConfig}: each call keeps the settings it started with, so a change
 * applies from the next call on. {@code minimumMessageMillis} is the store's minimum message length
 * when a call starts ({@link MessageStore#minimumMessageLength()}, its one owner), or a longer
 * minimum still set under the deprecated messaging setting; {@link #of} leaves it 0 for the
 * application to fill in.
 */
record Settings(String operatorExtension, int operatorNoAnswerSeconds, String faxExtension, int minimumMessageMillis,
        int maximumMessageSeconds, int silenceEndSeconds, boolean announceBusyGreeting, String language,
        int keyTimeoutMillis, int pinAttempts, int mailboxLength, String firstExtension, TransferMode transferMode,
        QueueSettings queue) {

    /** Caller queuing: a caller who finds the extension busy may hold until it is free. */
    record QueueSettings(boolean enabled, int retrySeconds, int maxHoldSeconds) {
        static final QueueSettings OFF = new QueueSettings(false, 15, 300);
    }

    static final Settings DEFAULT = new Settings("", 20, "", 1000, 180, 5, true, "en", 5000, 3, 3, "200", TransferMode.SUPERVISED,
            QueueSettings.OFF);

    static Settings of(MessagingConfig c) {
        return new Settings(c.operator_extension().trim(), atLeast("operator.no.answer.seconds", c.operator_no_answer_seconds(), 5),
                c.fax_extension().trim(), 0,
                atLeast("maximum.message.seconds", c.maximum_message_seconds(), 5),
                atLeast("silence.end.seconds", c.silence_end_seconds(), 0), c.announce_busy_greeting(),
                c.language().isBlank() ? "en" : c.language().trim(), 1000 * atLeast("key.timeout.seconds", c.key_timeout_seconds(), 2),
                atLeast("pin.attempts", c.pin_attempts(), 1), atLeast("mailbox.length", c.mailbox_length(), 1),
                c.first_extension().trim(), TransferMode.of(c.transfer_mode()), new QueueSettings(c.queue_enabled(),
                        atLeast("queue.retry.seconds", c.queue_retry_seconds(), 2),
                        atLeast("queue.max.hold.seconds", c.queue_max_hold_seconds(), 10)));
    }

    /** A value below what works is raised to it, and the administrator told which setting to fix. */
    static int atLeast(String setting, int value, int min) {
        if (value >= min) {
            return value;
        }
        org.slf4j.LoggerFactory.getLogger(Settings.class).warn(
                "Messaging setting {} = {} is below its minimum {}: {} is used; set {} to {} or more (pid org.callpost.messaging)",
                setting, value, min, min, setting, min);
        return min;
    }

    boolean hasOperator() {
        return !operatorExtension.isEmpty();
    }

    Settings withTransferMode(TransferMode mode) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, mode, queue);
    }

    Settings withMinimumMessageMillis(int millis) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, millis, maximumMessageSeconds,
                silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts, mailboxLength,
                firstExtension, transferMode, queue);
    }

    Settings withOperator(String extension) {
        return new Settings(extension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis, maximumMessageSeconds,
                silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts, mailboxLength,
                firstExtension, transferMode, queue);
    }

    Settings withQueue(QueueSettings value) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, transferMode, value);
    }
}
