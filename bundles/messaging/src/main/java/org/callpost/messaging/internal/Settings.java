package org.callpost.messaging.internal;

/**
 * A snapshot of {@link MessagingConfig}: each call keeps the settings it started with, so a change
 * applies from the next call on.
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
        return new Settings(c.operator_extension().trim(), Math.max(5, c.operator_no_answer_seconds()),
                c.fax_extension().trim(), Math.max(0, c.minimum_message_millis()), Math.max(5, c.maximum_message_seconds()),
                Math.max(0, c.silence_end_seconds()), c.announce_busy_greeting(),
                c.language().isBlank() ? "en" : c.language().trim(), 1000 * Math.max(2, c.key_timeout_seconds()),
                Math.max(1, c.pin_attempts()), Math.max(1, c.mailbox_length()), c.first_extension().trim(),
                TransferMode.of(c.transfer_mode()), new QueueSettings(c.queue_enabled(),
                        Math.max(2, c.queue_retry_seconds()), Math.max(10, c.queue_max_hold_seconds())));
    }

    boolean hasOperator() {
        return !operatorExtension.isEmpty();
    }

    Settings withTransferMode(TransferMode mode) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, mode, queue);
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
