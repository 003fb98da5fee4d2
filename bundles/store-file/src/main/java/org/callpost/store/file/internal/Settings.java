package org.callpost.store.file.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.callpost.api.store.PinRules;

/** The store's settings as used at run time, from {@link FileStoreConfig} or a test. */
public record Settings(Duration minimumLength, int maxMessages, Duration maxTotal, PinRules pinRules, int pinIterations,
        int diskFreeMinimumMegabytes) {
    static final int DEFAULT_DISK_FREE_MINIMUM_MEGABYTES = 200;
    static final int MAX_DISK_FREE_MINIMUM_MEGABYTES = 10_000_000;

    /** Settings with no disk minimum (tests of everything else). */
    public Settings(Duration minimumLength, int maxMessages, Duration maxTotal, PinRules pinRules, int pinIterations) {
        this(minimumLength, maxMessages, maxTotal, pinRules, pinIterations, 0);
    }

    public static Settings of(FileStoreConfig config) {
        return of(config, DEFAULT_DISK_FREE_MINIMUM_MEGABYTES, problem -> { });
    }

    /**
     * The settings from {@code config}. Config Admin does not enforce the metatype range for a
     * typed-in {@code .cfg}: a disk minimum out of range is refused, naming the setting and its
     * range, and {@code keptMinimum} stays.
     */
    public static Settings of(FileStoreConfig config, int keptMinimum, Consumer<String> problems) {
        int min = Math.max(1, config.pin_min_length());
        int disk = config.disk_free_minimum_megabytes();
        if (disk < 0 || disk > MAX_DISK_FREE_MINIMUM_MEGABYTES) {
            problems.accept("disk.free.minimum.megabytes = " + disk + " is refused: set 0 (off) to "
                    + MAX_DISK_FREE_MINIMUM_MEGABYTES + " (pid org.callpost.store.file); " + keptMinimum + " stays in use");
            disk = keptMinimum;
        }
        return new Settings(Duration.ofMillis(Math.max(0, config.minimum_message_millis())),
                Math.max(1, config.mailbox_max_messages()), Duration.ofMinutes(Math.max(1, config.mailbox_max_minutes())),
                new PinRules(min, Math.max(min, config.pin_max_length())), Math.max(1000, config.pin_hash_iterations()),
                disk);
    }
}
