package org.callpost.api.integration;

import java.util.Objects;

/**
 * One reason an integration's configuration was refused: which setting, what is wrong with it,
 * and what the administrator should do. Shown by {@code callpost:status} and logged once.
 *
 * @param setting the configuration property, as in {@code etc/org.callpost.integration~<name>.cfg}
 * @param problem what is wrong, in the administrator's words
 * @param fix     what to do about it
 */
public record SettingProblem(String setting, String problem, String fix) {
    public SettingProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return setting + ": " + problem + " (fix: " + fix + ")";
    }
}
