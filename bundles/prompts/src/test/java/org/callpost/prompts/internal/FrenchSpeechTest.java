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

/** French word order, checked as prompt ids (written here as space-separated words). */
public class FrenchSpeechTest {

    private static final Speech FR = FrenchSpeech.INSTANCE;
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
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
            {200, "num-200-plural"},
            {201, "num-200 num-1"},
            {200_000, "num-200 thousand"},
            {80_080, "num-80-invariable thousand num-80"},
            {422, "num-400 num-22"},
            {1000, "thousand"},
            {1001, "thousand num-1"},
            {2021, "num-2 thousand num-21"},
            {21_000, "num-21 thousand"},
            {999_999, "num-900 num-99 thousand num-900 num-99"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), FR.number((Integer) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> FR.number(-1));
        assertThrows(IllegalArgumentException.class, () -> FR.number(1_000_000));
    }

    @Test
    public void countsAgreeWithTheNoun() {
        assertEquals(words("no new message"), FR.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-1 new message"), FR.count(1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-3 new-plural messages"), FR.count(3, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-3 messages saved-plural"), FR.count(3, PromptId.SAVED, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-1 message urgent"), FR.count(1, PromptId.URGENT, PromptId.MESSAGE, PromptId.MESSAGES));
        assertEquals(words("num-21 messages"), FR.count(21, null, PromptId.MESSAGE, PromptId.MESSAGES));
        // feminine nouns: "une minute", "vingt et une minutes", but "onze minutes"
        assertEquals(words("num-1-f minute"), FR.count(1, null, PromptId.MINUTE, PromptId.MINUTES));
        assertEquals(words("num-21-f minutes"), FR.count(21, null, PromptId.MINUTE, PromptId.MINUTES));
        assertEquals(words("num-11 minutes"), FR.count(11, null, PromptId.MINUTE, PromptId.MINUTES));
        assertEquals(words("num-71 minutes"), FR.count(71, null, PromptId.MINUTE, PromptId.MINUTES));
        assertEquals(words("num-91 minutes"), FR.count(91, null, PromptId.MINUTE, PromptId.MINUTES));
        assertEquals(words("num-100 num-81-f hours"), FR.count(181, null, PromptId.HOUR, PromptId.HOURS));
    }

    @Test
    public void timesOnThe24HourClock() {
        Object[][] cases = {
            {LocalTime.MIDNIGHT, "midnight"},
            {LocalTime.of(0, 30), "midnight num-30"},
            {LocalTime.of(1, 0), "num-1-f hour"},
            {LocalTime.of(9, 1), "num-9 hours num-1"},
            {LocalTime.NOON, "noon"},
            {LocalTime.of(14, 5), "num-14 hours num-5"},
            {LocalTime.of(21, 15), "num-21-f hours num-15"},
            {LocalTime.of(23, 59), "num-23 hours num-59"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), FR.time((LocalTime) c[0]));
        }
    }

    @Test
    public void datesAcrossAYear() {
        assertEquals(words("today at num-14 hours num-5"), FR.dateTime(NOW.with(LocalTime.of(14, 5)), NOW));
        assertEquals(words("yesterday at num-23 hours num-59"), FR.dateTime(NOW.minusDays(1).with(LocalTime.of(23, 59)), NOW));
        assertEquals(words("day-sunday num-22 month-november at num-9 hours num-5"),
                FR.dateTime(NOW.minusDays(2).with(LocalTime.of(9, 5)), NOW));
        assertEquals(words("day-thursday ord-1 month-january at num-8 hours"),
                FR.dateTime(ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZONE), NOW));
        assertEquals(words("day-saturday num-28 month-february at num-10 hours num-30"),
                FR.dateTime(ZonedDateTime.of(2026, 2, 28, 10, 30, 0, 0, ZONE), NOW));
        assertEquals(words("day-tuesday num-16 month-june at num-13 hours num-1"),
                FR.dateTime(ZonedDateTime.of(2026, 6, 16, 13, 1, 0, 0, ZONE), NOW));
        assertEquals(words("day-wednesday num-31 month-december num-2 thousand num-25 at num-18 hours num-15"),
                FR.dateTime(ZonedDateTime.of(2025, 12, 31, 18, 15, 0, 0, ZONE), NOW));
    }

    @Test
    public void durations() {
        Object[][] cases = {
            {Duration.ZERO, "num-0 second"},
            {Duration.ofSeconds(1), "num-1-f second"},
            {Duration.ofSeconds(45), "num-45 seconds"},
            {Duration.ofSeconds(80), "num-1-f minute num-20 seconds"},
            {Duration.ofSeconds(3600 * 2 + 60), "num-2 hours num-1-f minute"},
            {Duration.ofSeconds(3600 + 31 * 60 + 41), "num-1-f hour num-31-f minutes num-41-f seconds"},
        };
        for (Object[] c : cases) {
            assertEquals("saying " + c[0], words((String) c[1]), FR.duration((Duration) c[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> FR.duration(Duration.ofSeconds(-1)));
    }
}
