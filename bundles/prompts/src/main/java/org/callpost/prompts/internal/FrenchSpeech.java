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
 * French word order. Numbers below 100 are whole prompts ({@code num-71} "soixante et onze",
 * {@code num-91} "quatre-vingt-onze", {@code num-21} "vingt et un"): the tens of 70 to 99 are
 * built on 60 and 80, and espeak-ng speaks the whole word with the right liaison, where joined
 * pieces would not. The hundreds too ({@code num-200} "deux cent"); "mille" takes no "un".
 * Before a feminine noun a number ending in one takes its feminine prompt ({@code num-1-f}
 * "une", {@code num-21-f} "vingt et une"; not 71 and 91, which end in "onze"). "nouveau" stands before the noun, other qualifiers
 * after it and agree in number ({@code saved-plural} "sauvegardés").
 * <p>
 * Dates "lundi premier décembre à 14 heures 5", "aujourd'hui à ...", "hier à ...".
 */
final class FrenchSpeech implements Speech {

    static final FrenchSpeech INSTANCE = new FrenchSpeech();

    /** Suffix of a qualifier's plural form. */
    static final String PLURAL = "-plural";
    /** "Vous n'avez", before "aucun": the negation takes the verb. */
    static final String YOU_HAVE_NOT = "you-have-not";
    /**
     * "quatre-vingt" before "mille": 80 takes its s only at the end of a number ({@code num-80}
     * "quatre-vingts"), so does a multiplied hundred ({@code num-200-plural} "deux cents").
     */
    static final String INVARIABLE = "-invariable";
    /** Suffix of a number's feminine form (1, 21, 31, ... 91). */
    static final String FEMININE_FORM = "-f";

    /** Nouns of the flows that are feminine in French (message is masculine). */
    private static final Set<String> FEMININE = Set.of(PromptId.HOUR, PromptId.HOURS, PromptId.MINUTE,
            PromptId.MINUTES, PromptId.SECOND, PromptId.SECONDS);
    /** Qualifiers that stand before the noun: "un nouveau message". */
    private static final Set<String> BEFORE_NOUN = Set.of(PromptId.NEW);

    private FrenchSpeech() {
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
                belowThousand(thousands, ids, false); // "deux cent mille", "quatre-vingt mille"
            }
            ids.add("thousand");
        }
        if (rest > 0) {
            belowThousand(rest, ids, true);
        }
        return ids;
    }

    /** @param last whether nothing follows (no "mille"): "deux cents", "quatre-vingts" take their s */
    private static void belowThousand(int n, List<String> ids, boolean last) {
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds > 0) {
            ids.add(num(hundreds * 100) + (hundreds > 1 && rest == 0 && last ? PLURAL : ""));
        }
        if (rest > 0) {
            ids.add(num(rest) + (rest == 80 && !last ? INVARIABLE : ""));
        }
    }

    /** "Vous n'avez aucun ...", "Vous avez un ...". */
    @Override
    public List<String> youHave(int count) {
        return List.of(count == 0 ? YOU_HAVE_NOT : PromptId.YOU_HAVE);
    }

    /** A number before a noun of that gender: "une heure", "vingt et une minutes". */
    private List<String> number(int n, boolean feminine) {
        List<String> ids = number(n);
        int last = n % 100;
        // 11, 71 and 91 end in "onze", which has no feminine
        if (feminine && n % 1000 != 0 && last % 10 == 1 && last != 11 && last != 71 && last != 91) {
            ids.set(ids.size() - 1, num(last) + FEMININE_FORM);
        }
        return ids;
    }

    /** "aucun nouveau message", "un nouveau message", "trois messages sauvegardés". */
    @Override
    public List<String> count(int count, String qualifier, String singular, String plural) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
        List<String> ids = new ArrayList<>();
        // "aucun" takes the singular: "aucun nouveau message"
        boolean many = count > 1;
        if (count == 0) {
            ids.add(PromptId.NO);
        } else {
            ids.addAll(number(count, FEMININE.contains(singular)));
        }
        String agreed = qualifier == null ? null : many ? qualifier + PLURAL : qualifier;
        if (agreed != null && BEFORE_NOUN.contains(qualifier)) {
            ids.add(agreed);
        }
        ids.add(many ? plural : singular);
        if (agreed != null && !BEFORE_NOUN.contains(qualifier)) {
            ids.add(agreed);
        }
        return ids;
    }

    /** "14 heures 5", "une heure", "midi", "minuit 30"; the 24-hour clock. */
    @Override
    public List<String> time(LocalTime time) {
        int hour = time.getHour();
        int minute = time.getMinute();
        List<String> ids = new ArrayList<>();
        if (hour == 0) {
            ids.add(PromptId.MIDNIGHT);
        } else if (hour == 12) {
            ids.add(PromptId.NOON);
        } else {
            ids.addAll(count(hour, null, PromptId.HOUR, PromptId.HOURS));
        }
        if (minute > 0) {
            ids.add(num(minute));
        }
        return ids;
    }

    /** "aujourd'hui à ...", "hier à ...", "lundi vingt-trois novembre [2025] à ...". */
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
            // the first of the month is "premier", the other days are cardinal numbers
            if (day.getDayOfMonth() == 1) {
                ids.add("ord-1");
            } else {
                ids.addAll(number(day.getDayOfMonth()));
            }
            ids.add("month-" + day.getMonth().name().toLowerCase(Locale.ROOT));
            if (day.getYear() != today.getYear() && day.getYear() >= 0 && day.getYear() <= MAX_NUMBER) {
                ids.addAll(number(day.getYear()));
            }
        }
        ids.add(PromptId.AT);
        ids.addAll(time(local.toLocalTime()));
        return ids;
    }

    /** "une minute vingt secondes", "deux heures une minute", "zéro seconde". */
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
                // French counts zero in the singular: "zéro seconde"
                ids.add(num(0));
                ids.add(PromptId.SECOND);
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
