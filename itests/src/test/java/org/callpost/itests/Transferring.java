package org.callpost.itests;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.call.Consultation;

/** An application that transfers every caller to one extension, supervised. */
final class Transferring implements CallHandler {
    final String extension;
    final CompletableFuture<Consultation.Outcome> outcome = new CompletableFuture<>();
    final CompletableFuture<Boolean> completed = new CompletableFuture<>();
    volatile Call call;

    Transferring(String extension) {
        this.extension = extension;
    }

    @Override
    public void answered(Call c) {
        call = c;
        Consultation consultation = c.consult(extension, 2);
        consultation.outcome().thenAccept(o -> {
            outcome.complete(o);
            if (o == Consultation.Outcome.ANSWERED) {
                consultation.complete().thenAccept(completed::complete);
            } else {
                consultation.takeBack();
                c.media().play(List.of(new org.callpost.api.media.PlayItem.Tone(440, 0, 1000, -10)), "");
            }
        });
    }
}
