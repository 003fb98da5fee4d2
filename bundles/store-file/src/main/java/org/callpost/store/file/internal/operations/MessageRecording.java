package org.callpost.store.file.internal.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.MessageDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message being recorded. Owner: the caller's call, one thread at a time; its own monitor guards
 * {@link #done}, and {@link #envelope} is volatile so another thread may read it.
 */
final class MessageRecording implements MessageDraft {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRecording.class);

    private final Messages messages;
    private final Box box;
    private final String id;
    private final Duration maxDuration;
    private final Path recording;
    private volatile Envelope envelope;
    private boolean done;

    MessageRecording(Messages messages, Box box, String id, Envelope envelope, Duration maxDuration,
            Path recording) {
        this.messages = messages;
        this.box = box;
        this.id = id;
        this.envelope = envelope;
        this.maxDuration = maxDuration;
        this.recording = recording;
    }

    @Override
    public String mailbox() {
        return box.number;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public Path recordingFile() {
        return recording;
    }

    @Override
    public Duration maxDuration() {
        return maxDuration;
    }

    @Override
    public synchronized void markUrgent(boolean urgent) throws IOException {
        if (done) {
            throw new IllegalStateException("message draft already committed or discarded");
        }
        envelope = envelope.withUrgent(urgent);
        messages.markUrgent(box.number, id, envelope);
    }

    @Override
    public synchronized CommitResult commit() throws IOException {
        if (done) {
            throw new IllegalStateException("message draft already committed or discarded");
        }
        CommitResult result = messages.commit(box, id, envelope, recording);
        done = true;
        if (result.outcome() == CommitResult.Outcome.TOO_SHORT) {
            LOG.debug("Message {} for mailbox {} discarded: {} ms, shorter than the minimum", id, box.number,
                    result.duration().toMillis());
        }
        return result;
    }

    @Override
    public synchronized void discard() throws IOException {
        if (!done) {
            done = true;
            messages.discard(box.number, id);
        }
    }
}
