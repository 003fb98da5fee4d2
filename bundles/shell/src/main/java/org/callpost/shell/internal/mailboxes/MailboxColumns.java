package org.callpost.shell.internal.mailboxes;

import java.util.List;

/**
 * The columns of a mailbox file. An empty cell leaves a mailbox's setting as it is (a new mailbox
 * takes the default); {@code none} clears the extension, integration, callout number, email address or language.
 */
public final class MailboxColumns {
    public static final String NUMBER = "number";
    public static final String EXTENSION = "extension";
    public static final String NAME = "name";
    public static final String PIN = "pin";
    public static final String INTEGRATION = "integration";
    public static final String TRUST_EXTENSION = "trust_extension";
    public static final String CALLOUT = "callout";
    public static final String MAX_MESSAGES = "max_messages";
    public static final String MAX_SECONDS = "max_seconds";
    public static final String EMAIL = "email";
    /** A tag of an installed prompt pack; 'none' for the system's rule. Files from before it import without it. */
    public static final String LANGUAGE = "language";
    /** Written by the export only ("yes"/"no"); read and ignored by the import. */
    public static final String PIN_SET = "pin_set";

    /** Every column, in the export's order. */
    public static final List<String> ALL = List.of(NUMBER, EXTENSION, NAME, PIN, PIN_SET, INTEGRATION, TRUST_EXTENSION,
            CALLOUT, MAX_MESSAGES, MAX_SECONDS, EMAIL, LANGUAGE);

    /** The cell that clears a setting. */
    public static final String NONE = "none";

    /** The most messages a file may give a mailbox (0: the store's default). */
    public static final int MAX_MESSAGES_LIMIT = 10_000;
    /** The most seconds of audio a file may give a mailbox: 100 hours (0: the store's default). */
    public static final int MAX_SECONDS_LIMIT = 360_000;

    private MailboxColumns() {
    }
}
