package org.callpost.amis.internal;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;

/**
 * The call an AMIS session runs on, as the session needs it. Every callback (digits, timers,
 * play and record outcomes, the end of the call) arrives on the session's one thread, so the
 * sessions keep no locks.
 */
interface AmisLine {
    /** Digits from the other system, one by one. */
    void listen(Consumer<Character> digits);

    /** Sends a frame's digits as DTMF. */
    void send(String digits);

    /** Plays a message to the other system. */
    CompletionStage<PlayOutcome> play(Path wav);

    /**
     * Records the other system's message; ends on {@code *} (the end-of-message frame begins), on
     * {@link AmisFrames#MESSAGE_SILENCE_MILLIS} of silence, at {@code maxMillis}, or when the call ends.
     */
    CompletionStage<RecordOutcome> record(Path file, int maxMillis);

    /** Runs {@code task} on the session's thread after {@code millis}; the returned runnable cancels it. */
    Runnable after(long millis, Runnable task);

    /** Completes when the call has ended, either side. */
    CompletionStage<Void> ended();

    void hangUp();
}
