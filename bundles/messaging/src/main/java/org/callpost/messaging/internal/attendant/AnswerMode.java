package org.callpost.messaging.internal.attendant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer mode: a greeting and its menu, read from {@link AnswerModeConfig}.
 *
 * @param greetingPrompts prompt ids said as the greeting (when no WAV and no recorded mailbox greeting)
 * @param greetingWav     a recorded greeting file
 * @param greetingMailbox a mailbox whose personal greeting is the greeting, "" for none
 * @param keys            the menu's keys in the order configured
 * @param timeoutMillis   the wait after the greeting and between an extension's digits
 * @param language        the language callers in this mode hear ("de"), "" for the call's own
 */
public record AnswerMode(String name, List<String> greetingPrompts, Optional<Path> greetingWav, String greetingMailbox,
        Map<Character, MenuAction> keys, boolean dialExtension, int timeoutMillis, int tries, MenuAction afterTries,
        String language) {

    public AnswerMode {
        greetingPrompts = List.copyOf(greetingPrompts);
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /**
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public static AnswerMode of(AnswerModeConfig c) {
        String name = Names.check("name", c.name());
        Optional<Path> wav = Optional.empty();
        if (!c.greeting_wav().isBlank()) {
            Path p = Path.of(c.greeting_wav().trim());
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("greeting.wav = " + p + " cannot be read: record the greeting there "
                        + "(8 kHz 16-bit mono WAV) or leave greeting.wav empty");
            }
            wav = Optional.of(p);
        }
        String mailbox = c.greeting_mailbox().trim();
        if (!mailbox.isEmpty() && !mailbox.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("greeting.mailbox = " + mailbox + " is not a mailbox number: digits, or empty");
        }
        Map<Character, MenuAction> keys = new LinkedHashMap<>();
        for (String entry : Lists.of(c.keys())) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (key.length() != 1 || "0123456789*#".indexOf(key.charAt(0)) < 0) {
                throw new IllegalArgumentException("keys: '" + entry + "' is not key=action with one key of 0-9, * or #, "
                        + "e.g. 0=operator");
            }
            MenuAction action;
            try {
                action = MenuAction.parse(entry.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("keys: " + e.getMessage());
            }
            if (keys.put(key.charAt(0), action) != null) {
                throw new IllegalArgumentException("keys: key " + key + " is given twice");
            }
        }
        MenuAction after;
        try {
            after = MenuAction.parse(c.after_tries());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after.tries: " + e.getMessage());
        }
        if (after.kind() == MenuAction.Kind.NAME || after.kind() == MenuAction.Kind.LOGON
                || after.kind() == MenuAction.Kind.SCHEDULE) {
            throw new IllegalArgumentException("after.tries = " + after + ": use operator, goodbye, mode:<name>, "
                    + "mailbox:<number> or extension:<number>");
        }
        if (c.timeout_seconds() < 1 || c.timeout_seconds() > 30) {
            throw new IllegalArgumentException("timeout.seconds = " + c.timeout_seconds() + ": use 1 to 30");
        }
        if (c.tries() < 1 || c.tries() > 10) {
            throw new IllegalArgumentException("tries = " + c.tries() + ": use 1 to 10");
        }
        String language = c.language().trim().replace('_', '-').toLowerCase(java.util.Locale.ROOT);
        if (!language.isEmpty() && !language.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*")) {
            throw new IllegalArgumentException("language = " + c.language().trim() + " is not a language tag: use e.g. "
                    + "de, fr or de-ch, or leave it empty for the integration's language");
        }
        return new AnswerMode(name, Lists.of(c.greeting_prompts()), wav, mailbox, keys, c.dial_extension(),
                1000 * c.timeout_seconds(), c.tries(), after, language);
    }

    /** The greeting as the administrator reads it. */
    public String describeGreeting() {
        List<String> parts = new ArrayList<>();
        greetingWav.ifPresent(p -> parts.add("wav " + p));
        if (!greetingMailbox.isEmpty()) {
            parts.add("mailbox " + greetingMailbox + "'s greeting");
        }
        if (!greetingPrompts.isEmpty()) {
            parts.add("prompts " + String.join(" ", greetingPrompts));
        }
        return parts.isEmpty() ? "built from the keys" : String.join(", else ", parts);
    }

    public List<String> describeKeys() {
        List<String> out = new ArrayList<>();
        keys.forEach((k, a) -> out.add(k + "=" + a));
        return out;
    }
}
