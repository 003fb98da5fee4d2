package org.callpost.messaging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import org.callpost.api.call.Call;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptId;

/**
 * A confirmed transfer's question to the called party, on the answered consultation call: "You
 * have a call from 0 4 4 ... To take the call, press 1. To send it to voicemail, press 2." Yes
 * only for 1; any other key, silence for {@link #WAIT_MILLIS} after the question, or the called
 * party hanging up is no, and the caller goes to voicemail.
 * <p>
 * Threads: asked on the caller's call executor; the consultation call's keys, its end, the
 * question's end and the silence timer are all posted to that executor, so the answer completes
 * there.
 */
final class TransferConfirmation {
    static final int WAIT_MILLIS = 10_000;

    private TransferConfirmation() {
    }

    static CompletionStage<Boolean> ask(CallContext context, Call consultation, String callerNumber) {
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        MediaSession media = consultation.media();
        if (media == null) {
            accepted.complete(false);
            return accepted;
        }
        consultation.listen(new MediaListener() {
            @Override
            public void dtmfReceived(MediaSession session, char key, DtmfSource source) {
                context.executor.execute(() -> accepted.complete(key == '1'));
            }
        });
        context.onCall(consultation.ended()).thenRun(() -> accepted.complete(false));
        List<PlayItem> question = new ArrayList<>(context.say(PromptId.TRANSFER_CALL_FOR_YOU));
        String digits = callerNumber.replaceAll("[^0-9]", "");
        question.addAll(digits.isEmpty() ? context.say(PromptId.ENVELOPE_UNKNOWN_CALLER)
                : context.prompts.sayDigits(context.language(), digits));
        question.addAll(context.say(PromptId.TRANSFER_CONFIRM));
        context.onCall(media.play(question, "")).thenRun(() -> {
            ScheduledFuture<?> silence = context.after(WAIT_MILLIS, () -> accepted.complete(false));
            if (silence == null) {
                accepted.complete(false);
            }
        });
        return accepted;
    }
}
