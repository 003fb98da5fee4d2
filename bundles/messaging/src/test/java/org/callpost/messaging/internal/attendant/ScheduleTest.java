package org.callpost.messaging.internal.attendant;

import static org.callpost.messaging.internal.attendant.Configs.mode;
import static org.callpost.messaging.internal.attendant.Configs.route;
import static org.callpost.messaging.internal.attendant.Configs.schedule;
import static org.callpost.messaging.internal.attendant.RoutesTest.assertRefused;
import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.junit.Test;

/** Business hours, lunch, weekends, holidays and the administrator's override, read on a test clock. */
public class ScheduleTest {
    /** Mon-Fri 08:00-12:00 and 13:00-17:30, Sat mornings, Zurich time; Christmas every year and one date. */
    private static final Schedule OFFICE = schedule("office", "time.zone", "Europe/Zurich",
            "hours", new String[] {"mon-fri 08:00-12:00 13:00-17:30", "sat 09:00-12:00"},
            "holidays", "12-25, 2026-12-31", "open.mode", "day", "closed.mode", "night", "holiday.mode", "holiday");

    private static String at(String instant) {
        return OFFICE.modeAt(Instant.parse(instant));
    }

    @Test
    public void businessHoursGiveTheDayModeAndTheRestTheNightMode() {
        // Monday 7 December 2026; Zurich is UTC+1 in winter
        assertEquals("day", at("2026-12-07T07:00:00Z"));
        assertEquals("07:59 local", "night", at("2026-12-07T06:59:00Z"));
        assertEquals("lunch, 12:30 local", "night", at("2026-12-07T11:30:00Z"));
        assertEquals("day", at("2026-12-07T16:29:00Z"));
        assertEquals("17:30 local: closed", "night", at("2026-12-07T16:30:00Z"));
        assertEquals("Saturday morning", "day", at("2026-12-12T09:00:00Z"));
        assertEquals("Sunday", "night", at("2026-12-13T09:00:00Z"));
    }

    @Test
    public void holidaysAreClosedAllDay() {
        assertEquals("Friday 25 December, every year", "holiday", at("2026-12-25T09:00:00Z"));
        assertEquals("holiday", at("2027-12-25T09:00:00Z"));
        assertEquals("Thursday 31 December 2026", "holiday", at("2026-12-31T09:00:00Z"));
        assertEquals("not in 2027", "day", at("2027-12-31T09:00:00Z"));
    }

    @Test
    public void aRouteByScheduleFollowsTheClockAndTheOverrideUntilAuto() {
        Clock night = Clock.fixed(Instant.parse("2026-12-07T21:00:00Z"), ZoneOffset.UTC);
        Attendant a = Attendant.of(night, List.of(mode("day"), mode("night"), mode("holiday")),
                List.of(route("main", "schedule", "office")), List.of(OFFICE));
        CallInfo call = new CallInfo("0441234567", "", "5550100", Optional.empty(), ForwardReason.NONE, Optional.empty(),
                false, false, List.of());
        assertEquals("night", a.route("pbx", call, "c1").orElseThrow().mode().name());
        assertEquals("office", a.route("pbx", call, "c1").orElseThrow().schedule());

        a.override("office", Optional.of("day"));
        assertEquals("day", a.route("pbx", call, "c2").orElseThrow().mode().name());
        assertEquals(Optional.of("day"), a.schedules().get(0).override());
        a.override("office", Optional.empty());
        assertEquals("night", a.route("pbx", call, "c3").orElseThrow().mode().name());

        assertRefused("No answer mode 'dya' is configured (configured: day, holiday, night)",
                () -> a.override("office", Optional.of("dya")));
        assertRefused("No schedule 'ofice' is configured (configured: office)", () -> a.override("ofice", Optional.empty()));
    }

    @Test
    public void aWrongScheduleIsRefusedNamingTheSetting() {
        assertRefused("hours: '8-17' in 'mon-fri 8-17' is not a time range such as 08:00-12:00",
                () -> schedule("s", "hours", "mon-fri 8-17", "open.mode", "day", "closed.mode", "night"));
        assertRefused("hours: 'weekdays 08:00-17:00' must start with a day or days",
                () -> schedule("s", "hours", "weekdays 08:00-17:00", "open.mode", "day", "closed.mode", "night"));
        assertRefused("time.zone = Europe/Zurik is not a time zone",
                () -> schedule("s", "time.zone", "Europe/Zurik", "open.mode", "day", "closed.mode", "night"));
        assertRefused("holidays: '25.12.' is not a date",
                () -> schedule("s", "holidays", "25.12.", "open.mode", "day", "closed.mode", "night"));
        assertRefused("closed.mode = '': set a name", () -> schedule("s", "open.mode", "day"));
        assertRefused("administrators: 'boss' is not a mailbox number",
                () -> schedule("s", "administrators", "900, boss", "open.mode", "day", "closed.mode", "night"));
    }
}
