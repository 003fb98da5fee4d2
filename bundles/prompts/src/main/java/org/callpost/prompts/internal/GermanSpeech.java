package org.callpost.prompts.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.callpost.api.prompt.PromptId;

/**
 * German word order. Numbers below 100 are whole prompts ({@code num-21} "einundzwanzig"):
 * German says the unit before the ten in one word, and espeak-ng joins "ein", "und", "zwanzig"
 * cut from three recordings with audible gaps, while it speaks the whole word naturally. So do the
 * hundreds ({@code num-400} "vierhundert"). {@code num-1} is "eins"; {@code ein} stands before
 * "tausend" and "Uhr"; {@code count-1-f} "eine" before a feminine noun.
 * <p>
 * "422" → num-400 num-22; "2021" → num-2 thousand num-21; dates "Montag, den dreiundzwanzigsten
 * November um 14 Uhr 5" (a year of another century in hundreds: "neunzehnhundert neunundneunzig");
 * "heute um ...", "gestern um ...".
 */
final class GermanSpeech implements Speech {

    static final GermanSpeech INSTANCE = new GermanSpeech();

    /** "ein" before "tausend" and "Uhr" (num-1 is "eins"). */
    static final String EIN = "ein";
    /** "eine" before a feminine noun (Nachricht, Stunde, Minute, Sekunde). */
    static final String EINE = "count-1-f";
    /** "Uhr", after the hour of a time of day. */
    static final String O_CLOCK = "o-clock";
    /** The qualifier after "keine" takes the weak ending: "keine neuen Nachrichten". */
    static final String AFTER_NO = "-after-no";

    /** Nouns of the flows that are feminine in German; the others take "ein". */
    private static final Set<String> FEMININE = Set.of(PromptId.MESSAGE, PromptId.MESSAGES, PromptId.HOUR,
            PromptId.HOURS, PromptId.MINUTE, PromptId.MINUTES, PromptId.SECOND, PromptId.SECONDS);

    private GermanSpeech() {
    }

    @Override
    public List<String> number(int n) {
        Speech.checkRange(n);
        List<String> ids = new ArrayList<>();
        if (n == 0) {
            ids.add(num(0));
            return ids;
        }
        int thousands = n / 1000;
        int rest = n % 1000;
        if (thousands > 0) {
            if (thousands > 1) {
                // "einundzwanzigtausend", "hunderteintausend": a trailing 1 is "ein"
                belowThousand(thousands, ids);
                if (thousands % 100 == 1) {
                    ids.set(ids.size() - 1, EIN);
                }
            }
            ids.add("thousand");
        }
        if (rest > 0) {
            belowThousand(rest, ids);
        }
        return ids;
    }

    private static void belowThousand(int n, List<String> ids) {
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds > 0) {
            ids.add(num(hundreds * 100));
        }
        if (rest > 0) {
            ids.add(num(rest));
        }
    }

    /** "keine neuen Nachrichten", "eine neue Nachricht", "drei neue Nachrichten". */
    @Override
    public List<String> count(int count, String qualifier, String singular, String plural) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
        List<String> ids = new ArrayList<>();
        if (count == 0) {
            ids.add(PromptId.NO);
        } else if (count == 1) {
            ids.add(FEMININE.contains(singular) ? EINE : EIN);
        } else {
            ids.addAll(number(count));
        }
        if (qualifier != null) {
            ids.add(count == 0 ? qualifier + AFTER_NO : qualifier);
        }
        ids.add(count == 1 ? singular : plural);
        return ids;
    }

    /** "14 Uhr 5", "ein Uhr", "Mitternacht"; the 24-hour clock. */
    @Override
    public List<String> time(LocalTime time) {
        int hour = time.getHour();
        int minute = time.getMinute();
        List<String> ids = new ArrayList<>();
        if (hour == 0 && minute == 0) {
            ids.add(PromptId.MIDNIGHT);
            return ids;
        }
        ids.add(hour == 1 ? EIN : num(hour));
        ids.add(O_CLOCK);
        if (minute > 0) {
            ids.add(num(minute));
        }
        return ids;
    }

    /** "heute um ...", "gestern um ...", "Montag, den dreiundzwanzigsten November [2025] um ...". */
    @Override
    public List<String> dateTime(ZonedDateTime when, ZonedDateTime now) {
        ZonedDateTime local = when.withZoneSameInstant(now.getZone());
        LocalDate day = local.toLocalDate();
        LocalDate today = now.toLocalDate();
        List<String> ids = new ArrayList<>();
        if (day.equals(today)) {
            ids.add(PromptId.TODAY);
        } else if (day.equals(today.minusDays(1))) {
            ids.add(PromptId.YESTERDAY);
        } else {
            ids.add("day-" + day.getDayOfWeek().name().toLowerCase(Locale.ROOT));
            ids.add("ord-" + day.getDayOfMonth());
            ids.add("month-" + day.getMonth().name().toLowerCase(Locale.ROOT));
            if (day.getYear() != today.getYear() && day.getYear() >= 0 && day.getYear() <= MAX_NUMBER) {
                ids.addAll(year(day.getYear()));
            }
        }
        ids.add(PromptId.AT);
        ids.addAll(time(local.toLocalTime()));
        return ids;
    }

    /**
     * A year: 1100 to 1999 in hundreds, "neunzehnhundert neunundneunzig"; the others as numbers,
     * "zweitausend einundzwanzig", "tausend sechsundsechzig".
     */
    List<String> year(int year) {
        if (year < 1100 || year > 1999) {
            return number(year);
        }
        List<String> ids = new ArrayList<>();
        ids.add(num(year / 100));
        ids.add(num(100));
        if (year % 100 > 0) {
            ids.add(num(year % 100));
        }
        return ids;
    }

    /** "eine Minute zwanzig Sekunden", "zwei Stunden eine Minute", "null Sekunden". */
    @Override
    public List<String> duration(Duration duration) {
        long total = Speech.seconds(duration);
        long hours = total / 3600;
        int minutes = (int) (total % 3600 / 60);
        int seconds = (int) (total % 60);
        List<String> ids = new ArrayList<>();
        if (hours > 0) {
            ids.addAll(count((int) Math.min(hours, MAX_NUMBER), null, PromptId.HOUR, PromptId.HOURS));
        }
        if (minutes > 0) {
            ids.addAll(count(minutes, null, PromptId.MINUTE, PromptId.MINUTES));
        }
        if (seconds > 0 || total == 0) {
            if (seconds == 0) {
                ids.add(num(0));
                ids.add(PromptId.SECONDS);
            } else {
                ids.addAll(count(seconds, null, PromptId.SECOND, PromptId.SECONDS));
            }
        }
        return ids;
    }

    private static String num(int n) {
        return "num-" + n;
    }
}
