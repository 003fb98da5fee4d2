/**
 * Prompts: the recorded words callers and subscribers hear. A language bundle registers a
 * {@link org.callpost.api.prompt.PromptPack} (whiteboard); the application calls
 * {@link org.callpost.api.prompt.Prompts} to resolve prompt ids, with fallback to English, and to
 * build the sequences that say numbers, digits, counts, dates, times and durations as
 * {@link org.callpost.api.media.PlayItem} lists the media session plays.
 * <p>
 * 1.4: {@link org.callpost.api.prompt.PromptId#SYSTEM_CANNOT_TAKE_MESSAGE}.
 * 1.5: the answer mode and dial-by-name prompts ({@code ATTENDANT_*}, {@code DIRECTORY_*}, {@code SCHEDULE_*}) and
 * {@link org.callpost.api.prompt.PromptId#MAILBOX_UNAVAILABLE}, when the store's database does not answer.
 * 1.6: {@link org.callpost.api.prompt.PromptId#LOGON_STAR_FOR_LANGUAGE}, the star key's language announced;
 * {@link org.callpost.api.prompt.Prompts#sayYouHave}, "you have" as each language says it before a count.
 */
@Version("1.6.0")
package org.callpost.api.prompt;

import org.osgi.annotation.versioning.Version;
