package org.callpost.store.file.internal.operations;

import java.nio.file.Path;

import org.callpost.api.store.Envelope;

/** A message draft whose recording a crash interrupted: its audio is kept, its commit never ran. */
public record UnfinishedDraft(String id, Envelope envelope, Path recording) {
}
