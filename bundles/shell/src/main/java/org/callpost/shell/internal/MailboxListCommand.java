package org.callpost.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.shell.internal.mailboxes.LampReach;
import org.callpost.shell.internal.pbx.IntegrationConfigs;
import org.callpost.shell.internal.pbx.PbxSettings;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code callpost:mailbox-list}: the mailboxes and what they hold; never PINs. */
@Command(scope = "callpost", name = "mailbox-list", description = "Lists the mailboxes: number, extension, name, "
        + "new (unheard) and saved messages, whether a PIN is set and whether it is locked after wrong PINs, and whether "
        + "a lamp can show its messages (flagged with the reason when not). Changes nothing")
@Service
public class MailboxListCommand implements Action {
    // optional, so that the other callpost:* commands work without a message store
    @Reference(optional = true)
    MessageStore store;

    // optional: without the voicemail application the column says "?"
    @Reference(optional = true)
    PinLogons pins;

    // optional: without it the lamp column checks only that there is an extension
    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Object execute() {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        List<Mailbox> mailboxes = store.mailboxes();
        if (mailboxes.isEmpty()) {
            System.out.println("No mailboxes: add one with callpost:mailbox-add <number> --extension <extension>");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Mailbox");
        table.column("Extension");
        table.column("Integration");
        table.column("Name");
        table.column("New (unheard)");
        table.column("Saved");
        table.column("Full");
        table.column("Greeting");
        table.column("PIN set");
        table.column("Locked");
        table.column("Callout");
        table.column("Lamp");
        table.column("Language");
        List<PbxSettings> pbxes = IntegrationConfigs.all(configAdmin);
        List<String> unlit = new java.util.ArrayList<>();
        Map<String, Instant> locked = pins == null ? Map.of() : pins.lockouts().stream().filter(PinLockout::locked)
                .collect(Collectors.toMap(PinLockout::mailbox, l -> l.lockedUntil().orElseThrow()));
        for (Mailbox m : mailboxes) {
            MailboxCounts c;
            try {
                c = store.counts(m.number());
            } catch (NoSuchMailboxException e) {
                continue; // removed meanwhile
            }
            table.addRow().addContent(m.number(), m.extension().isEmpty() ? "-" : m.extension(),
                    m.integration().isEmpty() ? "-" : m.integration(),
                    m.name(), c.newCount() + " (" + c.unheardCount() + ")", c.savedCount(),
                    c.full() ? "yes" : "no", m.activeGreeting(), m.pinSet() ? "yes" : "no",
                    pins == null ? "?" : locked.containsKey(m.number()) ? "until " + TIME.format(locked.get(m.number())) : "no",
                    m.notification().callsOut() ? m.notification().calloutNumber() : "-",
                    lamp(m, pbxes, unlit), m.language().isEmpty() ? "-" : m.language());
        }
        table.print(System.out);
        unlit.forEach(System.out::println);
        return null;
    }

    /** "yes", or "NO" with the reason added to {@code unlit}. */
    private static String lamp(Mailbox m, List<PbxSettings> pbxes, List<String> unlit) {
        String why = LampReach.problem(m, pbxes);
        if (why == null) {
            return "yes";
        }
        unlit.add("Mailbox " + m.number() + ": no lamp can show its messages: " + why);
        return "NO";
    }
}
