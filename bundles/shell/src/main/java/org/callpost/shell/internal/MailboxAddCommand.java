package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.messaging.MailboxNumbering;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.shell.internal.mailboxes.LampReach;
import org.callpost.shell.internal.mailboxes.MailboxLanguages;
import org.callpost.shell.internal.pbx.IntegrationConfigs;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code callpost:mailbox-add}: creates a subscriber's mailbox. */
@Command(scope = "callpost", name = "mailbox-add", description = "Creates a mailbox: its number, the extension it belongs to "
        + "(by default its own number), the subscriber's name and PIN. Changes nothing else; callpost:mailbox-edit changes "
        + "a mailbox afterwards")
@Service
public class MailboxAddCommand implements Action {
    // optional, so that the other callpost:* commands work without a message store
    @Reference(optional = true)
    MessageStore store;

    /** The voicemail application's numbering plan: it owns first.extension and mailbox.length. */
    @Reference(optional = true)
    MailboxNumbering numbering;

    @Argument(index = 0, name = "number", required = false, description = "The mailbox number (digits); left out, "
            + "the first free number from the messaging setting first.extension, of mailbox.length digits")
    String number;

    @Option(name = "--extension", aliases = "-e", description = "The subscriber's extension (digits): forwarded calls "
            + "from it and automatic logon find the mailbox, and its lamp shows new messages. Left out: the mailbox "
            + "number, when that can be an extension; 'none' for a mailbox without one")
    String extension;

    /** The integrations' settings: whether the mailbox number can be its extension. */
    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Completion(IntegrationNameCompleter.class)
    @Option(name = "--integration", aliases = "-i", description = "The integration (PBX) the subscriber's extension "
            + "is on: its forwarded calls find the mailbox, its lamp and callouts go through it. Left out: a mailbox "
            + "of whichever integration there is (with one PBX, that one)")
    String integration = "";

    @Reference(optional = true)
    org.callpost.api.integration.Integrations integrations;

    @Option(name = "--name", aliases = "-n", description = "The subscriber's name")
    String name = "";

    @Reference(optional = true)
    Prompts prompts;

    @Completion(LanguageCompleter.class)
    @Option(name = "--language", aliases = "-l", description = "The language its callers and its subscriber hear, an "
            + "installed prompt pack's (de, fr, en). Left out: the system's rule (answer mode, integration, the "
            + "messaging language)")
    String language;

    @Option(name = "--pin", aliases = "-p", description = "The PIN (digits); without it, PIN logon is refused until "
            + "callpost:mailbox-reset-pin sets one")
    String pin;

    @Override
    public Object execute() throws Exception {
        try (CommandThreadName hidden = new CommandThreadName("mailbox-add")) {
            return add();
        }
    }

    private Object add() throws Exception {
        if (store == null) {
            System.out.println("No message store is running: feature:install callpost-messaging");
            return null;
        }
        if (number == null || number.isBlank()) {
            if (numbering == null) {
                System.err.println("No voicemail application is running to number the mailbox (feature:install "
                        + "callpost-messaging): give the mailbox number");
                return null;
            }
            java.util.Optional<String> free = numbering.nextFreeNumber();
            if (free.isEmpty()) {
                System.err.println("No free mailbox number from " + numbering.firstNumber() + " with "
                        + numbering.mailboxLength() + " digits (messaging settings first.extension and mailbox.length): "
                        + "give the number");
                return null;
            }
            number = free.get();
        }
        String pbx = integration == null ? "" : integration.trim();
        String unknown = IntegrationNames.unknown(integrations, pbx);
        if (unknown != null) {
            System.err.println(unknown);
            return null;
        }
        String lang = language == null || language.trim().equalsIgnoreCase("none") ? "" : MailboxLanguages.normal(language);
        String wrong = lang.isEmpty() ? null : MailboxLanguages.problem(lang, prompts == null ? null : prompts.languages(),
                "--language");
        if (wrong != null) {
            System.err.println(wrong);
            return null;
        }
        String ext = extension == null ? "" : extension.trim();
        String defaulted = null;
        if (extension == null) {
            String why = LampReach.ownNumberProblem(number, pbx, IntegrationConfigs.all(configAdmin), store.mailboxes());
            ext = why == null ? number : "";
            defaulted = why == null ? " (its own number: give --extension to choose another)"
                    : "; no extension, so no lamp and no automatic logon: " + why + " (give --extension)";
        } else if (ext.equalsIgnoreCase("none")) {
            ext = "";
        }
        try {
            Mailbox mailbox = store.createMailbox(Mailbox.of(number, ext, name).withIntegration(pbx)
                    .withLanguage(lang), pin);
            System.out.println("Mailbox " + mailbox.number() + " created"
                    + (mailbox.extension().isEmpty() ? "" : " for extension " + mailbox.extension())
                    + (mailbox.integration().isEmpty() ? "" : " on integration " + mailbox.integration())
                    + (mailbox.language().isEmpty() ? "" : " speaking " + mailbox.language())
                    + (defaulted == null ? "" : defaulted)
                    + (mailbox.pinSet() ? "" : "; no PIN yet"));
            String several = pbx.isEmpty() ? IntegrationNames.severalNote(integrations) : null;
            if (several != null) {
                System.out.println(several);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
