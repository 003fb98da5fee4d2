package org.callpost.shell.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.MessageStore;
import org.callpost.shell.internal.mailboxes.MailboxColumns;
import org.callpost.shell.internal.mailboxes.MailboxImport;
import org.callpost.shell.internal.pbx.IntegrationConfigs;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code callpost:mailbox-import}: creates and updates mailboxes from a CSV file, all or none. */
@Command(scope = "callpost", name = "mailbox-import", description = "Creates the mailboxes of a CSV file and updates "
        + "the ones there are to match it (columns: number, extension, name, pin, integration, trust_extension, "
        + "callout, max_messages, max_seconds, email, language; an empty cell leaves a setting as it is, 'none' clears it). "
        + "Every row is checked first: one wrong row changes nothing. A new mailbox without a PIN gets a random one, "
        + "shown once here. Running the file again changes nothing")
@Service
public class MailboxImportCommand implements Action {
    @Reference(optional = true)
    MessageStore store;

    @Reference(optional = true)
    Integrations integrations;

    @Reference(optional = true)
    EmailNotifications email;

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference(optional = true)
    Prompts prompts;

    @Completion(FileCompleter.class)
    @Argument(index = 0, name = "file", required = true, description = "The CSV file (UTF-8), its first line the column names")
    String file;

    @Override
    public Object execute() throws Exception {
        try (CommandThreadName hidden = new CommandThreadName("mailbox-import")) {
            return importFile();
        }
    }

    private Object importFile() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            System.err.println("No file " + Path.of(file).toAbsolutePath());
            return null;
        }
        Set<String> names = integrations == null ? null
                : integrations.all().stream().map(IntegrationStatus::name).collect(Collectors.toSet());
        MailboxImport.Outcome outcome = new MailboxImport(store, names, IntegrationConfigs.all(configAdmin), email,
                new SecureRandom(), prompts == null ? null : prompts.languages()).run(text);
        if (outcome.refused()) {
            System.err.println(file + " refused, nothing changed:");
            outcome.problems().forEach(p -> System.err.println("  " + p));
            System.err.println("Columns: " + String.join(",", MailboxColumns.ALL));
            return null;
        }
        outcome.notes().forEach(System.out::println);
        for (Map.Entry<String, String> pin : outcome.randomPins().entrySet()) {
            // on the console only: not logged, not written back, not shown again
            System.out.println("Mailbox " + pin.getKey() + ": PIN " + pin.getValue());
        }
        System.out.println(file + ": " + outcome.counts());
        return null;
    }
}
