package org.callpost.messaging.internal.attendant;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.callpost.api.store.Mailbox;

/**
 * Dial by name: the letters a caller keys (2 ABC, 3 DEF, ... 9 WXYZ) matched against the start of
 * the first or last name (any word) of the subscribers' mailbox names. Accents count as their
 * letter (É is 3); what is not a letter is skipped (O'Neil is 6 6 3 4 5).
 */
public final class DialByName {
    private static final String LETTERS = "22233344455566677778889999";

    private DialByName() {
    }

    /** The keys that spell {@code word}'s letters. */
    public static String keys(String word) {
        String plain = Normalizer.normalize(word, Normalizer.Form.NFD).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char ch = plain.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                out.append(LETTERS.charAt(ch - 'A'));
            }
        }
        return out.toString();
    }

    /** Whether one word of the name starts with the letters keyed. */
    public static boolean matches(String keyed, String name) {
        if (keyed.isEmpty()) {
            return false;
        }
        for (String word : name.split("[\\s-]+")) {
            if (keys(word).startsWith(keyed)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mailboxes a caller can reach by name whose name matches, by name: only those with a name
     * and an extension to ring.
     */
    public static List<Mailbox> find(String keyed, List<Mailbox> mailboxes) {
        return mailboxes.stream().filter(m -> !m.name().isBlank() && !m.extension().isEmpty())
                .filter(m -> matches(keyed, m.name()))
                .sorted(Comparator.comparing((Mailbox m) -> m.name().toLowerCase(Locale.ROOT)).thenComparing(Mailbox::number))
                .toList();
    }
}
