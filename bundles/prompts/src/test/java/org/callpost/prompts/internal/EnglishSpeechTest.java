package org.callpost.prompts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import org.callpost.api.prompt.PromptId;
import org.junit.Test;

/** The word order, checked as prompt ids (written here as space-separated words). */
public class EnglishSpeechTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");
    /** Tuesday 24 November 2026, 10:30. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZONE);

    private static List<String> words(String spaced) {
        return Arrays.asList(spaced.split(" "));
    }

    @Test
    public void numbers() {
        Object[][] cases = {
            {0, "num-0"},
            {7, "num-7"},
            {13, "num-13"},
            {20, "num-20"},
            {21, "num-20 num-1"},
            {99, "num-90 num-9"},
            {100, "num-1 hundred"},
            {101, "num-1 hundred and num-1"},
            {110, "num-1 hundred and num-10"},
            {201, "num-2 hundred and num-1"},
            {999, "num-9 hundred and num-90 num-9"},
            {1000, "num-1 thousand"},
            {1001, "num-1 thousand and num-1"},
            {1100, "num-1 thousand num-1 hundred"},
            {1234, "num-1 thousand num-2 hundred and num-30 num-4"},
            {20_000, "num-20 thousand"},
            {100_000, "num-1 hundred thousand"},
            {999_999, "num-9 hundred and num-90 num-9 thousand num-9 hundred and num-90 num-9"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), EnglishSpeech.number((Integer) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> EnglishSpeech.number(-1));
        assertThrows(IllegalArgumentException.class, () -> EnglishSpeech.number(1_000_000));
    }

    @Test
    public void digitsOneByOne() {
        assertEquals(words("num-2 num-0 num-1"), EnglishSpeech.digits("201"));
        assertEquals(words("star num-3 num-8 pound"), EnglishSpeech.digits("*38#"));
        assertEquals(List.of(), EnglishSpeech.digits(""));
        assertThrows(IllegalArgumentException.class, () -> EnglishSpeech.digits("20a"));
    }

    @Test
    public void countsWithTheirNoun() {
        assertEquals(words("no new messages"),
                EnglishSpeech.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-1 new message"),
                EnglishSpeech.count(1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-3 new messages"),
                EnglishSpeech.count(3, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-20 num-1 messages"),
                EnglishSpeech.count(21, null, PromptId.MESSAGE, PromptId.MESSAGES));
        assertThrows(IllegalArgumentException.class,
                () -> EnglishSpeech.count(-1, null, PromptId.MESSAGE, PromptId.MESSAGES));
    }

    @Test
    public void timesOfDay() {
        Object[][] cases = {
            {LocalTime.MIDNIGHT, "midnight"},
            {LocalTime.NOON, "noon"},
            {LocalTime.of(0, 5), "num-12 oh num-5 am"},
            {LocalTime.of(0, 30), "num-12 num-30 am"},
            {LocalTime.of(1, 0), "num-1 am"},
            {LocalTime.of(9, 5), "num-9 oh num-5 am"},
            {LocalTime.of(11, 59, 59), "num-11 num-50 num-9 am"},
            {LocalTime.of(12, 1), "num-12 oh num-1 pm"},
            {LocalTime.of(15, 45), "num-3 num-40 num-5 pm"},
            {LocalTime.of(23, 10), "num-11 num-10 pm"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), EnglishSpeech.time((LocalTime) c[0]));
        }
    }

    @Test
    public void datesRelativeToNow() {
        assertEquals(words("today at num-3 num-40 num-5 pm"),
                EnglishSpeech.dateTime(NOW.withHour(15).withMinute(45), NOW));
        assertEquals(words("today at midnight"), EnglishSpeech.dateTime(NOW.with(LocalTime.MIDNIGHT), NOW));
        assertEquals(words("yesterday at noon"), EnglishSpeech.dateTime(NOW.minusDays(1).with(LocalTime.NOON), NOW));
        assertEquals(words("yesterday at num-11 num-50 num-9 pm"),
                EnglishSpeech.dateTime(NOW.minusDays(1).with(LocalTime.of(23, 59)), NOW));
        assertEquals(words("day-sunday month-november ord-22 at num-9 oh num-5 am"),
                EnglishSpeech.dateTime(NOW.minusDays(2).with(LocalTime.of(9, 5)), NOW));
        assertEquals(words("day-monday month-november ord-23 at num-3 num-40 num-5 pm"),
                EnglishSpeech.dateTime(NOW.minusDays(1).with(LocalTime.of(15, 45)), NOW.plusDays(1)));
        assertEquals(words("day-sunday month-november ord-1 at num-1 am"),
                EnglishSpeech.dateTime(ZonedDateTime.of(2026, 11, 1, 1, 0, 0, 0, ZONE), NOW));
        assertEquals(words("day-wednesday month-december ord-31 num-2 thousand and num-20 num-5 at num-6 num-15 pm"),
                EnglishSpeech.dateTime(ZonedDateTime.of(2025, 12, 31, 18, 15, 0, 0, ZONE), NOW));
        // spoken in now's zone: 23:30 UTC on the 23rd is 00:30 on the 24th in Zurich
        assertEquals(words("today at num-12 num-30 am"),
                EnglishSpeech.dateTime(ZonedDateTime.of(2026, 11, 23, 23, 30, 0, 0, ZoneId.of("UTC")), NOW));
    }

    @Test
    public void durations() {
        Object[][] cases = {
            {Duration.ZERO, "num-0 seconds"},
            {Duration.ofMillis(400), "num-0 seconds"},
            {Duration.ofMillis(600), "num-1 second"},
            {Duration.ofSeconds(1), "num-1 second"},
            {Duration.ofSeconds(45), "num-40 num-5 seconds"},
            {Duration.ofSeconds(60), "num-1 minute"},
            {Duration.ofSeconds(80), "num-1 minute num-20 seconds"},
            {Duration.ofSeconds(121), "num-2 minutes num-1 second"},
            {Duration.ofSeconds(3600 * 2 + 60), "num-2 hours num-1 minute"},
            {Duration.ofSeconds(3600 + 1), "num-1 hour num-1 second"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), EnglishSpeech.duration((Duration) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> EnglishSpeech.duration(Duration.ofSeconds(-1)));
    }
}
