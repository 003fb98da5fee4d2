package org.callpost.shell.internal.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The settings whose values are a fixed set, and that set: what the shell completes and checks
 * before it changes a setting. {@code profile} and {@code language} are sets that change with
 * the bundles installed (switch profiles, prompt packs), handed in. The components still check
 * every value themselves; this is the dealer's help at the prompt. Stateless.
 */
public final class FixedValues {
    /** The settings of the fixed sets that do not depend on what is installed, as the README names them. */
    private static final Map<String, List<String>> STATIC = Map.ofEntries(
            Map.entry("transport", List.of("TCP", "UDP")),
            Map.entry("call.progress", List.of("DIGITAL", "MEDIA")),
            Map.entry("hunt.mode", List.of("TERMINAL", "CIRCULAR")),
            Map.entry("failover.enabled", List.of("true", "false")),
            Map.entry("transfer.mode", List.of("supervised", "confirmed", "monitored")),
            Map.entry("announce.busy.greeting", List.of("true", "false")),
            Map.entry("queue.enabled", List.of("true", "false")),
            Map.entry("smtp.security", List.of("NONE", "STARTTLS", "SMTPS")),
            Map.entry("dial.extension", List.of("true", "false")));
    /** The installed switch profiles' ids. */
    public static final String PROFILE = "profile";
    /** An installed prompt pack's language. */
    public static final String LANGUAGE = "language";

    private FixedValues() {
    }

    /** Every setting with a fixed set of values, in order. */
    public static List<String> settings() {
        TreeSet<String> all = new TreeSet<>(STATIC.keySet());
        all.add(PROFILE);
        all.add(LANGUAGE);
        return List.copyOf(all);
    }

    /**
     * The values {@code setting} may take, or an empty list when it is not a fixed set (any value
     * the component accepts).
     *
     * @param profiles  the installed switch profiles' ids
     * @param languages the installed prompt packs' languages
     */
    public static List<String> of(String setting, Collection<String> profiles, Collection<String> languages) {
        String key = setting == null ? "" : setting.trim();
        if (key.equals(PROFILE)) {
            return List.copyOf(new TreeSet<>(profiles));
        }
        if (key.equals(LANGUAGE)) {
            return List.copyOf(new TreeSet<>(languages));
        }
        return STATIC.getOrDefault(key, List.of());
    }

    /**
     * Why {@code value} cannot be {@code setting}, or null when it can (or the setting is no fixed
     * set). Case as the components read it: {@code tcp} is {@code TCP}.
     */
    public static String problem(String setting, String value, Collection<String> profiles, Collection<String> languages) {
        List<String> allowed = of(setting, profiles, languages);
        if (allowed.isEmpty() && !setting.equals(PROFILE) && !setting.equals(LANGUAGE)) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value.trim())) {
                return null;
            }
        }
        List<String> shown = new ArrayList<>(allowed);
        return setting + " is one of " + (shown.isEmpty() ? "(none installed)" : String.join(", ", shown)) + ", not '"
                + value.trim() + "'";
    }
}
