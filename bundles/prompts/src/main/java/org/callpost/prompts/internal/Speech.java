package org.callpost.prompts.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One language's grammar for the sequences the {@code Prompts} service says, as prompt ids (the
 * files come later, per language with fallback). Implementations are stateless and pure.
 */
interface Speech {

    int MAX_NUMBER = 999_999;

    List<String> number(int n);

    /** Digits one by one; the same words in every language. */
    default List<String> digits(String digits) {
        return EnglishSpeech.digits(digits);
    }

    /** A count with its noun; {@code qualifier} ("new") may be null. */
    List<String> count(int count, String qualifier, String singular, String plural);

    /** "You have" before a count of {@code count}. */
    default List<String> youHave(int count) {
        return List.of(org.callpost.api.prompt.PromptId.YOU_HAVE);
    }

    List<String> time(LocalTime time);

    List<String> dateTime(ZonedDateTime when, ZonedDateTime now);

    List<String> duration(Duration duration);

    /** The grammar for a language tag ("de-ch" → German); English for any other. */
    static Speech forLanguage(String language) {
        String tag = language == null ? "" : language;
        if (tag.equals("de") || tag.startsWith("de-")) {
            return GermanSpeech.INSTANCE;
        }
        if (tag.equals("fr") || tag.startsWith("fr-")) {
            return FrenchSpeech.INSTANCE;
        }
        return EnglishSpeech.INSTANCE;
    }

    static void checkRange(int n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("can only say numbers 0.." + MAX_NUMBER + ": " + n);
        }
    }

    /** Whole seconds, rounded to the nearest. */
    static long seconds(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        return duration.plusMillis(500).getSeconds();
    }
}
