package org.callpost.shell.internal.mailboxes;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which languages a mailbox may be given: those of the prompt packs installed now. A tag whose
 * parent is installed passes ("de-ch" with "de"), as the prompt service speaks it in that parent.
 * Stateless.
 */
public final class MailboxLanguages {
    private MailboxLanguages() {
    }

    /** A tag as the packs name them: "DE_ch" is "de-ch". */
    public static String normal(String tag) {
        return tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Why {@code tag} cannot be a mailbox's language, or null when it can.
     *
     * @param installed the installed packs' languages; null when they cannot be known (no prompt
     *                  service running): then any well-formed tag passes
     * @param setting   how the dealer gives it ("--language", "the language column"), named in the answer
     */
    public static String problem(String tag, Set<String> installed, String setting) {
        String t = normal(tag);
        if (!t.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*")) {
            return setting + " is a language tag such as de or fr (or none), not '" + tag.trim() + "'";
        }
        if (installed == null) {
            return null;
        }
        for (String at = t; !at.isEmpty(); at = at.contains("-") ? at.substring(0, at.lastIndexOf('-')) : "") {
            if (installed.contains(at)) {
                return null;
            }
        }
        return setting + " '" + t + "' is not an installed language (installed: "
                + String.join(", ", new TreeSet<>(installed)) + "; install its prompt pack, a bundle like "
                + "callpost-prompts-de, first)";
    }
}
