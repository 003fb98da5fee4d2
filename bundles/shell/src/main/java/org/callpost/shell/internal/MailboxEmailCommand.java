package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;

/** {@code callpost:mailbox-email}: the address a mailbox's new messages are mailed to. */
@Command(scope = "callpost", name = "mailbox-email", description = "Mails a mailbox's new messages (from now on) to an "
        + "email address, with their audio attached unless --no-attach; --remove stops it. Without an address: shows it")
@Service
public class MailboxEmailCommand implements Action {
    @Reference(optional = true)
    EmailNotifications email;

    @Option(name = "--no-attach", description = "Send the envelope only, without the message's audio")
    boolean noAttach;

    @Option(name = "--delete-after-sending", description = "Move the message to the deleted folder once the SMTP "
            + "server has accepted the email (the lamp follows)")
    boolean deleteAfterSending;

    @Option(name = "--remove", description = "Stop mailing the mailbox's new messages")
    boolean remove;

    @Completion(MailboxNumberCompleter.class)
    @Argument(index = 0, name = "mailbox", required = true, description = "The mailbox number")
    String mailbox;

    @Argument(index = 1, name = "address", required = false, description = "The email address, e.g. anna.meier@example.com")
    String address;

    @Override
    public Object execute() throws Exception {
        if (email == null) {
            System.out.println("Voicemail to email is not installed: feature:install callpost-email");
            return null;
        }
        if (remove) {
            System.out.println(email.unsubscribe(mailbox) ? "Mailbox " + mailbox + ": new messages are no longer mailed"
                    : "Mailbox " + mailbox + " had no email address");
            return null;
        }
        if (address == null || address.isBlank()) {
            System.out.println(email.subscription(mailbox).map(MailboxEmailCommand::describe)
                    .orElse("Mailbox " + mailbox + ": new messages are not mailed"));
            return null;
        }
        try {
            EmailSubscription s = email.subscribe(new EmailSubscription(mailbox, address, !noAttach, deleteAfterSending));
            System.out.println(describe(s));
        } catch (IllegalArgumentException e) {
            System.err.println("Mailbox " + mailbox + ": " + e.getMessage());
        }
        return null;
    }

    private static String describe(EmailSubscription s) {
        return "Mailbox " + s.mailbox() + ": new messages are mailed to " + s.address()
                + (s.attachAudio() ? " with their audio" : " without their audio")
                + (s.deleteAfterSending() ? ", then moved to the deleted folder" : "");
    }
}
