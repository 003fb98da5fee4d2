package org.callpost.amis.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When AMIS sessions may be placed, written like the answer-mode schedules:
 * {@code always}, or periods such as {@code mon-fri 00:00-07:00 18:00-24:00, sat-sun 00:00-24:00}
 * (the server's local time; a period ending 24:00 runs to midnight).
 */
final class SendingSchedule {
    private record Period(Set<DayOfWeek> days, int fromMinute, int toMinute) {
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final String text;
    private final List<Period> periods;

    private SendingSchedule(String text, List<Period> periods) {
        this.text = text;
        this.periods = periods;
    }

    /** @throws IllegalArgumentException saying what is wrong and how it is written */
    static SendingSchedule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("always")) {
            return new SendingSchedule("always", List.of());
        }
        List<Period> periods = new ArrayList<>();
        for (String part : t.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length < 2) {
                throw wrong(text, "'" + part.trim() + "' is not 'days hh:mm-hh:mm'");
            }
            Set<DayOfWeek> days = days(text, words[0]);
            for (int i = 1; i < words.length; i++) {
                String[] hours = words[i].split("-");
                if (hours.length != 2) {
                    throw wrong(text, "'" + words[i] + "' is not 'hh:mm-hh:mm'");
                }
                int from = minute(text, hours[0]);
                int to = minute(text, hours[1]);
                if (to <= from) {
                    throw wrong(text, "'" + words[i] + "' ends before it begins");
                }
                periods.add(new Period(days, from, to));
            }
        }
        return new SendingSchedule(text.trim(), List.copyOf(periods));
    }

    private static Set<DayOfWeek> days(String text, String word) {
        if (word.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        String[] range = word.split("-");
        int a = DAYS.indexOf(range[0]);
        int b = range.length == 2 ? DAYS.indexOf(range[1]) : a;
        if (range.length > 2 || a < 0 || b < 0) {
            throw wrong(text, "'" + word + "' is not a day (mon..sun), a range such as mon-fri, or daily");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = a; ; i = (i + 1) % 7) {
            days.add(DayOfWeek.of(i + 1));
            if (i == b) {
                return days;
            }
        }
    }

    private static int minute(String text, String hhmm) {
        if (hhmm.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime t = LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
            return t.getHour() * 60 + t.getMinute();
        } catch (RuntimeException e) {
            throw wrong(text, "'" + hhmm + "' is not a time hh:mm (00:00..24:00)");
        }
    }

    private static IllegalArgumentException wrong(String text, String why) {
        return new IllegalArgumentException("schedule '" + text + "': " + why
                + "; write always, or periods like 'mon-fri 18:00-24:00, sat-sun 00:00-24:00'");
    }

    /** Whether a session may be placed at {@code now}. */
    boolean open(ZonedDateTime now) {
        if (periods.isEmpty()) {
            return true;
        }
        int minute = now.getHour() * 60 + now.getMinute();
        for (Period p : periods) {
            if (p.days().contains(now.getDayOfWeek()) && minute >= p.fromMinute() && minute < p.toMinute()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
