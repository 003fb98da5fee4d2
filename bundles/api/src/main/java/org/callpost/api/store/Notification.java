package org.callpost.api.store;

import java.util.Objects;

/**
 * How the subscriber learns of new messages.
 *
 * @param messageWaiting whether the message-waiting lamp is lit while the mailbox has unheard messages
 * @param lampExtension  the extension whose lamp is lit; "" for the mailbox's own extension
 */
public record Notification(boolean messageWaiting, String lampExtension) {
    /** The lamp of the mailbox's own extension. */
    public static final Notification DEFAULT = new Notification(true, "");

    public Notification {
        Objects.requireNonNull(lampExtension, "lampExtension");
    }
}
