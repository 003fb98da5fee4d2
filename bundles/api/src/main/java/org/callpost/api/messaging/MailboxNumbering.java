package org.callpost.api.messaging;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The mailbox numbering plan (the integration note's Database Initialization Parameters), owned
 * and registered by the voicemail application, so that tools that create mailboxes (the shell's
 * {@code callpost:mailbox-add}, a web page) ask it instead of reading its configuration.
 */
@ProviderType
public interface MailboxNumbering {
    /** Digits in a mailbox number ({@code mailbox.length}). */
    int mailboxLength();

    /** The first mailbox number, where numbering of new mailboxes starts ({@code first.extension}). */
    String firstNumber();

    /**
     * The first number from {@link #firstNumber()} on, of {@link #mailboxLength()} digits, that no
     * mailbox has yet; empty when none is left (or the plan's settings are not digits).
     */
    Optional<String> nextFreeNumber();
}
