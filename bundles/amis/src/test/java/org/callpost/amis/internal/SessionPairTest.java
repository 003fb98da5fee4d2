package org.callpost.amis.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.callpost.amis.internal.OriginatingSession.Outgoing;
import org.callpost.amis.internal.OriginatingSession.Report;
import org.callpost.amis.internal.OriginatingSession.Result;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Callpost's two sides talking to each other over a simulated line, in virtual time. */
public class SessionPairTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final VirtualTime time = new VirtualTime();

    private Outgoing message(String id, String to, String content) throws Exception {
        Path audio = tmp.newFile(id + ".wav").toPath();
        Files.writeString(audio, content);
        return new Outgoing(id, to, "1001", 5, audio);
    }

    private record Call(TestLine originator, TestLine destination, CompletionStage<Report> sent,
            CompletionStage<DestinationSession.Report> received) {
    }

    private Call call(TestInbox inbox, List<Outgoing> batch) {
        TestLine o = new TestLine(time);
        TestLine d = new TestLine(time);
        TestLine.join(o, d);
        CompletionStage<DestinationSession.Report> received = new DestinationSession(d, inbox, 480).run();
        CompletionStage<Report> sent = new OriginatingSession(o, "5551000", batch).run();
        return new Call(o, d, sent, received);
    }

    @Test
    public void aBatchIsDeliveredAndRefusedAsTheDestinationDecides() throws Exception {
        TestInbox inbox = new TestInbox(tmp.newFolder().toPath(), Set.of("2001", "2002"), Set.of("2500"));
        Call c = call(inbox, List.of(message("a", "2001", "first"), message("b", "2999", "second"),
                message("c", "2500", "third"), message("d", "2002", "fourth")));
        time.runFor(300_000);
        Report r = c.sent().toCompletableFuture().getNow(null);
        assertEquals("completed", r.outcome());
        assertEquals(List.of(Result.DELIVERED, Result.REFUSED, Result.REFUSED, Result.DELIVERED),
                r.results().stream().map(m -> m.result()).toList());
        assertEquals(2, inbox.kept.size());
        assertArrayEquals("first".getBytes(), inbox.kept.get(0).audio());
        assertEquals("2002", inbox.kept.get(1).mailbox());
        assertArrayEquals("fourth".getBytes(), inbox.kept.get(1).audio());
        assertEquals(new DestinationSession.Report("5551000", 2, 2, "completed"),
                c.received().toCompletableFuture().getNow(null));
    }

    @Test
    public void aCallDroppedDuringTheMessageIsSentAgainAndArrivesOnce() throws Exception {
        TestInbox inbox = new TestInbox(tmp.newFolder().toPath(), Set.of("2001"), Set.of());
        Outgoing m = message("a", "2001", "the message");
        Call first = call(inbox, List.of(m));
        // start (14 digits), response, header (17 digits), response: about 11 s; then 5 s of message
        time.runFor(13_000);
        first.destination().drop();
        first.originator().drop();
        time.runFor(60_000);
        assertEquals(Result.NOT_SENT, first.sent().toCompletableFuture().getNow(null).results().get(0).result());
        assertEquals(List.of(), inbox.kept);
        assertEquals(List.of("2001"), inbox.discarded);

        Call second = call(inbox, List.of(m));
        time.runFor(120_000);
        assertEquals(Result.DELIVERED, second.sent().toCompletableFuture().getNow(null).results().get(0).result());
        assertEquals(1, inbox.kept.size());
        assertArrayEquals("the message".getBytes(), inbox.kept.get(0).audio());
    }
}
