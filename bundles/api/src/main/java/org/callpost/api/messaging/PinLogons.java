package org.callpost.api.messaging;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Subscriber logons by PIN, one count of wrong PINs per mailbox for the phone and the web: after
 * {@code pin.lockout.failures} wrong PINs within {@code pin.lockout.window.minutes} the mailbox
 * refuses every PIN (the right one too) for {@code pin.lockout.minutes}, or until the
 * administrator lifts it ({@code callpost:mailbox-unlock}, the web page). Registered by the voicemail
 * application; the phone's logon and the web's both go through it, never straight to
 * {@link org.callpost.api.store.MessageStore#checkPin}.
 *
 * <p>A PIN is never logged, kept or returned: each attempt is logged with the mailbox, where it came
 * from and its outcome only.
 */
@ProviderType
public interface PinLogons {
    /**
     * Checks a PIN for a mailbox and counts it.
     *
     * @param mailbox the mailbox number
     * @param pin     the digits entered
     * @param from    where the attempt came from, for the log and the administrator (e.g.
     *                {@code "phone 0441234567"}, {@code "web 192.0.2.7"}); never holds the PIN
     * @return the outcome: accepted (the count starts again), wrong, locked, no PIN set, or no such mailbox
     */
    PinCheck check(String mailbox, String pin, String from);

    /** The mailboxes locked now, and those with wrong PINs counted in the window, by mailbox number. */
    List<PinLockout> lockouts();

    /**
     * Lifts a mailbox's lockout and forgets its wrong PINs.
     *
     * @return whether the mailbox was locked or had wrong PINs counted
     */
    boolean unlock(String mailbox);
}
