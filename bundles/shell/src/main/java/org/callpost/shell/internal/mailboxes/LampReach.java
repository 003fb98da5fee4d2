package org.callpost.shell.internal.mailboxes;

import java.util.Collection;
import java.util.List;
import org.callpost.api.store.Mailbox;
import org.callpost.shell.internal.pbx.PbxSettings;

/**
 * Whether a mailbox's message-waiting lamp can be lit at its PBX: it needs an extension (which is
 * also what automatic logon and forwarded calls find the mailbox by), a configured integration,
 * and an extension the PBX can dial a lamp code for.
 */
public final class LampReach {
    private LampReach() {
    }

    /** The integrations a mailbox of {@code integration} ("" for whichever) may be lit through. */
    static List<PbxSettings> of(String integration, Collection<PbxSettings> pbxes) {
        return pbxes.stream().filter(p -> integration.isEmpty() || p.name().equals(integration)).toList();
    }

    /** Why no lamp reaches the mailbox, or null when one can. */
    public static String problem(Mailbox m, Collection<PbxSettings> pbxes) {
        if (!m.notification().messageWaiting()) {
            return "its lamp is turned off";
        }
        String extension = m.lampExtension();
        if (extension.isEmpty()) {
            return "no extension: no lamp, no automatic logon (set one with callpost:mailbox-edit " + m.number()
                    + " --extension <extension>)";
        }
        List<PbxSettings> reached = of(m.integration(), pbxes);
        if (!m.integration().isEmpty() && reached.isEmpty() && !pbxes.isEmpty()) {
            return "integration " + m.integration() + " is not configured";
        }
        for (PbxSettings p : reached) {
            String why = p.lampProblem(extension);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /**
     * Why the mailbox number cannot be its own extension, or null when it can: what a dealer
     * means by {@code mailbox-add 201} is the mailbox of extension 201.
     *
     * @param mailboxes the mailboxes there are (another of the same integration may have it)
     */
    public static String ownNumberProblem(String number, String integration, Collection<PbxSettings> pbxes,
            Collection<Mailbox> mailboxes) {
        if (!number.matches("\\d{1,16}")) {
            return "the number " + number + " is not digits";
        }
        for (Mailbox o : mailboxes) {
            if (!o.number().equals(number) && o.extension().equals(number)
                    && (o.integration().isEmpty() || integration.isEmpty() || o.integration().equals(integration))) {
                return "extension " + number + " belongs to mailbox " + o.number();
            }
        }
        for (PbxSettings p : of(integration, pbxes)) {
            String why = p.lampProblem(number);
            if (why != null) {
                return why;
            }
        }
        return null;
    }
}
