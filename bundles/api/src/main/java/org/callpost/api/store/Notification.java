package org.callpost.api.store;

import java.util.Objects;

/**
 * How the subscriber learns of new messages.
 *
 * @param messageWaiting whether the message-waiting lamp is lit while the mailbox has unheard messages
 * @param lampExtension  the extension whose lamp is lit; "" for the mailbox's own extension
 * @param calloutNumber  the number Callpost calls when a new message arrives (a message
 *                       notification callout: whoever answers hears that there are new messages
 *                       and logs on with the PIN), dialled as is at the PBX; "" for none
 */
public record Notification(boolean messageWaiting, String lampExtension, String calloutNumber) {
    /** The lamp of the mailbox's own extension, no callout. */
    public static final Notification DEFAULT = new Notification(true, "", "");

    public Notification {
        Objects.requireNonNull(lampExtension, "lampExtension");
        Objects.requireNonNull(calloutNumber, "calloutNumber");
        if (!calloutNumber.matches("[0-9*#]*")) {
            throw new IllegalArgumentException("a callout number is dialled at the PBX: digits, * and # only, not '"
                    + calloutNumber + "'");
        }
    }

    /** A lamp setting without a callout. */
    public Notification(boolean messageWaiting, String lampExtension) {
        this(messageWaiting, lampExtension, "");
    }

    /** Whether new messages are announced by calling {@link #calloutNumber()}. */
    public boolean callsOut() {
        return !calloutNumber.isEmpty();
    }

    public Notification withCalloutNumber(String number) {
        return new Notification(messageWaiting, lampExtension, number);
    }
}
