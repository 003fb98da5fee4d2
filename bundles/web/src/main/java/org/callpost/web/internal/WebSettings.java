package org.callpost.web.internal;

import java.util.function.Consumer;

/**
 * The web's settings in use. Config Admin does not enforce the metatype ranges for a typed-in
 * {@code .cfg} file, and a {@code session.minutes} of 0 would end every session at once: a value
 * out of range is refused, naming the setting and its range, and the last good value is kept.
 */
record WebSettings(int sessionMinutes, int uploadMaxMegabytes, int uploadMaxSeconds) {
    static final WebSettings DEFAULT = new WebSettings(15, 10, 120);

    /** These settings with {@code config}'s values that are in range; each refusal goes to {@code problems}. */
    WebSettings with(WebConfig config, Consumer<String> problems) {
        return new WebSettings(
                inRange("session.minutes", config.session_minutes(), 1, 1440, sessionMinutes, problems),
                inRange("upload.max.megabytes", config.upload_max_megabytes(), 1, 100, uploadMaxMegabytes, problems),
                inRange("upload.max.seconds", config.upload_max_seconds(), 1, 600, uploadMaxSeconds, problems));
    }

    private static int inRange(String name, int value, int min, int max, int kept, Consumer<String> problems) {
        if (value >= min && value <= max) {
            return value;
        }
        problems.accept(name + " = " + value + " is refused: set " + min + " to " + max + " (pid org.callpost.web); "
                + kept + " stays in use");
        return kept;
    }
}
