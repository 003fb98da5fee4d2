package org.callpost.store.file.internal.operations;

import java.util.regex.Pattern;

import org.callpost.api.store.Mailbox;

/** What a mailbox's settings may be, whatever keeps them. Stateless. */
public final class MailboxRules {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");
    /** An integration's name, as its factory configuration names it (org.callpost.integration-NAME.cfg). */
    private static final Pattern INTEGRATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A language tag as the prompt packs name them: "de", "fr", "de-ch" (any case, '_' for '-'). */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private MailboxRules() {
    }

    /** A mailbox number: digits, up to 32. */
    public static boolean isNumber(String value) {
        return value != null && DIGITS.matcher(value).matches();
    }

    public static boolean isIntegrationName(String value) {
        return INTEGRATION.matcher(value).matches();
    }

    public static boolean isLanguageTag(String value) {
        return LANGUAGE.matcher(value).matches();
    }

    static void validate(Mailbox m) {
        requireDigits("A mailbox number", m.number(), false);
        requireDigits("An extension", m.extension(), true);
        requireDigits("A lamp extension", m.notification().lampExtension(), true);
        if (!m.integration().isEmpty() && !isIntegrationName(m.integration())) {
            throw new IllegalArgumentException("An integration is named by letters, digits, '.', '_' and '-' "
                    + "(up to 64, as its org.callpost.integration configuration), not '" + m.integration() + "'");
        }
        if (m.name().indexOf('\n') >= 0 || m.name().indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A mailbox name is one line");
        }
        if (!m.language().isEmpty() && !isLanguageTag(m.language())) {
            throw new IllegalArgumentException("A mailbox's language is a language tag such as de, fr or de-ch (or none), "
                    + "not '" + m.language() + "'");
        }
    }

    private static void requireDigits(String what, String value, boolean emptyAllowed) {
        if (value == null || !(emptyAllowed && value.isEmpty() || DIGITS.matcher(value).matches())) {
            throw new IllegalArgumentException(what + " must be digits (up to 32), not '" + value + "'");
        }
    }

    /** Two mailboxes share an extension's calls when both are of one integration or either is of none. */
    static boolean overlap(Mailbox a, Mailbox b) {
        return a.integration().isEmpty() || b.integration().isEmpty() || a.integration().equals(b.integration());
    }

    static String integrationText(Mailbox m) {
        return m.integration().isEmpty() ? "" : " on integration " + m.integration();
    }
}
