package org.callpost.api.store;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Copies a file store's folder into the message store that registers this service (the PostgreSQL
 * store): mailboxes with their PIN hashes as they are (a PIN is never re-hashed nor seen),
 * greetings, and messages with their folder and heard state. Idempotent: what is already there (a
 * live mailbox of that number, a greeting of that kind, a message of that id) is left as it is and
 * counted, so it may be run again.
 */
@ProviderType
public interface StoreMigration {

    /** The file store's folder as configured (pid {@code org.callpost.store.file}): what is copied when no folder is named. */
    Path fileStoreFolder();

    /**
     * Copies the file store in {@code folder}, one transaction per mailbox.
     *
     * @throws IOException when the folder cannot be read or the database does not answer; what was
     *                     copied before stays, and a second run copies the rest
     */
    Copied copyFileStore(Path folder) throws IOException;

    /** What a copy did: copied now, and found already there. */
    record Copied(int mailboxes, int greetings, int messages, int mailboxesThere, int greetingsThere,
            int messagesThere) {
        @Override
        public String toString() {
            return "copied: " + mailboxes + " mailboxes, " + greetings + " greetings, " + messages + " messages; "
                    + "already there: " + mailboxesThere + " mailboxes, " + greetingsThere + " greetings, "
                    + messagesThere + " messages";
        }
    }
}
