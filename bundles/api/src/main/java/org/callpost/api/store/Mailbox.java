package org.callpost.api.store;

import java.util.Objects;

/**
 * A subscriber's mailbox: its settings, never its PIN.
 *
 * @param number         the mailbox number (digits), its folder name in the store
 * @param extension      the subscriber's extension (digits), or "" for a mailbox without one;
 *                       forwarded calls from it and automatic logon find the mailbox by it
 * @param integration    the integration (telephone system) the subscriber's extension is on: its
 *                       calls find this mailbox, and its lamp and callouts go through it; "" for
 *                       a mailbox of whichever integration there is (with one integration, that
 *                       one; with several, the one Callpost places its own calls through)
 * @param name           the subscriber's name for the administrator and the directory, or ""
 * @param notification   how the subscriber learns of new messages
 * @param trustExtension whether a direct call from the mailbox's own extension logs on without a PIN
 * @param activeGreeting which greeting callers hear: {@link Greeting#PERSONAL} or
 *                       {@link Greeting#SYSTEM} (the busy greeting plays on forward-busy calls
 *                       whenever one is recorded)
 * @param limits         how much the mailbox may hold
 * @param pinSet         whether a PIN is set (read only: a mailbox without one refuses PIN logon)
 * @param language       the language its callers and its subscriber hear, a tag of an installed
 *                       prompt pack ("de", "fr"), or "" for the system's rule (answer mode,
 *                       integration, the messaging {@code language}); null reads as ""
 */
public record Mailbox(String number, String extension, String integration, String name, Notification notification,
        boolean trustExtension, Greeting activeGreeting, MailboxLimits limits, boolean pinSet, String language) {
    public Mailbox {
        language = language == null ? "" : language.trim();
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(activeGreeting, "activeGreeting");
        Objects.requireNonNull(limits, "limits");
        if (activeGreeting != Greeting.PERSONAL && activeGreeting != Greeting.SYSTEM) {
            throw new IllegalArgumentException("the active greeting is PERSONAL or SYSTEM, not " + activeGreeting);
        }
    }

    /** A new mailbox with the defaults: lamp on its extension, PIN asked, system greeting, default limits. */
    public static Mailbox of(String number, String extension, String name) {
        return new Mailbox(number, extension, "", name, Notification.DEFAULT, false, Greeting.SYSTEM,
                MailboxLimits.DEFAULT, false, "");
    }

    public Mailbox withExtension(String value) {
        return new Mailbox(number, value, integration, name, notification, trustExtension, activeGreeting, limits, pinSet, language);
    }

    /** This mailbox on another integration ("" for whichever there is). */
    public Mailbox withIntegration(String value) {
        return new Mailbox(number, extension, value, name, notification, trustExtension, activeGreeting, limits, pinSet, language);
    }

    /** As the store keeps it: whether a PIN is set. */
    public Mailbox withPinSet(boolean value) {
        return new Mailbox(number, extension, integration, name, notification, trustExtension, activeGreeting, limits,
                value, language);
    }

    public Mailbox withName(String value) {
        return new Mailbox(number, extension, integration, value, notification, trustExtension, activeGreeting, limits, pinSet, language);
    }

    public Mailbox withNotification(Notification value) {
        return new Mailbox(number, extension, integration, name, value, trustExtension, activeGreeting, limits, pinSet, language);
    }

    public Mailbox withTrustExtension(boolean value) {
        return new Mailbox(number, extension, integration, name, notification, value, activeGreeting, limits, pinSet, language);
    }

    public Mailbox withActiveGreeting(Greeting value) {
        return new Mailbox(number, extension, integration, name, notification, trustExtension, value, limits, pinSet, language);
    }

    public Mailbox withLimits(MailboxLimits value) {
        return new Mailbox(number, extension, integration, name, notification, trustExtension, activeGreeting, value, pinSet, language);
    }

    /** This mailbox in another language ("" for the system's rule). */
    public Mailbox withLanguage(String value) {
        return new Mailbox(number, extension, integration, name, notification, trustExtension, activeGreeting, limits, pinSet,
                value);
    }

    /** Whether calls and lamps of the integration named belong to this mailbox (it has none, or that one). */
    public boolean belongsTo(String integrationName) {
        return integration.isEmpty() || integration.equals(integrationName);
    }

    /** The extension whose message-waiting lamp shows this mailbox, or "" for none. */
    public String lampExtension() {
        if (!notification.messageWaiting()) {
            return "";
        }
        return notification.lampExtension().isEmpty() ? extension : notification.lampExtension();
    }
}
