package org.callpost.api.attendant;

import java.util.List;
import java.util.Optional;

/**
 * One answer mode (Config Admin factory pid {@code org.callpost.answermode}).
 *
 * @param name          its name, what routes, schedules and keys refer to
 * @param greeting      what callers hear: the prompts, the WAV file or the mailbox whose greeting plays
 * @param keys          the menu, one {@code key=action} each
 * @param dialExtension whether the caller may dial an extension
 * @param tries         how often the menu is offered before {@code afterTries}
 * @param afterTries    what happens after the last try: operator, goodbye, mode:x or mailbox:x
 * @param problem       why the configuration was refused (the last good one, if any, is used)
 */
public record AnswerModeStatus(String name, String greeting, List<String> keys, boolean dialExtension, int tries,
        String afterTries, Optional<String> problem) {
    public AnswerModeStatus {
        keys = List.copyOf(keys);
    }
}
