package org.callpost.shell.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.shell.internal.mailboxes.MailboxExport;

/** {@code callpost:mailbox-export}: the mailboxes as a CSV file that callpost:mailbox-import reads back. */
@Command(scope = "callpost", name = "mailbox-export", description = "Writes every mailbox's settings to a CSV file "
        + "that callpost:mailbox-import reads back (never a PIN: the pin column is empty, pin_set says whether one is "
        + "set). Changes no mailbox; overwrites the file")
@Service
public class MailboxExportCommand implements Action {
    @Reference(optional = true)
    MessageStore store;

    @Reference(optional = true)
    EmailNotifications email;

    @Completion(FileCompleter.class)
    @Argument(index = 0, name = "file", required = true, description = "The CSV file to write")
    String file;

    @Override
    public Object execute() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        List<Mailbox> mailboxes = store.mailboxes();
        Map<String, String> emails = email == null ? Map.of()
                : email.subscriptions().stream().collect(Collectors.toMap(EmailSubscription::mailbox,
                        EmailSubscription::address, (a, b) -> a));
        Files.writeString(Path.of(file), MailboxExport.csv(mailboxes, emails), StandardCharsets.UTF_8);
        System.out.println(mailboxes.size() + " mailboxes written to " + Path.of(file).toAbsolutePath());
        return null;
    }
}
