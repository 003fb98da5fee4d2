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

/** German word order, checked as prompt ids (written here as space-separated words). */
public class GermanSpeechTest {

    private static final Speech DE = GermanSpeech.INSTANCE;
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
            {1, "num-1"},
            {16, "num-16"},
            {17, "num-17"},
            {21, "num-21"},
            {70, "num-70"},
            {71, "num-71"},
            {80, "num-80"},
            {81, "num-81"},
            {91, "num-91"},
            {99, "num-99"},
            {100, "num-100"},
            {101, "num-100 num-1"},
            {200, "num-200"},
            {422, "num-400 num-22"},
            {1000, "thousand"},
            {1001, "thousand num-1"},
            {2021, "num-2 thousand num-21"},
            {21_000, "num-21 thousand"},
            {101_000, "num-100 ein thousand"},
            {999_999, "num-900 num-99 thousand num-900 num-99"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), DE.number((Integer) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> DE.number(-1));
        assertThrows(IllegalArgumentException.class, () -> DE.number(1_000_000));
    }

    @Test
    public void countsAgreeWithTheNoun() {
        assertEquals(words("no new-after-no messages"), DE.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("count-1-f new message"), DE.count(1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-3 saved messages"), DE.count(3, PromptId.SAVED, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-21 messages"), DE.count(21, null, PromptId.MESSAGE, PromptId.MESSAGES));
        // a noun that is not feminine takes "ein"
        assertEquals(words("ein extension"), DE.count(1, null, "extension", "extensions"));
    }

    @Test
    public void timesOnThe24HourClock() {
        Object[][] cases = {
            {LocalTime.MIDNIGHT, "midnight"},
            {LocalTime.of(0, 5), "num-0 o-clock num-5"},
            {LocalTime.of(1, 0), "ein o-clock"},
            {LocalTime.of(9, 1), "num-9 o-clock num-1"},
            {LocalTime.NOON, "num-12 o-clock"},
            {LocalTime.of(14, 5), "num-14 o-clock num-5"},
            {LocalTime.of(23, 59), "num-23 o-clock num-59"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), DE.time((LocalTime) c[0]));
        }
    }

    @Test
    public void datesAcrossAYear() {
        assertEquals(words("today at num-14 o-clock num-5"), DE.dateTime(NOW.with(LocalTime.of(14, 5)), NOW));
        assertEquals(words("yesterday at num-23 o-clock num-59"), DE.dateTime(NOW.minusDays(1).with(LocalTime.of(23, 59)), NOW));
        assertEquals(words("day-sunday ord-22 month-november at num-9 o-clock num-5"),
                DE.dateTime(NOW.minusDays(2).with(LocalTime.of(9, 5)), NOW));
        assertEquals(words("day-thursday ord-1 month-january at num-8 o-clock"),
                DE.dateTime(ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZONE), NOW));
        assertEquals(words("day-saturday ord-28 month-february at num-10 o-clock num-30"),
                DE.dateTime(ZonedDateTime.of(2026, 2, 28, 10, 30, 0, 0, ZONE), NOW));
        assertEquals(words("day-tuesday ord-16 month-june at num-13 o-clock num-1"),
                DE.dateTime(ZonedDateTime.of(2026, 6, 16, 13, 1, 0, 0, ZONE), NOW));
        assertEquals(words("day-wednesday ord-31 month-december num-2 thousand num-25 at num-18 o-clock num-15"),
                DE.dateTime(ZonedDateTime.of(2025, 12, 31, 18, 15, 0, 0, ZONE), NOW));
    }

    @Test
    public void durations() {
        Object[][] cases = {
            {Duration.ZERO, "num-0 seconds"},
            {Duration.ofSeconds(1), "count-1-f second"},
            {Duration.ofSeconds(45), "num-45 seconds"},
            {Duration.ofSeconds(60), "count-1-f minute"},
            {Duration.ofSeconds(80), "count-1-f minute num-20 seconds"},
            {Duration.ofSeconds(3600 * 2 + 60), "num-2 hours count-1-f minute"},
            {Duration.ofSeconds(3600 + 21 * 60 + 1), "count-1-f hour num-21 minutes count-1-f second"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), DE.duration((Duration) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> DE.duration(Duration.ofSeconds(-1)));
    }
}
