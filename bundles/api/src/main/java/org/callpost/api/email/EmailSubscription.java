package org.callpost.api.email;

import java.util.Objects;

/**
 * A mailbox's new messages mailed to an address.
 *
 * @param mailbox            the mailbox number
 * @param address            the email address they are sent to
 * @param attachAudio        whether the message's audio is attached (as a WAV file)
 * @param deleteAfterSending whether the message is moved to the deleted folder once the SMTP
 *                           server has accepted the email (the lamp follows)
 */
public record EmailSubscription(String mailbox, String address, boolean attachAudio, boolean deleteAfterSending) {
    public EmailSubscription {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(address, "address");
    }
}
