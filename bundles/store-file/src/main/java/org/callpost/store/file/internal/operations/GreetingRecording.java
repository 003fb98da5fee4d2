package org.callpost.store.file.internal.operations;

import java.io.IOException;
import java.nio.file.Path;

import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;

/** A greeting being recorded. Owner: the subscriber's call; its own monitor guards {@link #done}. */
final class GreetingRecording implements GreetingDraft {
    private final Greetings greetings;
    private final Box box;
    private final Greeting greeting;
    private final Path recording;
    private boolean done;

    GreetingRecording(Greetings greetings, Box box, Greeting greeting, Path recording) {
        this.greetings = greetings;
        this.box = box;
        this.greeting = greeting;
        this.recording = recording;
    }

    @Override
    public String mailbox() {
        return box.number;
    }

    @Override
    public Greeting greeting() {
        return greeting;
    }

    @Override
    public Path recordingFile() {
        return recording;
    }

    @Override
    public synchronized boolean commit() throws IOException {
        if (done) {
            throw new IllegalStateException("greeting draft already committed or discarded");
        }
        boolean installed = greetings.commit(box, greeting, recording);
        done = true;
        return installed;
    }

    @Override
    public synchronized void discard() throws IOException {
        if (!done) {
            done = true;
            greetings.discard(recording);
        }
    }
}
