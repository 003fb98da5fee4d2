package org.callpost.messaging.internal.attendant;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A schedule, read from {@link ScheduleConfig}: which answer mode answers at a given time. */
public record Schedule(String name, ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> dates,
        Set<MonthDay> everyYear, String openMode, String closedMode, String holidayMode, List<String> hoursText,
        List<String> holidaysText, List<String> administrators) {

    /** Open from {@code from} (inclusive) to {@code to} (exclusive) on one day. */
    public record Hours(LocalTime from, LocalTime to) {
        boolean contain(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** @throws IllegalArgumentException naming the setting that is wrong */
    public static Schedule of(ScheduleConfig c) {
        String name = Names.check("name", c.name());
        ZoneId zone;
        try {
            zone = c.time_zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(c.time_zone().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time.zone = " + c.time_zone() + " is not a time zone: e.g. Europe/Zurich, "
                    + "or empty for the server's");
        }
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        List<String> hoursText = Lists.of(c.hours());
        for (String entry : hoursText) {
            String[] words = entry.trim().toLowerCase(Locale.ROOT).split("\\s+");
            List<DayOfWeek> days = days(entry, words[0]);
            if (words.length < 2) {
                throw new IllegalArgumentException("hours: '" + entry + "' has no times: e.g. mon-fri 08:00-17:00");
            }
            for (int i = 1; i < words.length; i++) {
                Hours h = hours(entry, words[i]);
                for (DayOfWeek d : days) {
                    week.computeIfAbsent(d, k -> new ArrayList<>()).add(h);
                }
            }
        }
        Set<LocalDate> dates = new java.util.HashSet<>();
        Set<MonthDay> yearly = new java.util.HashSet<>();
        List<String> holidaysText = Lists.of(c.holidays());
        for (String h : holidaysText) {
            try {
                if (h.length() == 5) {
                    yearly.add(MonthDay.parse("--" + h));
                } else {
                    dates.add(LocalDate.parse(h));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("holidays: '" + h + "' is not a date: 2026-12-24, or 12-25 for every year");
            }
        }
        String open = Names.check("open.mode", c.open_mode());
        String closed = Names.check("closed.mode", c.closed_mode());
        String holiday = c.holiday_mode().isBlank() ? closed : Names.check("holiday.mode", c.holiday_mode());
        List<String> administrators = Lists.of(c.administrators());
        for (String a : administrators) {
            if (!a.matches("\\d{1,10}")) {
                throw new IllegalArgumentException("administrators: '" + a + "' is not a mailbox number");
            }
        }
        return new Schedule(name, zone, week, dates, yearly, open, closed, holiday, hoursText, holidaysText,
                List.copyOf(administrators));
    }

    private static List<DayOfWeek> days(String entry, String word) {
        String[] ends = word.split("-");
        int from = DAYS.indexOf(ends[0]);
        int to = ends.length == 2 ? DAYS.indexOf(ends[1]) : from;
        if (ends.length > 2 || from < 0 || to < 0 || to < from) {
            throw new IllegalArgumentException("hours: '" + entry + "' must start with a day or days: mon tue wed thu fri "
                    + "sat sun, or a range such as mon-fri");
        }
        List<DayOfWeek> out = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            out.add(DayOfWeek.of(d + 1));
        }
        return out;
    }

    private static Hours hours(String entry, String word) {
        String[] ends = word.split("-");
        try {
            if (ends.length == 2) {
                LocalTime from = LocalTime.parse(ends[0]);
                LocalTime to = ends[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(ends[1]);
                if (from.isBefore(to)) {
                    return new Hours(from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException("hours: '" + word + "' in '" + entry + "' is not a time range such as "
                + "08:00-12:00 (from before to, 24:00 for midnight)");
    }

    /** The mode answering at {@code now} by the hours and holidays (an override is the attendant's). */
    public String modeAt(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        if (dates.contains(t.toLocalDate()) || everyYear.contains(MonthDay.from(t))) {
            return holidayMode;
        }
        for (Hours h : week.getOrDefault(t.getDayOfWeek(), List.of())) {
            if (h.contain(t.toLocalTime())) {
                return openMode;
            }
        }
        return closedMode;
    }
}
