package org.callpost.amis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.callpost.amis.internal.AmisFrames.Bad;
import org.callpost.amis.internal.AmisFrames.Complete;
import org.callpost.amis.internal.AmisFrames.DataFrame;
import org.callpost.amis.internal.AmisFrames.DataReader;
import org.callpost.amis.internal.AmisFrames.DataType;
import org.callpost.amis.internal.AmisFrames.Read;
import org.callpost.amis.internal.AmisFrames.Response;
import org.callpost.amis.internal.AmisFrames.ResponseReader;
import org.junit.Test;

public class AmisFramesTest {
    private static Read feed(DataReader r, String digits) {
        Read last = null;
        for (char c : digits.toCharArray()) {
            last = r.digit(c);
        }
        return last;
    }

    private static Read feed(ResponseReader r, String digits) {
        Read last = null;
        for (char c : digits.toCharArray()) {
            last = r.digit(c);
        }
        return last;
    }

    @Test
    public void theExampleConversationsFramesAreWhatCallpostEncodes() throws Exception {
        assertEquals(List.of("*11#5551000#18", "*22001#1001#12#10", "*312#06", "*22999#1001#7#40", "*40#04"),
                ExampleConversation.framesOf(true));
        assertEquals("*11#5551000#18", AmisFrames.data(DataType.START_SESSION, "1", "5551000"));
        assertEquals("*22001#1001#12#10", AmisFrames.data(DataType.MESSAGE_HEADER, "2001", "1001", "12"));
        assertEquals("*312#06", AmisFrames.data(DataType.END_OF_MESSAGE, "12"));
        assertEquals("*22999#1001#7#40", AmisFrames.data(DataType.MESSAGE_HEADER, "2999", "1001", "7"));
        assertEquals("*40#04", AmisFrames.data(DataType.END_SESSION, AmisFrames.END_NORMAL));
        assertEquals("*000", AmisFrames.response(Response.OK));
        assertEquals("*101", AmisFrames.response(Response.MAILBOX_UNKNOWN));
    }

    @Test
    public void everyDataFrameOfTheExampleReadsBackWithItsFields() throws Exception {
        DataReader r = new DataReader();
        Read header = feed(r, "*22001#1001#12#10");
        DataFrame f = (DataFrame) ((Complete<?>) header).frame();
        assertEquals(DataType.MESSAGE_HEADER, f.type());
        assertEquals(List.of("2001", "1001", "12"), f.fields());
        for (String frame : ExampleConversation.framesOf(true)) {
            assertTrue(frame, feed(r, frame) instanceof Complete<?>);
        }
    }

    @Test
    public void everyResponseFrameOfTheExampleReadsBack() throws Exception {
        ResponseReader r = new ResponseReader();
        List<Response> read = ExampleConversation.framesOf(false).stream()
                .map(d -> (Response) ((Complete<?>) feed(r, d)).frame()).toList();
        assertEquals(List.of(Response.OK, Response.OK, Response.OK, Response.MAILBOX_UNKNOWN, Response.OK), read);
    }

    @Test
    public void aWrongTwoDigitChecksumIsABadFrame() {
        Read r = feed(new DataReader(), "*22001#1001#12#11");
        assertTrue(r instanceof Bad);
        assertTrue(((Bad) r).why(), ((Bad) r).why().contains("expected 10"));
    }

    @Test
    public void theChecksumIsTheDigitSumModHundred() {
        // 9 x 20 digits: a sum over 100 wraps
        String mailbox = "99999999999999999999";
        String frame = AmisFrames.data(DataType.MESSAGE_HEADER, mailbox, mailbox, "480");
        int sum = 2 + 180 + 180 + 12;
        assertEquals(String.format("%02d", sum % 100), frame.substring(frame.length() - 2));
        assertTrue(feed(new DataReader(), frame) instanceof Complete<?>);
    }

    @Test
    public void aWrongOneDigitChecksumIsABadResponse() {
        assertTrue(feed(new ResponseReader(), "*102") instanceof Bad);
        assertTrue(feed(new ResponseReader(), "*990") instanceof Bad); // checksum right, code unknown
    }

    @Test
    public void aStarStartsTheFrameAgainSoATruncatedFrameIsDropped() {
        DataReader r = new DataReader();
        feed(r, "*22001#10"); // digits lost, the originator sends the frame again
        Read again = feed(r, "*22001#1001#12#10");
        assertTrue(again instanceof Complete<?>);
    }

    @Test
    public void digitsBetweenFramesAreNoise() {
        DataReader r = new DataReader();
        assertTrue(feed(r, "123#") instanceof AmisFrames.Incomplete);
        assertTrue(!r.inFrame());
        assertTrue(feed(r, "*40#04") instanceof Complete<?>);
    }

    @Test
    public void anUnknownFrameTypeIsBad() {
        assertTrue(feed(new DataReader(), "*9") instanceof Bad);
    }

    @Test(expected = IllegalArgumentException.class)
    public void aFieldIsDigitsOnly() {
        AmisFrames.data(DataType.END_OF_MESSAGE, "1#");
    }
}
