package org.callpost.messaging.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
        QueueSettings queue, Map<String, String> languageByIntegration) {

    /** Caller queuing: a caller who finds the extension busy may hold until it is free. */
    record QueueSettings(boolean enabled, int retrySeconds, int maxHoldSeconds) {
        static final QueueSettings OFF = new QueueSettings(false, 15, 300);
    }

    static final Settings DEFAULT = new Settings("", 20, "", 1000, 180, 5, true, "en", 5000, 3, 3, "200", TransferMode.SUPERVISED,
            QueueSettings.OFF, Map.of());

    static Settings of(MessagingConfig c) {
        return new Settings(c.operator_extension().trim(), atLeast("operator.no.answer.seconds", c.operator_no_answer_seconds(), 5),
                c.fax_extension().trim(), 0,
                atLeast("maximum.message.seconds", c.maximum_message_seconds(), 5),
                atLeast("silence.end.seconds", c.silence_end_seconds(), 0), c.announce_busy_greeting(),
                c.language().isBlank() ? "en" : c.language().trim(), 1000 * atLeast("key.timeout.seconds", c.key_timeout_seconds(), 2),
                atLeast("pin.attempts", c.pin_attempts(), 1), atLeast("mailbox.length", c.mailbox_length(), 1),
                c.first_extension().trim(), TransferMode.of(c.transfer_mode()), new QueueSettings(c.queue_enabled(),
                        atLeast("queue.retry.seconds", c.queue_retry_seconds(), 2),
                        atLeast("queue.max.hold.seconds", c.queue_max_hold_seconds(), 10)),
                languages(c.language_by_integration()));
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

    /** A language tag as the packs name them: "de", "fr", "de-ch". */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{1,8})*");

    /**
     * "mivoice400=de, generic=fr": each integration's default language. An entry that is not
     * {@code integration=tag} is left out, naming the setting and the fix.
     */
    static Map<String, String> languages(String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String integration = equals < 0 ? "" : entry.substring(0, equals).trim();
            String tag = equals < 0 ? "" : entry.substring(equals + 1).trim().replace('_', '-').toLowerCase(Locale.ROOT);
            if (integration.isEmpty() || !LANGUAGE_TAG.matcher(tag).matches()) {
                org.slf4j.LoggerFactory.getLogger(Settings.class).warn(
                        "Messaging setting language.by.integration entry '{}' is not integration=language (e.g. mivoice400=de): "
                                + "left out, those calls use the language setting; fix the entry (pid org.callpost.messaging)",
                        entry.trim());
                continue;
            }
            out.put(integration, tag);
        }
        return Map.copyOf(out);
    }

    /** The language of calls from {@code integration}: its own default, else {@link #language()}. */
    String languageFor(String integration) {
        return integration == null ? language : languageByIntegration.getOrDefault(integration, language);
    }

    boolean hasOperator() {
        return !operatorExtension.isEmpty();
    }

    Settings withTransferMode(TransferMode mode) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, mode, queue, languageByIntegration);
    }

    Settings withMinimumMessageMillis(int millis) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, millis, maximumMessageSeconds,
                silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts, mailboxLength,
                firstExtension, transferMode, queue, languageByIntegration);
    }

    Settings withOperator(String extension) {
        return new Settings(extension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis, maximumMessageSeconds,
                silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts, mailboxLength,
                firstExtension, transferMode, queue, languageByIntegration);
    }

    Settings withLanguages(Map<String, String> value) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, transferMode, queue, value);
    }

    Settings withQueue(QueueSettings value) {
        return new Settings(operatorExtension, operatorNoAnswerSeconds, faxExtension, minimumMessageMillis,
                maximumMessageSeconds, silenceEndSeconds, announceBusyGreeting, language, keyTimeoutMillis, pinAttempts,
                mailboxLength, firstExtension, transferMode, value, languageByIntegration);
    }
}
