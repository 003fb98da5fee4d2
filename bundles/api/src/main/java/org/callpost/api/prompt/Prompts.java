package org.callpost.api.prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.callpost.api.media.PlayItem;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the application asks for when it speaks: a prompt id resolved for the caller's language,
 * or a sequence saying a number, digits, a count, a date and time or a duration. Every sequence
 * is a list of {@link PlayItem.Wav} items to hand to
 * {@link org.callpost.api.media.MediaSession#play}; concatenate lists to build a sentence.
 * <p>
 * A prompt missing in the requested language comes from English ({@link #ENGLISH}); a prompt
 * missing everywhere is left out of the sequence. Each missing prompt is logged once (a language
 * with no pack installed at all, once for the language). Sequences (numbers, counts, dates,
 * times, durations) follow the word order of the language that speaks them: English, German and
 * French, else English order.
 * Languages are matched from the most specific tag down: {@code "de-ch"}, then {@code "de"},
 * then {@code "en"}. A {@code null} or blank language means English.
 */
@ProviderType
public interface Prompts {

    /** The language every other one falls back to. */
    String ENGLISH = "en";

    /** The languages of the prompt packs installed now (lower-case tags). */
    Set<String> languages();

    /**
     * The file of one prompt, with fallback to English.
     *
     * @return the WAV file, or empty when no installed pack has {@code id}
     */
    Optional<Path> file(String language, String id);

    /**
     * The words a prompt says (from the pack that would play it), with fallback to English.
     */
    Optional<String> text(String language, String id);

    /**
     * Prompts played back to back, e.g.
     * {@code play(lang, PromptId.GREETING_LEAVE_MESSAGE_AFTER_TONE)}; missing ones are left out.
     */
    List<PlayItem> play(String language, String... ids);

    /** Prompts played back to back; missing ones are left out. */
    List<PlayItem> play(String language, List<String> ids);

    /**
     * Says a number: 201 is "two hundred and one", 1000 "one thousand".
     *
     * @param number 0..999999
     * @throws IllegalArgumentException when out of range
     */
    List<PlayItem> sayNumber(String language, int number);

    /**
     * Says digits one by one (an extension, a mailbox): "201" is "two zero one".
     *
     * @param digits 0-9, {@code *} (star) and {@code #} (pound)
     * @throws IllegalArgumentException for any other character
     */
    List<PlayItem> sayDigits(String language, String digits);

    /**
     * Says a count with its noun: "no messages", "one message", "three messages".
     *
     * @param count    0..999999
     * @param singular prompt id of the noun for one, e.g. {@link PromptId#MESSAGE}
     * @param plural   prompt id of the noun for zero or many, e.g. {@link PromptId#MESSAGES}
     */
    List<PlayItem> sayCount(String language, int count, String singular, String plural);

    /**
     * Says a count with a word between the number and its noun: "one new message",
     * "three saved messages", "no new messages".
     *
     * @param qualifier prompt id of the word, e.g. {@link PromptId#NEW}
     */
    List<PlayItem> sayCount(String language, int count, String qualifier, String singular, String plural);

    /**
     * "You have", said before a count of {@code count} things: French negates the verb before
     * none ("Vous n'avez aucun nouveau message"), English and German do not.
     */
    List<PlayItem> sayYouHave(String language, int count);

    /**
     * Says when something happened, relative to now: "today at 3 45 PM", "yesterday at 9 oh 5
     * AM", "Monday November 23rd at noon"; a date in another year than {@code now} also says the
     * year. {@code when} is spoken in {@code now}'s time zone.
     */
    List<PlayItem> sayDateTime(String language, ZonedDateTime when, ZonedDateTime now);

    /** Says a time of day on the 12-hour clock: "3 45 PM", "9 oh 5 AM", "noon", "midnight". */
    List<PlayItem> sayTime(String language, LocalTime time);

    /**
     * Says a duration to the nearest second: "1 minute 20 seconds", "2 hours 1 minute",
     * "0 seconds"; parts that are zero are left out.
     *
     * @throws IllegalArgumentException when negative
     */
    List<PlayItem> sayDuration(String language, Duration duration);
}
