package org.callpost.amis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;

/**
 * One end of a simulated call for the session tests, in virtual time: digits it sends go to the
 * other end (when joined) one per {@link AmisFrames#DIGIT_SPACING_MILLIS}; what it plays is copied
 * into the other end's recording when the play ends; {@code *} ends a recording as the recorder's
 * stop key does. Unjoined, the test reads {@link #sent} and feeds {@link #receive}.
 */
final class TestLine implements AmisLine {
    record Sent(long at, String digits) {
    }

    final VirtualTime time;
    final List<Sent> sent = new ArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    long playMillis = 5_000;
    private Consumer<Character> listener = c -> { };
    private TestLine other;
    private CompletableFuture<RecordOutcome> recording;
    private Path recordFile;
    private CompletableFuture<PlayOutcome> playing;
    private Path playingFile;
    int hangUps;

    TestLine(VirtualTime time) {
        this.time = time;
    }

    static void join(TestLine a, TestLine b) {
        a.other = b;
        b.other = a;
    }

    @Override
    public void listen(Consumer<Character> digits) {
        listener = digits;
    }

    @Override
    public void send(String digits) {
        if (ended.isDone()) {
            return;
        }
        sent.add(new Sent(time.now(), digits));
        if (other != null) {
            TestLine to = other;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                time.after((long) (i + 1) * AmisFrames.DIGIT_SPACING_MILLIS, () -> to.digit(c));
            }
        }
    }

    /** Digits from the far end, spaced as on a line, starting now. */
    void receive(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            time.after((long) (i + 1) * AmisFrames.DIGIT_SPACING_MILLIS, () -> digit(c));
        }
    }

    private void digit(char c) {
        if (ended.isDone()) {
            return;
        }
        if (c == AmisFrames.FRAME_START && recording != null) {
            CompletableFuture<RecordOutcome> r = recording;
            recording = null;
            r.complete(new RecordOutcome(recordFile, RecordOutcome.Reason.KEY, c, 0, ""));
        }
        listener.accept(c);
    }

    @Override
    public CompletionStage<PlayOutcome> play(Path wav) {
        CompletableFuture<PlayOutcome> f = new CompletableFuture<>();
        playing = f;
        playingFile = wav;
        time.after(playMillis, () -> {
            if (playing == f) {
                playing = null;
                if (other != null && other.recording != null) {
                    copy(wav, other.recordFile);
                }
                f.complete(new PlayOutcome(PlayOutcome.Reason.COMPLETED, PlayOutcome.NO_KEY, ""));
            }
        });
        return f;
    }

    @Override
    public CompletionStage<RecordOutcome> record(Path file, int maxMillis) {
        recording = new CompletableFuture<>();
        recordFile = file;
        return recording;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Runnable after(long millis, Runnable task) {
        return time.after(millis, task);
    }

    @Override
    public CompletionStage<Void> ended() {
        return ended;
    }

    @Override
    public void hangUp() {
        hangUps++;
        drop();
        if (other != null) {
            other.drop();
        }
    }

    /** The call ends under this end (the far side hung up, or the line dropped). */
    void drop() {
        if (ended.isDone()) {
            return;
        }
        if (playing != null) {
            CompletableFuture<PlayOutcome> p = playing;
            playing = null;
            p.complete(new PlayOutcome(PlayOutcome.Reason.SESSION_CLOSED, PlayOutcome.NO_KEY, ""));
        }
        if (recording != null) {
            CompletableFuture<RecordOutcome> r = recording;
            recording = null;
            r.complete(new RecordOutcome(recordFile, RecordOutcome.Reason.CALL_ENDED, PlayOutcome.NO_KEY, 0, ""));
        }
        ended.complete(null);
    }

    /** The frames this end sent, digits only. */
    List<String> frames() {
        return sent.stream().map(Sent::digits).toList();
    }
}
