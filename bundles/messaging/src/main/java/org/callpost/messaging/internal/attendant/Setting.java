package org.callpost.messaging.internal.attendant;

import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;

/**
 * One factory configuration's value: the last good one, and why the latest was refused. A wrong
 * setting is refused naming it; a configuration that was good before keeps working meanwhile.
 */
final class Setting<C, T> {
    private final String what;
    private final Function<C, T> reader;
    private final Logger log;
    private volatile T value;
    private volatile String problem = "";
    private volatile String label = "";

    Setting(String what, Function<C, T> reader, Logger log) {
        this.what = what;
        this.reader = reader;
        this.log = log;
    }

    static <C, T> Setting<C, T> of(String what, T value) {
        Setting<C, T> s = new Setting<>(what, c -> value, null);
        s.value = value;
        return s;
    }

    void read(C config, String pid, String name) {
        label = name == null || name.isBlank() ? pid : name.trim();
        try {
            value = reader.apply(config);
            problem = "";
            log.info("{} {} configured (pid {})", what, label, pid);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            log.warn("{} {} (pid {}) refused: {}; {}", what, label, pid, problem,
                    value == null ? "it is not used until fixed" : "its last good configuration is kept");
        }
    }

    Optional<T> value() {
        return Optional.ofNullable(value);
    }

    Optional<String> problem() {
        return problem.isEmpty() ? Optional.empty() : Optional.of(problem);
    }

    /** Its name, or its pid while it has none. */
    String label() {
        return label;
    }
}
