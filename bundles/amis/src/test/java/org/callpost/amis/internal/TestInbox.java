package org.callpost.amis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.MessageDraft;

/** Mailboxes for the destination tests: drafts are files in a folder; kept ones are listed. */
final class TestInbox implements DestinationSession.Inbox {
    record Kept(String mailbox, String remoteSystem, String remoteMailbox, byte[] audio) {
    }

    final Path folder;
    final Set<String> mailboxes;
    final Set<String> full;
    final List<Kept> kept = new ArrayList<>();
    final List<String> discarded = new ArrayList<>();

    TestInbox(Path folder, Set<String> mailboxes, Set<String> full) {
        this.folder = folder;
        this.mailboxes = mailboxes;
        this.full = full;
    }

    @Override
    public MessageDraft begin(String mailbox, String remoteSystem, String remoteMailbox) throws MailboxFullException {
        if (full.contains(mailbox)) {
            throw new MailboxFullException(new org.callpost.api.store.MailboxCounts(mailbox, 10, 10, 0, 0, Duration.ofMinutes(5), 10, Duration.ofMinutes(30)));
        }
        if (!mailboxes.contains(mailbox)) {
            return null;
        }
        Path file = folder.resolve(mailbox + "-" + System.nanoTime() + ".wav");
        Envelope e = new Envelope(remoteMailbox, "", "", ForwardReason.NONE, "", Instant.EPOCH, false);
        return new MessageDraft() {
            @Override
            public String mailbox() {
                return mailbox;
            }

            @Override
            public String id() {
                return file.getFileName().toString();
            }

            @Override
            public Envelope envelope() {
                return e;
            }

            @Override
            public Path recordingFile() {
                return file;
            }

            @Override
            public Duration maxDuration() {
                return Duration.ofMinutes(10);
            }

            @Override
            public void markUrgent(boolean urgent) {
            }

            @Override
            public CommitResult commit() throws IOException {
                kept.add(new Kept(mailbox, remoteSystem, remoteMailbox, Files.exists(file) ? Files.readAllBytes(file) : new byte[0]));
                return new CommitResult(CommitResult.Outcome.TOO_SHORT, Optional.empty(), Duration.ZERO);
            }

            @Override
            public void discard() {
                discarded.add(mailbox);
            }
        };
    }
}
