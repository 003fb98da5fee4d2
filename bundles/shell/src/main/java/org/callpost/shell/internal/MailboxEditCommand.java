package org.callpost.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.integration.Integrations;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.MessageStore;
import org.callpost.shell.internal.mailboxes.MailboxColumns;
import org.callpost.shell.internal.mailboxes.MailboxLanguages;

/**
 * {@code callpost:mailbox-edit}: changes a mailbox's settings after it was created, the ones the
 * web admin page changes, by the same rules (the store refuses an extension another mailbox of
 * the same integration has). Only the options given change anything.
 */
@Command(scope = "callpost", name = "mailbox-edit", description = "Changes a mailbox's name, extension, integration, "
        + "limits, trusted extension, callout number, email address or language: only what the options give; the mailbox's "
        + "messages, greetings and PIN stay as they are (callpost:mailbox-reset-pin changes the PIN)")
@Service
public class MailboxEditCommand implements Action {
    @Reference(optional = true)
    MessageStore store;

    @Reference(optional = true)
    Integrations integrations;

    @Reference(optional = true)
    EmailNotifications email;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "mailbox", required = true, description = "The mailbox number")
    String number;

    @Option(name = "--name", aliases = "-n", description = "The subscriber's name")
    String name;

    @Option(name = "--extension", aliases = "-e", description = "The subscriber's extension (digits), whose lamp shows "
            + "new messages and whose calls find the mailbox; 'none' for no extension (no lamp, no automatic logon)")
    String extension;

    @Completion(IntegrationNameCompleter.class)
    @Option(name = "--integration", aliases = "-i", description = "The integration (PBX) the extension is on; 'none' "
            + "for whichever there is")
    String integration;

    @Option(name = "--max-messages", description = "The most messages the mailbox holds (new and saved); 0 for the "
            + "store's default")
    Integer maxMessages;

    @Option(name = "--max-seconds", description = "The most seconds of messages the mailbox holds; 0 for the store's default")
    Integer maxSeconds;

    @Completion(value = StringsCompleter.class, values = {"yes", "no"})
    @Option(name = "--trust-extension", description = "yes: a call from the mailbox's own extension logs on without "
            + "a PIN; no: the PIN is asked")
    String trust;

    @Option(name = "--callout", description = "The number Callpost calls to announce new messages, dialled as is at "
            + "the PBX; 'none' stops the callouts")
    String callout;

    @Option(name = "--email", description = "The address new messages are mailed to (with their audio); 'none' stops it")
    String address;

    @Reference(optional = true)
    Prompts prompts;

    @Completion(LanguageCompleter.class)
    @Option(name = "--language", aliases = "-l", description = "The language its callers and its subscriber hear, an "
            + "installed prompt pack's (de, fr, en); 'none' for the system's rule (answer mode, integration, the "
            + "messaging language)")
    String language;

    @Override
    public Object execute() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        Optional<Mailbox> found = store.mailbox(number);
        if (found.isEmpty()) {
            System.err.println("No mailbox " + number + ": see callpost:mailbox-list");
            return null;
        }
        Mailbox m = found.get();
        List<String> changes = new ArrayList<>();
        if (address != null && email == null) {
            System.err.println("Voicemail to email is not installed: feature:install callpost-email");
            return null;
        }
        if (address != null && !cleared(address).isEmpty() && !cleared(address).matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")) {
            // checked before anything changes, so that a wrong address leaves the mailbox as it was
            System.err.println("Mailbox " + number + ": '" + address + "' is not an email address (or none)");
            return null;
        }
        try {
            if (name != null) {
                m = m.withName(name.trim());
                changes.add("name " + name.trim());
            }
            if (extension != null) {
                String e = cleared(extension);
                if (!e.matches("\\d{0,16}")) {
                    System.err.println("Mailbox " + number + ": the extension is digits (or none), not '" + extension + "'");
                    return null;
                }
                m = m.withExtension(e);
                changes.add(e.isEmpty() ? "no extension" : "extension " + e);
            }
            if (integration != null) {
                String i = cleared(integration);
                String unknown = IntegrationNames.unknown(integrations, i);
                if (unknown != null) {
                    System.err.println(unknown);
                    return null;
                }
                m = m.withIntegration(i);
                changes.add(i.isEmpty() ? "of whichever integration there is" : "on integration " + i);
            }
            if (maxMessages != null || maxSeconds != null) {
                int messages = maxMessages != null ? maxMessages : m.limits().maxMessages();
                int seconds = maxSeconds != null ? maxSeconds : m.limits().maxTotalSeconds();
                if (messages > MailboxColumns.MAX_MESSAGES_LIMIT || seconds > MailboxColumns.MAX_SECONDS_LIMIT
                        || messages < 0 || seconds < 0) {
                    System.err.println("Mailbox " + number + ": --max-messages is 0 (the store's default) to "
                            + MailboxColumns.MAX_MESSAGES_LIMIT + ", --max-seconds 0 to " + MailboxColumns.MAX_SECONDS_LIMIT);
                    return null;
                }
                m = m.withLimits(new MailboxLimits(messages, seconds));
                changes.add("limits " + (messages == 0 ? "default" : messages) + " messages, "
                        + (seconds == 0 ? "default" : seconds + " s"));
            }
            if (trust != null) {
                boolean yes = trust.trim().equalsIgnoreCase("yes") || trust.trim().equalsIgnoreCase("true");
                if (!yes && !trust.trim().equalsIgnoreCase("no") && !trust.trim().equalsIgnoreCase("false")) {
                    System.err.println("Mailbox " + number + ": --trust-extension is yes or no, not '" + trust + "'");
                    return null;
                }
                m = m.withTrustExtension(yes);
                changes.add(yes ? "its extension logs on without a PIN" : "the PIN is asked on its extension too");
            }
            if (callout != null) {
                String c = cleared(callout);
                m = m.withNotification(m.notification().withCalloutNumber(c));
                changes.add(c.isEmpty() ? "no callouts" : "callouts to " + c);
            }
            if (language != null) {
                String l = MailboxLanguages.normal(cleared(language));
                String wrong = l.isEmpty() ? null
                        : MailboxLanguages.problem(l, prompts == null ? null : prompts.languages(), "--language");
                if (wrong != null) {
                    System.err.println("Mailbox " + number + ": " + wrong);
                    return null;
                }
                m = m.withLanguage(l);
                changes.add(l.isEmpty() ? "the system's language" : "language " + l);
            }
            if (changes.isEmpty() && address == null) {
                System.err.println("Nothing to change: give an option (see callpost:mailbox-edit --help)");
                return null;
            }
            if (!changes.isEmpty()) {
                store.updateMailbox(m);
            }
            if (address != null) {
                String a = cleared(address);
                if (a.isEmpty()) {
                    email.unsubscribe(number);
                    changes.add("new messages not mailed");
                } else {
                    Optional<EmailSubscription> now = email.subscription(number);
                    email.subscribe(new EmailSubscription(number, a, now.map(EmailSubscription::attachAudio).orElse(true),
                            now.map(EmailSubscription::deleteAfterSending).orElse(false)));
                    changes.add("new messages mailed to " + a);
                }
            }
            System.out.println("Mailbox " + number + ": " + String.join("; ", changes));
        } catch (IllegalArgumentException e) {
            System.err.println("Mailbox " + number + ": " + e.getMessage()); // the store's words, nothing changed
        }
        return null;
    }

    private static String cleared(String value) {
        String v = value.trim();
        return v.equalsIgnoreCase(MailboxColumns.NONE) ? "" : v;
    }
}
