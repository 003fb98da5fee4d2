package org.callpost.api.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The message store: mailboxes, their PINs and greetings, and their messages in folders. Every
 * method may be called from many threads at once. A method given an unknown mailbox number throws
 * {@link NoSuchMailboxException}; one given an unknown message id {@link NoSuchMessageException}.
 * Disk failures are {@link IOException}s. PINs are kept only as salted hashes and never logged.
 */
@ProviderType
public interface MessageStore {

    // ---- mailboxes ----

    /** All mailboxes, by number. */
    List<Mailbox> mailboxes();

    /** The mailbox with this number. */
    Optional<Mailbox> mailbox(String number);

    /**
     * The mailbox of an extension of an integration: the one with that {@link Mailbox#extension()}
     * that belongs to the integration ({@link Mailbox#belongsTo}), its own before one of no
     * integration. Two PBXes may each have an extension 201 with a mailbox of its own.
     */
    Optional<Mailbox> mailboxOfExtension(String integration, String extension);

    /**
     * Creates a mailbox. Its {@link Mailbox#pinSet()} is ignored.
     *
     * @param pin the PIN, or null for none yet (PIN logon refused until one is set)
     * @return the mailbox as stored
     * @throws IllegalArgumentException when the number or extension is not digits, the integration
     *                                  is not a name, the number is already another mailbox's, the
     *                                  extension is already another mailbox's of the same integration
     *                                  (one of no integration shares its extension with none), or the PIN
     *                                  breaks the {@link #pinRules()} (the message never holds the PIN)
     */
    Mailbox createMailbox(Mailbox mailbox, String pin) throws IOException;

    /**
     * Changes a mailbox's settings (all but its number and PIN; {@link Mailbox#pinSet()} is ignored).
     *
     * @return the mailbox as stored
     * @throws IllegalArgumentException when the extension is not digits or is another mailbox's of
     *                                  the same integration, or the integration is not a name
     */
    Mailbox updateMailbox(Mailbox mailbox) throws IOException;

    /**
     * Removes a mailbox with its greetings and messages. The file store keeps the files aside for
     * the administrator rather than deleting them.
     */
    void removeMailbox(String number) throws IOException;

    /** What the mailbox holds now, against its limits. */
    MailboxCounts counts(String number);

    // ---- PIN ----

    /** The rules a new PIN must follow. */
    PinRules pinRules();

    /**
     * Whether {@code pin} is the mailbox's PIN; false when none is set. Never logs the PIN; the
     * caller logs the attempt (without digits) and counts failures.
     */
    boolean checkPin(String number, String pin);

    /**
     * Sets a new PIN (the subscriber's "change PIN", or the administrator's reset).
     *
     * @throws IllegalArgumentException when it breaks the {@link #pinRules()} (the message never
     *                                  holds the PIN)
     */
    void changePin(String number, String pin) throws IOException;

    // ---- greetings ----

    /** The recording of a greeting, if the subscriber made one; always empty for {@link Greeting#SYSTEM}. */
    Optional<Path> greeting(String number, Greeting greeting);

    /**
     * Starts recording a greeting.
     *
     * @throws IllegalArgumentException for {@link Greeting#SYSTEM}
     * @throws StoreFullException       when the store's free disk is below its minimum
     */
    GreetingDraft beginGreeting(String number, Greeting greeting) throws IOException;

    /**
     * Deletes a recorded greeting; when it was the personal greeting and active, the system
     * greeting becomes active.
     */
    void deleteGreeting(String number, Greeting greeting) throws IOException;

    // ---- messages ----

    /** The minimum length below which a committed message is discarded. */
    Duration minimumMessageLength();

    /**
     * Starts a message for a mailbox, checking its limits first.
     *
     * @param envelope who is calling and why; {@link Envelope#received()} is when recording starts
     * @throws MailboxFullException when the mailbox has reached a limit: tell the caller, record nothing
     * @throws StoreFullException   when the store's free disk is below its minimum: tell the caller the
     *                              system cannot take a message now, record nothing
     */
    MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, IOException;

    /**
     * The messages in a folder: urgent ones first, then oldest first.
     */
    List<Message> messages(String number, Folder folder);

    /** A message by id, in whichever folder it is. */
    Optional<Message> message(String number, String id);

    /** Moves a message to another folder (saving a new message, undeleting); returns it as it is now. */
    Message move(String number, String id, Folder folder) throws IOException;

    /** Marks a message heard (it stays in its folder); returns it as it is now. */
    Message markHeard(String number, String id) throws IOException;

    /** Moves a message to the deleted folder. */
    default Message delete(String number, String id) throws IOException {
        return move(number, id, Folder.DELETED);
    }

    /** Moves a deleted message back to the saved folder. */
    default Message undelete(String number, String id) throws IOException {
        return move(number, id, Folder.SAVED);
    }

    /**
     * Removes the deleted folder's messages for good (e.g. when the subscriber hangs up).
     *
     * @return how many were removed
     */
    int purgeDeleted(String number) throws IOException;

    /**
     * Copies a message into another mailbox's new folder (the subscriber's "forward"), unheard,
     * optionally after a spoken introduction. Ignores the other mailbox's limits only as a commit
     * does: it is checked first.
     *
     * @param introduction an 8 kHz 16-bit mono PCM WAV played before the message, or null
     * @return the new message in {@code toNumber}'s mailbox
     * @throws MailboxFullException when the other mailbox is full
     */
    Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
            throws MailboxFullException, IOException;
}
