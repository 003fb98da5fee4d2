package org.callpost.amis.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.callpost.amis.internal.AmisFrames.Response;
import org.callpost.amis.internal.OriginatingSession.Outgoing;
import org.callpost.amis.internal.OriginatingSession.Report;
import org.callpost.amis.internal.OriginatingSession.Result;
import org.junit.Test;

/** The originator's side against the example conversation's response frames, in virtual time. */
public class OriginatingSessionTest {
    private final VirtualTime time = new VirtualTime();
    private final TestLine line = new TestLine(time);
    private final Outgoing first = new Outgoing("q1", "2001", "1001", 12, Path.of("first.wav"));
    private final Outgoing second = new Outgoing("q2", "2999", "1001", 7, Path.of("second.wav"));

    private CompletionStage<Report> run(List<Outgoing> batch) {
        line.playMillis = 12_000;
        return new OriginatingSession(line, "5551000", batch).run();
    }

    /** Waits until the originator has sent one more frame (at most the 10 s response wait and a little). */
    private String nextFrame() {
        int before = line.sent.size();
        for (int i = 0; i < 400 && line.sent.size() == before; i++) {
            time.runFor(100);
        }
        return line.sent.size() > before ? line.sent.get(before).digits() : "(nothing)";
    }

    /** Answers 2 s after the originator's last digit, as the destination does. */
    private void answer(String digits) {
        time.runFor(AmisFrames.ANSWER_DELAY_MILLIS);
        line.receive(digits);
    }

    @Test
    public void sendsTheExampleConversationsFramesInTurn() throws Exception {
        CompletionStage<Report> report = run(List.of(first, second));
        List<String> expected = ExampleConversation.framesOf(true);
        List<String> responses = ExampleConversation.framesOf(false);
        assertEquals(expected.get(0), line.frames().get(0));
        for (int i = 0; i < responses.size(); i++) {
            time.runFor(line.sent.get(line.sent.size() - 1).digits().length() * (long) AmisFrames.DIGIT_SPACING_MILLIS);
            answer(responses.get(i));
            if (i + 1 < expected.size()) {
                assertEquals(expected.get(i + 1), nextFrame());
            }
        }
        time.runFor(5_000);
        Report r = report.toCompletableFuture().getNow(null);
        assertEquals("completed", r.outcome());
        assertEquals(List.of(Result.DELIVERED, Result.REFUSED), r.results().stream().map(m -> m.result()).toList());
        assertEquals(Response.MAILBOX_UNKNOWN, r.results().get(1).response());
        assertEquals(1, line.hangUps);
    }

    @Test
    public void digitsWithinASecondOfItsFrameAreEchoesAndIgnored() {
        run(List.of(first));
        long frameEnd = "*11#5551000#18".length() * (long) AmisFrames.DIGIT_SPACING_MILLIS;
        time.runUntil(frameEnd);
        line.receive("*000"); // arrives within the echo second: ignored
        time.runUntil(frameEnd + 900);
        time.runFor(AmisFrames.RESPONSE_WAIT_MILLIS + 200);
        // no response was taken: the start of session is sent again
        assertEquals(List.of("*11#5551000#18", "*11#5551000#18"), line.frames());
    }

    @Test
    public void noResponseSendsTheFrameAgainThenEndsTheSession() {
        CompletionStage<Report> report = run(List.of(first));
        for (int i = 0; i < 6; i++) {
            time.runFor(AmisFrames.RESPONSE_WAIT_MILLIS + 5_000);
        }
        assertEquals(List.of("*11#5551000#18", "*11#5551000#18", "*11#5551000#18", "*11#5551000#18", "*41#05"),
                line.frames());
        Report r = report.toCompletableFuture().getNow(null);
        assertEquals(Result.NOT_SENT, r.results().get(0).result());
        assertEquals(1, line.hangUps);
    }

    @Test
    public void aResponseCutShortEndsTheSessionWithTheTimeoutFrame() {
        CompletionStage<Report> report = run(List.of(first));
        time.runFor(5_000);
        line.receive("*0");
        time.runFor(400 + AmisFrames.INTER_DIGIT_MILLIS + 100);
        assertEquals("*41#05", line.frames().get(line.frames().size() - 1));
        time.runFor(5_000);
        assertEquals(Result.NOT_SENT, report.toCompletableFuture().getNow(null).results().get(0).result());
    }

    @Test
    public void retransmitIsAnsweredWithTheSameFrame() {
        run(List.of(first));
        time.runFor(4_000);
        answer("*011");
        assertEquals("*11#5551000#18", nextFrame());
    }

    @Test
    public void aCallEndedDuringTheMessageLeavesItNotSent() {
        CompletionStage<Report> report = run(List.of(first));
        time.runFor(4_000);
        answer("*000");
        assertEquals("*22001#1001#12#10", nextFrame());
        time.runFor(4_000);
        answer("*000");
        time.runFor(3_000); // playing
        line.drop();
        time.runFor(1_000);
        Report r = report.toCompletableFuture().getNow(null);
        assertEquals(Result.NOT_SENT, r.results().get(0).result());
        assertEquals("call ended during message 1", r.outcome());
    }
}
