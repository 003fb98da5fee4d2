package org.callpost.store.file.internal.operations;

import java.util.List;

import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;

/**
 * A mailbox as its storage holds it at start-up: settings, PIN hash (null: none), its messages
 * and the drafts a crash left, which the operations finish as if the caller had hung up.
 */
public record StoredMailbox(Mailbox mailbox, PinHash pin, List<Message> messages, List<UnfinishedDraft> drafts) {
}
