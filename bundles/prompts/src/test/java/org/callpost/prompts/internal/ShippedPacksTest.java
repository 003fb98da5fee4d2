package org.callpost.prompts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.callpost.api.prompt.PromptId;
import org.junit.Test;

/**
 * The lint over every shipped pack (on the test class path): each prompt id the flows use and
 * each word its language's grammar can say (every number 0..999,999, counts, every minute of the
 * day, every day of a year, durations up to two hours) is in the pack's manifest and has its WAV.
 * Then what the grammar says, rendered with the manifest's words, against written expectations.
 */
public class ShippedPacksTest {

    private static final List<String> SHIPPED = List.of("en", "de", "fr");
    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZONE);

    private static Map<String, String> manifest(String language) {
        String name = "/prompts/" + language + "/manifest.properties";
        Properties properties = new Properties();
        try (InputStream in = ShippedPacksTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no " + name + " on the test class path");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(id -> out.put(id, properties.getProperty(id).trim()));
        return out;
    }

    private static Set<String> flowIds() throws IllegalAccessException {
        Set<String> ids = new TreeSet<>();
        for (Field field : PromptId.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                ids.add((String) field.get(null));
            }
        }
        return ids;
    }

    /** Every id the grammar can produce over the ranges the flows use. */
    private static Set<String> grammarIds(Speech speech) {
        Set<String> ids = new TreeSet<>();
        for (int n = 0; n <= Speech.MAX_NUMBER; n++) {
            ids.addAll(speech.number(n));
        }
        ids.addAll(speech.digits("0123456789*#"));
        List<String> qualifiers = new ArrayList<>(List.of(PromptId.NEW, PromptId.SAVED, PromptId.URGENT));
        qualifiers.add(null);
        for (int n = 0; n <= 1000; n++) {
            for (String qualifier : qualifiers) {
                ids.addAll(speech.count(n, qualifier, PromptId.MESSAGE, PromptId.MESSAGES));
            }
        }
        ids.addAll(speech.youHave(0));
        ids.addAll(speech.youHave(2));
        for (int minute = 0; minute < 24 * 60; minute++) {
            ids.addAll(speech.time(LocalTime.of(minute / 60, minute % 60)));
        }
        for (LocalDate day = LocalDate.of(2025, 11, 1); day.isBefore(LocalDate.of(2026, 11, 25)); day = day.plusDays(1)) {
            ids.addAll(speech.dateTime(day.atTime(9, 41).atZone(ZONE), NOW));
        }
        for (int seconds = 0; seconds <= 2 * 3600 + 60; seconds++) {
            ids.addAll(speech.duration(Duration.ofSeconds(seconds)));
        }
        return ids;
    }

    @Test
    public void everyPromptTheFlowsAndTheGrammarUseIsInEveryShippedPackWithItsWav() throws Exception {
        Set<String> flows = flowIds();
        assertTrue(flows.size() > 50);
        List<String> problems = new ArrayList<>();
        for (String language : SHIPPED) {
            Map<String, String> manifest = manifest(language);
            Set<String> wanted = new TreeSet<>(flows);
            wanted.addAll(grammarIds(Speech.forLanguage(language)));
            for (String id : wanted) {
                if (!manifest.containsKey(id)) {
                    problems.add(language + ": '" + id + "' is not in the manifest");
                } else if (ShippedPacksTest.class.getResource("/prompts/" + language + "/" + id + ".wav") == null) {
                    problems.add(language + ": '" + id + "' has no WAV");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static String render(String language, List<String> ids) {
        Map<String, String> manifest = manifest(language);
        return ids.stream().map(id -> manifest.getOrDefault(id, "<" + id + ">")).collect(Collectors.joining(" "));
    }

    private static final int[] NUMBERS = {0, 1, 16, 17, 21, 70, 71, 80, 81, 91, 99, 100, 101, 200, 422, 1000, 1001,
        2021, 999_999};

    @Test
    public void germanNumbersInWords() {
        String[] expected = {"null", "eins", "sechzehn", "siebzehn", "einundzwanzig", "siebzig", "einundsiebzig",
            "achtzig", "einundachtzig", "einundneunzig", "neunundneunzig", "hundert", "hundert eins", "zweihundert",
            "vierhundert zweiundzwanzig", "tausend", "tausend eins", "zwei tausend einundzwanzig",
            "neunhundert neunundneunzig tausend neunhundert neunundneunzig"};
        for (int i = 0; i < NUMBERS.length; i++) {
            assertEquals("saying " + NUMBERS[i], expected[i], render("de", GermanSpeech.INSTANCE.number(NUMBERS[i])));
        }
        assertEquals("hundert ein tausend", render("de", GermanSpeech.INSTANCE.number(101_000)));
    }

    @Test
    public void frenchNumbersInWords() {
        String[] expected = {"zéro", "un", "seize", "dix-sept", "vingt et un", "soixante-dix", "soixante et onze",
            "quatre-vingts", "quatre-vingt-un", "quatre-vingt-onze", "quatre-vingt-dix-neuf", "cent", "cent un",
            "deux cents", "quatre cent vingt-deux", "mille", "mille un", "deux mille vingt et un",
            "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"};
        for (int i = 0; i < NUMBERS.length; i++) {
            assertEquals("saying " + NUMBERS[i], expected[i], render("fr", FrenchSpeech.INSTANCE.number(NUMBERS[i])));
        }
    }

    @Test
    public void frenchHundredsAndEightyTakeTheirSOnlyAtTheEnd() {
        Speech fr = FrenchSpeech.INSTANCE;
        assertEquals("deux cents", render("fr", fr.number(200)));
        assertEquals("deux cent un", render("fr", fr.number(201)));
        assertEquals("neuf cents", render("fr", fr.number(900)));
        assertEquals("cent", render("fr", fr.number(100)));
        assertEquals("deux cent mille", render("fr", fr.number(200_000)));
        assertEquals("deux cent mille trois cents", render("fr", fr.number(200_300)));
        assertEquals("quatre-vingts", render("fr", fr.number(80)));
        assertEquals("deux cent quatre-vingts", render("fr", fr.number(280)));
        assertEquals("quatre-vingt mille", render("fr", fr.number(80_000)));
        assertEquals("cent quatre-vingt mille quatre-vingts", render("fr", fr.number(180_080)));
        assertEquals("quatre-vingt-un mille", render("fr", fr.number(81_000)));
        assertEquals("quatre-vingts messages", render("fr", fr.count(80, null, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("deux cents nouveaux messages",
                render("fr", fr.count(200, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES)));
    }

    @Test
    public void frenchNegatesTheVerbBeforeNone() {
        Speech fr = FrenchSpeech.INSTANCE;
        assertEquals("Vous n'avez aucun nouveau message", render("fr", join(fr.youHave(0),
                fr.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
        assertEquals("Vous avez deux nouveaux messages", render("fr", join(fr.youHave(2),
                fr.count(2, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
        assertEquals("You have no new messages", render("en", join(Speech.forLanguage("en").youHave(0),
                Speech.forLanguage("en").count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
        assertEquals("Sie haben keine neuen Nachrichten", render("de", join(GermanSpeech.INSTANCE.youHave(0),
                GermanSpeech.INSTANCE.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
    }

    @Test
    public void germanYearsOfOtherCenturiesInHundreds() {
        GermanSpeech de = GermanSpeech.INSTANCE;
        assertEquals("neunzehn hundert neunundneunzig", render("de", de.year(1999)));
        assertEquals("neunzehn hundert", render("de", de.year(1900)));
        assertEquals("elf hundert eins", render("de", de.year(1101)));
        assertEquals("tausend sechsundsechzig", render("de", de.year(1066)));
        assertEquals("zwei tausend einundzwanzig", render("de", de.year(2021)));
        assertEquals("zwei tausend hundert", render("de", de.year(2100)));
        assertEquals("Freitag den einunddreißigsten Dezember neunzehn hundert neunundneunzig um dreiundzwanzig Uhr "
                + "neunundfünfzig", render("de", de.dateTime(ZonedDateTime.of(1999, 12, 31, 23, 59, 0, 0, ZONE), NOW)));
    }

    @Test
    public void germanCountsDatesTimesAndDurationsInWords() {
        Speech de = GermanSpeech.INSTANCE;
        assertEquals("Sie haben eine neue Nachricht", render("de", prefixed(PromptId.YOU_HAVE,
                de.count(1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
        assertEquals("keine neuen Nachrichten", render("de", de.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("zweiundzwanzig gespeicherte Nachrichten",
                render("de", de.count(22, PromptId.SAVED, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("heute um vierzehn Uhr fünf", render("de", de.dateTime(NOW.with(LocalTime.of(14, 5)), NOW)));
        assertEquals("gestern um ein Uhr", render("de", de.dateTime(NOW.minusDays(1).with(LocalTime.of(1, 0)), NOW)));
        assertEquals("Sonntag den zweiundzwanzigsten November um neun Uhr fünf",
                render("de", de.dateTime(NOW.minusDays(2).with(LocalTime.of(9, 5)), NOW)));
        assertEquals("Donnerstag den ersten Januar um Mitternacht",
                render("de", de.dateTime(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZONE), NOW)));
        assertEquals("Mittwoch den einunddreißigsten Dezember zwei tausend fünfundzwanzig um achtzehn Uhr fünfzehn",
                render("de", de.dateTime(ZonedDateTime.of(2025, 12, 31, 18, 15, 0, 0, ZONE), NOW)));
        assertEquals("eine Minute zwanzig Sekunden", render("de", de.duration(Duration.ofSeconds(80))));
        assertEquals("zwei Stunden eine Minute", render("de", de.duration(Duration.ofSeconds(7260))));
        assertEquals("null Sekunden", render("de", de.duration(Duration.ZERO)));
    }

    @Test
    public void frenchCountsDatesTimesAndDurationsInWords() {
        Speech fr = FrenchSpeech.INSTANCE;
        assertEquals("Vous avez un nouveau message", render("fr", prefixed(PromptId.YOU_HAVE,
                fr.count(1, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES))));
        assertEquals("aucun nouveau message", render("fr", fr.count(0, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("trois nouveaux messages", render("fr", fr.count(3, PromptId.NEW, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("vingt et un messages sauvegardés",
                render("fr", fr.count(21, PromptId.SAVED, PromptId.MESSAGE, PromptId.MESSAGES)));
        assertEquals("aujourd'hui à quatorze heures cinq", render("fr", fr.dateTime(NOW.with(LocalTime.of(14, 5)), NOW)));
        assertEquals("hier à une heure", render("fr", fr.dateTime(NOW.minusDays(1).with(LocalTime.of(1, 0)), NOW)));
        assertEquals("hier à midi", render("fr", fr.dateTime(NOW.minusDays(1).with(LocalTime.NOON), NOW)));
        assertEquals("dimanche vingt-deux novembre à neuf heures cinq",
                render("fr", fr.dateTime(NOW.minusDays(2).with(LocalTime.of(9, 5)), NOW)));
        assertEquals("jeudi premier janvier à vingt et une heures trente",
                render("fr", fr.dateTime(ZonedDateTime.of(2026, 1, 1, 21, 30, 0, 0, ZONE), NOW)));
        assertEquals("mercredi trente et un décembre deux mille vingt-cinq à dix-huit heures quinze",
                render("fr", fr.dateTime(ZonedDateTime.of(2025, 12, 31, 18, 15, 0, 0, ZONE), NOW)));
        assertEquals("une minute vingt secondes", render("fr", fr.duration(Duration.ofSeconds(80))));
        assertEquals("deux heures vingt et une minutes", render("fr", fr.duration(Duration.ofSeconds(2 * 3600 + 21 * 60))));
        assertEquals("zéro seconde", render("fr", fr.duration(Duration.ZERO)));
    }

    private static List<String> join(List<String> first, List<String> rest) {
        List<String> out = new ArrayList<>(first);
        out.addAll(rest);
        return out;
    }

    private static List<String> prefixed(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
