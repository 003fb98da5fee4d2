package org.callpost.prompts.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.callpost.api.prompt.PromptId;

/**
 * English word order for the sequences the {@code Prompts} service says, as prompt ids (the
 * files come later, per language with fallback). Stateless and pure, so it is tested by its ids.
 */
final class EnglishSpeech {

    static final int MAX_NUMBER = Speech.MAX_NUMBER;
    static final Speech INSTANCE = new Speech() {
        @Override
        public List<String> number(int n) {
            return EnglishSpeech.number(n);
        }

        @Override
        public List<String> count(int count, String qualifier, String singular, String plural) {
            return EnglishSpeech.count(count, qualifier, singular, plural);
        }

        @Override
        public List<String> time(LocalTime time) {
            return EnglishSpeech.time(time);
        }

        @Override
        public List<String> dateTime(ZonedDateTime when, ZonedDateTime now) {
            return EnglishSpeech.dateTime(when, now);
        }

        @Override
        public List<String> duration(Duration duration) {
            return EnglishSpeech.duration(duration);
        }
    };

    private EnglishSpeech() {
    }

    /** "two hundred and one", "one thousand and one", "nine hundred and ninety nine thousand ...". */
    static List<String> number(int n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("can only say numbers 0.." + MAX_NUMBER + ": " + n);
        }
        List<String> ids = new ArrayList<>();
        if (n == 0) {
            ids.add(num(0));
            return ids;
        }
        int thousands = n / 1000;
        int rest = n % 1000;
        if (thousands > 0) {
            belowThousand(thousands, ids);
            ids.add("thousand");
            if (rest > 0 && rest < 100) {
                ids.add(PromptId.AND);
            }
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
            ids.add(num(hundreds));
            ids.add("hundred");
            if (rest > 0) {
                ids.add(PromptId.AND);
            }
        }
        if (rest >= 20) {
            ids.add(num(rest / 10 * 10));
            if (rest % 10 > 0) {
                ids.add(num(rest % 10));
            }
        } else if (rest > 0) {
            ids.add(num(rest));
        }
    }

    /** "two zero one"; star and pound for * and #. */
    static List<String> digits(String digits) {
        List<String> ids = new ArrayList<>(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c >= '0' && c <= '9') {
                ids.add(num(c - '0'));
            } else if (c == '*') {
                ids.add(PromptId.STAR);
            } else if (c == '#') {
                ids.add(PromptId.POUND);
            } else {
                throw new IllegalArgumentException("not a key: '" + c + "' in \"" + digits + '"');
            }
        }
        return ids;
    }

    /** "no new messages", "one new message", "three new messages"; qualifier may be null. */
    static List<String> count(int count, String qualifier, String singular, String plural) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
        List<String> ids = new ArrayList<>();
        if (count == 0) {
            ids.add(PromptId.NO);
        } else {
            ids.addAll(number(count));
        }
        if (qualifier != null) {
            ids.add(qualifier);
        }
        ids.add(count == 1 ? singular : plural);
        return ids;
    }

    /** "3 45 PM", "9 oh 5 AM", "12 30 PM", "noon", "midnight". */
    static List<String> time(LocalTime time) {
        int hour = time.getHour();
        int minute = time.getMinute();
        List<String> ids = new ArrayList<>();
        if (minute == 0 && hour == 0) {
            ids.add(PromptId.MIDNIGHT);
            return ids;
        }
        if (minute == 0 && hour == 12) {
            ids.add(PromptId.NOON);
            return ids;
        }
        ids.addAll(number(hour % 12 == 0 ? 12 : hour % 12));
        if (minute > 0 && minute < 10) {
            ids.add(PromptId.OH);
            ids.add(num(minute));
        } else if (minute >= 10) {
            ids.addAll(number(minute));
        }
        ids.add(hour < 12 ? PromptId.AM : PromptId.PM);
        return ids;
    }

    /**
     * "today at ...", "yesterday at ...", else "Monday November 23rd at ...", with the year when it
     * is not {@code now}'s.
     */
    static List<String> dateTime(ZonedDateTime when, ZonedDateTime now) {
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
            ids.add("month-" + day.getMonth().name().toLowerCase(Locale.ROOT));
            ids.add("ord-" + day.getDayOfMonth());
            if (day.getYear() != today.getYear() && day.getYear() >= 0 && day.getYear() <= MAX_NUMBER) {
                ids.addAll(number(day.getYear()));
            }
        }
        ids.add(PromptId.AT);
        ids.addAll(time(local.toLocalTime()));
        return ids;
    }

    /** "1 minute 20 seconds", "2 hours 1 minute", "0 seconds", to the nearest second. */
    static List<String> duration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        long total = duration.plusMillis(500).getSeconds();
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
            ids.addAll(number(seconds));
            ids.add(seconds == 1 ? PromptId.SECOND : PromptId.SECONDS);
        }
        return ids;
    }

    private static String num(int n) {
        return "num-" + n;
    }
}
