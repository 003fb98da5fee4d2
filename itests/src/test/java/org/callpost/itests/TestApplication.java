package org.callpost.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;

/**
 * A voicemail application for tests: it answers each call by playing a tone and recording the
 * caller, and keeps what it saw so a test can check it. It stands where the messaging bundle
 * will; the SIP peer and the media on the wire are real.
 */
final class TestApplication implements CallHandler {
    final BlockingQueue<Call> answered = new LinkedBlockingQueue<>();
    final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    final CompletableFuture<RecordOutcome> recording = new CompletableFuture<>();
    final Path recordingFile;
    volatile int toneHz = 440;
    volatile int toneMillis = 2000;
    volatile boolean hangUpAfterTone;

    TestApplication() throws Exception {
        recordingFile = Files.createTempFile("callpost-it", ".wav");
    }

    @Override
    public void answered(Call call) {
        answered.add(call);
        call.listen(new MediaListener() {
            @Override
            public void dtmfReceived(MediaSession session, char key, DtmfSource source) {
                keys.add(key);
            }
        });
        MediaSession media = call.media();
        media.record(new RecordRequest(recordingFile, 30_000, 0, "")).whenComplete((outcome, failure) -> {
            if (failure != null) {
                recording.completeExceptionally(failure);
            } else {
                recording.complete(outcome);
            }
        });
        media.play(List.of(new PlayItem.Tone(toneHz, 0, toneMillis, -10)), "").thenRun(() -> {
            if (hangUpAfterTone) {
                call.hangUp();
            }
        });
    }
}
