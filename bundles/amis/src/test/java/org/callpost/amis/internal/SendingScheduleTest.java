package org.callpost.amis.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.Test;

public class SendingScheduleTest {
    private static ZonedDateTime at(int day, int hour, int minute) {
        // 2026-12-07 is a Monday
        return ZonedDateTime.of(2026, 12, 6 + day, hour, minute, 0, 0, ZoneOffset.UTC);
    }

    @Test
    public void nightsOnWorkdaysAndAllWeekend() {
        SendingSchedule s = SendingSchedule.parse("mon-fri 18:00-24:00, sat-sun 00:00-24:00");
        assertFalse(s.open(at(1, 17, 59)));
        assertTrue(s.open(at(1, 18, 0)));
        assertTrue(s.open(at(5, 23, 59)));
        assertTrue(s.open(at(6, 9, 0)));
        assertTrue(s.open(at(7, 12, 0)));
        assertFalse(s.open(at(2, 12, 0)));
    }

    @Test
    public void severalHoursForTheSameDays() {
        SendingSchedule s = SendingSchedule.parse("mon-fri 00:00-07:00 18:00-24:00");
        assertTrue(s.open(at(2, 6, 59)));
        assertFalse(s.open(at(2, 7, 0)));
        assertTrue(s.open(at(2, 18, 30)));
    }

    @Test
    public void alwaysIsAlwaysOpen() {
        assertTrue(SendingSchedule.parse("always").open(at(3, 3, 3)));
        assertTrue(SendingSchedule.parse("").open(at(3, 3, 3)));
    }

    @Test
    public void aWrappingDayRangeAndDaily() {
        assertTrue(SendingSchedule.parse("fri-mon 01:00-02:00").open(at(1, 1, 30)));
        assertFalse(SendingSchedule.parse("fri-mon 01:00-02:00").open(at(3, 1, 30)));
        assertTrue(SendingSchedule.parse("daily 8:00-9:00").open(at(3, 8, 30)));
    }

    @Test
    public void aWrongScheduleSaysHowItIsWritten() {
        for (String wrong : new String[] {"weekdays 18:00-24:00", "mon-fri 18-24", "mon 20:00-19:00", "mon"}) {
            try {
                SendingSchedule.parse(wrong);
                throw new AssertionError(wrong + " accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("mon-fri 18:00-24:00"));
            }
        }
    }
}
