/**
 * The message store: mailboxes, their greetings and PINs, and the messages callers leave, kept
 * in folders (new, saved, deleted). {@link org.callpost.api.store.MessageStore} is the service a
 * store bundle registers (the embedded file store is one; another store can replace it);
 * {@link org.callpost.api.store.MailboxListener} is a whiteboard the message-waiting bundle
 * registers to learn when a mailbox's counts change.
 * <p>
 * Messages are never lost: a message is recorded into a {@link org.callpost.api.store.MessageDraft}
 * as the audio arrives and committed with fsync and an atomic rename; drafts left by a crash
 * become messages when the store starts (if longer than the minimum length).
 * <p>
 * 2.0: a mailbox belongs to an integration ({@link org.callpost.api.store.Mailbox#integration()}),
 * and an extension's mailbox is looked up within one.
 * <p>
 * 2.1: {@link org.callpost.api.store.MailboxCounts} counts urgent messages, heard and unheard.
 * <p>
 * 2.2: {@link org.callpost.api.store.StoreFullException} when the disk is below the minimum free space.
 * <p>
 * 2.3: {@link org.callpost.api.store.StoreUnavailableException} when the store's database does not
 * answer; {@link org.callpost.api.store.StoreMigration}, a file store copied into another store.
 * <p>
 * 3.0: a mailbox has a language ({@link org.callpost.api.store.Mailbox#language()}), a record
 * component and so a major version.
 */
@Version("3.0.0")
package org.callpost.api.store;

import org.osgi.annotation.versioning.Version;
