package org.callpost.shell.internal.mailboxes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callpost.api.store.Mailbox;

/** The mailbox file of the mailboxes there are, as the import reads it back: never a PIN, only whether one is set. */
public final class MailboxExport {
    private MailboxExport() {
    }

    /** @param emails mailbox number → email address, for the mailboxes whose new messages are mailed */
    public static String csv(List<Mailbox> mailboxes, Map<String, String> emails) {
        StringBuilder b = new StringBuilder(MailboxCsv.line(MailboxColumns.ALL));
        for (Mailbox m : mailboxes) {
            List<String> row = new ArrayList<>();
            row.add(m.number());
            row.add(m.extension().isEmpty() ? MailboxColumns.NONE : m.extension());
            row.add(m.name());
            row.add(""); // the PIN is kept only as a hash; an empty cell leaves it as it is
            row.add(m.pinSet() ? "yes" : "no");
            row.add(m.integration());
            row.add(m.trustExtension() ? "yes" : "no");
            row.add(m.notification().calloutNumber());
            row.add(Integer.toString(m.limits().maxMessages()));
            row.add(Integer.toString(m.limits().maxTotalSeconds()));
            row.add(emails.getOrDefault(m.number(), ""));
            row.add(m.language().isEmpty() ? MailboxColumns.NONE : m.language());
            b.append(MailboxCsv.line(row));
        }
        return b.toString();
    }
}
