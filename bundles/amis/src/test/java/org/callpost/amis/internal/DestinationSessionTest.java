package org.callpost.amis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.callpost.amis.internal.ExampleConversation.Step;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The destination's side against the example conversation's originator frames, in virtual time. */
public class DestinationSessionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final VirtualTime time = new VirtualTime();
    private final TestLine line = new TestLine(time);

    private TestInbox inbox() throws Exception {
        return new TestInbox(tmp.newFolder().toPath(), Set.of("2001"), Set.of("2500"));
    }

    /** Sends the originator's digits, then waits for the destination's answer (or the wait given). */
    private long sendAndWait(String digits, long waitMillis) {
        line.receive(digits);
        long lastDigit = time.now() + (long) digits.length() * AmisFrames.DIGIT_SPACING_MILLIS;
        time.runUntil(lastDigit + waitMillis);
        return lastDigit;
    }

    @Test
    public void answersTheExampleConversationFrameByFrameAfterTwoSecondsAndWithinEight() throws Exception {
        TestInbox inbox = inbox();
        CompletionStage<DestinationSession.Report> report = new DestinationSession(line, inbox, 480).run();
        int answered = 0;
        List<Step> steps = ExampleConversation.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (!s.originator()) {
                continue;
            }
            if (s.digits().equals("play")) {
                Files.writeString(inbox.folder.resolve("audio"), "the message");
                time.runFor(s.playSeconds() * 1000L);
                continue;
            }
            int before = line.sent.size();
            long lastDigit = sendAndWait(s.digits(), AmisFrames.ANSWER_LIMIT_MILLIS);
            assertEquals(s.meaning(), before + 1, line.sent.size());
            TestLine.Sent response = line.sent.get(before);
            assertEquals(s.meaning(), steps.get(i + 1).digits(), response.digits());
            long delay = response.at() - lastDigit;
            assertTrue("answered after " + delay + " ms", delay >= AmisFrames.ANSWER_DELAY_MILLIS
                    && delay <= AmisFrames.ANSWER_LIMIT_MILLIS);
            answered++;
        }
        assertEquals(5, answered);
        time.runFor(5_000);
        assertEquals(1, inbox.kept.size());
        assertEquals("2001", inbox.kept.get(0).mailbox());
        assertEquals("5551000", inbox.kept.get(0).remoteSystem());
        assertEquals("1001", inbox.kept.get(0).remoteMailbox());
        DestinationSession.Report r = report.toCompletableFuture().getNow(null);
        assertEquals(new DestinationSession.Report("5551000", 1, 1, "completed"), r);
        assertEquals(1, line.hangUps);
    }

    @Test
    public void aFrameCutShortForFiveSecondsIsAskedForAgain() throws Exception {
        new DestinationSession(line, inbox(), 480).run();
        sendAndWait("*11#5551000#18", AmisFrames.ANSWER_LIMIT_MILLIS);
        line.receive("*22001#10"); // the rest of the header is lost
        time.runFor(9 * AmisFrames.DIGIT_SPACING_MILLIS + AmisFrames.INTER_DIGIT_MILLIS - 100);
        assertEquals(List.of("*000"), line.frames());
        time.runFor(100 + AmisFrames.ANSWER_DELAY_MILLIS);
        assertEquals(List.of("*000", "*011"), line.frames());
        sendAndWait("*22001#1001#12#10", AmisFrames.ANSWER_LIMIT_MILLIS);
        assertEquals(List.of("*000", "*011", "*000"), line.frames());
    }

    @Test
    public void aWrongChecksumIsAskedForAgain() throws Exception {
        new DestinationSession(line, inbox(), 480).run();
        sendAndWait("*11#5551000#19", AmisFrames.ANSWER_LIMIT_MILLIS);
        assertEquals(List.of("*011"), line.frames());
    }

    @Test
    public void aFullMailboxAndATooLongMessageAreRefusedWithTheirResponses() throws Exception {
        new DestinationSession(line, inbox(), 300).run();
        sendAndWait("*11#5551000#18", AmisFrames.ANSWER_LIMIT_MILLIS);
        sendAndWait(AmisFrames.data(AmisFrames.DataType.MESSAGE_HEADER, "2500", "1001", "12"), AmisFrames.ANSWER_LIMIT_MILLIS);
        sendAndWait(AmisFrames.data(AmisFrames.DataType.MESSAGE_HEADER, "2001", "1001", "301"), AmisFrames.ANSWER_LIMIT_MILLIS);
        assertEquals(List.of("*000", "*112", "*123"), line.frames());
    }

    @Test
    public void aCallDroppedDuringTheMessageKeepsNothing() throws Exception {
        TestInbox inbox = inbox();
        CompletionStage<DestinationSession.Report> report = new DestinationSession(line, inbox, 480).run();
        sendAndWait("*11#5551000#18", AmisFrames.ANSWER_LIMIT_MILLIS);
        sendAndWait("*22001#1001#12#10", AmisFrames.ANSWER_LIMIT_MILLIS);
        time.runFor(4_000);
        line.drop();
        time.runFor(1_000);
        assertEquals(List.of(), inbox.kept);
        assertEquals(List.of("2001"), inbox.discarded);
        assertEquals("call ended by the originator", report.toCompletableFuture().getNow(null).outcome());
    }

    @Test
    public void aSilentCallerIsHungUpOn() throws Exception {
        CompletionStage<DestinationSession.Report> report = new DestinationSession(line, inbox(), 480).run();
        time.runFor(AmisFrames.IDLE_HANG_UP_MILLIS + 1);
        assertEquals(1, line.hangUps);
        assertTrue(report.toCompletableFuture().isDone());
    }
}
