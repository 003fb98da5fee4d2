package org.callpost.amis.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.callpost.api.call.Call;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;

/**
 * An AMIS session's call: digits, play and record through the call's media session, every
 * callback moved onto the AMIS thread (one for all sessions: they only parse digits and start
 * media; the store's work is short).
 */
final class CallLine implements AmisLine {
    private final Call call;
    private final ScheduledExecutorService thread;

    CallLine(Call call, ScheduledExecutorService thread) {
        this.call = call;
        this.thread = thread;
    }

    @Override
    public void listen(Consumer<Character> digits) {
        call.listen(new MediaListener() {
            @Override
            public void dtmfReceived(MediaSession session, char key, DtmfSource source) {
                thread.execute(() -> digits.accept(key));
            }
        });
    }

    @Override
    public void send(String digits) {
        MediaSession media = call.media();
        if (media.isOpen()) {
            media.sendDtmf(digits, AmisFrames.DIGIT_TONE_MILLIS);
        }
    }

    @Override
    public CompletionStage<PlayOutcome> play(Path wav) {
        return onThread(call.media().play(List.of(PlayItem.wav(wav)), ""));
    }

    @Override
    public CompletionStage<RecordOutcome> record(Path file, int maxMillis) {
        return onThread(call.media().record(new RecordRequest(file, maxMillis, AmisFrames.MESSAGE_SILENCE_MILLIS,
                String.valueOf(AmisFrames.FRAME_START))));
    }

    @Override
    public Runnable after(long millis, Runnable task) {
        ScheduledFuture<?> f = thread.schedule(task, millis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public CompletionStage<Void> ended() {
        return onThread(call.ended());
    }

    @Override
    public void hangUp() {
        call.hangUp();
    }

    private <T> CompletionStage<T> onThread(CompletionStage<T> stage) {
        CompletableFuture<T> moved = new CompletableFuture<>();
        stage.whenComplete((v, e) -> thread.execute(() -> {
            if (e != null) {
                moved.completeExceptionally(e);
            } else {
                moved.complete(v);
            }
        }));
        return moved;
    }
}
