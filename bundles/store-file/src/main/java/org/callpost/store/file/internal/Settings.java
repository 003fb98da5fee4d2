package org.callpost.store.file.internal;

import java.time.Duration;

import org.callpost.api.store.PinRules;

/** The store's settings as used at run time, from {@link FileStoreConfig} or a test. */
public record Settings(Duration minimumLength, int maxMessages, Duration maxTotal, PinRules pinRules, int pinIterations) {

    public static Settings of(FileStoreConfig config) {
        int min = Math.max(1, config.pin_min_length());
        return new Settings(Duration.ofMillis(Math.max(0, config.minimum_message_millis())),
                Math.max(1, config.mailbox_max_messages()), Duration.ofMinutes(Math.max(1, config.mailbox_max_minutes())),
                new PinRules(min, Math.max(min, config.pin_max_length())), Math.max(1000, config.pin_hash_iterations()));
    }
}
