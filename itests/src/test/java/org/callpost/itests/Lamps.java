package org.callpost.itests;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.function.Predicate;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;

/** What the lamp tests share: a message left as a caller would, and waiting for a lamp's state. */
final class Lamps {
    private Lamps() {
    }

    /** Leaves a 1.5 s message from extension 300 in the mailbox (created, lit by its own extension, if missing). */
    static Message leaveMessage(MessageStore store, String mailbox) throws Exception {
        if (store.mailbox(mailbox).isEmpty()) {
            store.createMailbox(Mailbox.of(mailbox, mailbox, "Lamp test " + mailbox), null);
        }
        MessageDraft d = store.beginMessage(mailbox, new Envelope("300", "", mailbox, ForwardReason.NO_ANSWER, mailbox,
                Instant.now(), false));
        Wav.writeTone(d.recordingFile(), 1000, 1500);
        CommitResult r = d.commit();
        assertEquals(CommitResult.Outcome.SAVED, r.outcome());
        return r.message().orElseThrow();
    }

    /** Waits until the extension's lamp passes the test; returns its last state (null: never seen). */
    static LampStatus await(MwiService mwi, String extension, Predicate<LampStatus> test, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            var l = mwi.lamp(extension);
            if (l.isPresent() && test.test(l.get())) {
                return l.get();
            }
            Thread.sleep(100);
        }
        return mwi.lamp(extension).orElse(null);
    }
}
