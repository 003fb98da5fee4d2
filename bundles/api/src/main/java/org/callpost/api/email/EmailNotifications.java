package org.callpost.api.email;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Voicemail to email: the mailboxes whose new messages are mailed, and the emails. Registered by
 * the email bundle; the subscriptions and the queue survive a restart.
 */
@ProviderType
public interface EmailNotifications {

    /** The mailbox's subscription, if its new messages are mailed. */
    Optional<EmailSubscription> subscription(String mailbox);

    /** Every subscription, by mailbox number. */
    List<EmailSubscription> subscriptions();

    /**
     * Mails the mailbox's new messages from now on (the messages already there are not mailed);
     * replaces the mailbox's subscription if it had one.
     *
     * @return the subscription as kept
     * @throws IllegalArgumentException when the address is not an email address or the mailbox
     *                                  does not exist, with a message saying so
     */
    EmailSubscription subscribe(EmailSubscription subscription) throws IOException;

    /**
     * Stops mailing the mailbox's new messages (emails already queued are still sent).
     *
     * @return whether it had a subscription
     */
    boolean unsubscribe(String mailbox) throws IOException;

    /** The emails queued, being sent, given up, and the last ones sent, oldest first. */
    List<EmailStatus> emails();
}
