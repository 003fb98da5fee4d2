package org.callpost.messaging.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.messaging.internal.attendant.DialByName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dial by name from an answer mode: the caller spells a first or last name on the keypad and
 * {@code #}; each match is offered by its recorded name (or "the person at extension ..."),
 * 1 puts the caller through ({@link PutThrough}), 2 offers the next, * spells again. No match
 * three times, or no choice, takes the caller back to the answer mode's menu.
 * <p>
 * Threads: on the call's executor; the directory is read on a store worker.
 */
final class NameDialling {
    private static final Logger LOG = LoggerFactory.getLogger(NameDialling.class);
    private static final int LONGEST_NAME = 20;

    /** A subscriber found, with their recorded name if any. */
    private record Match(Mailbox mailbox, Optional<Path> name) {
    }

    private final CallContext context;
    private final Runnable back;
    private int tries;

    /** @param back where the caller goes when nobody is chosen (the answer mode's menu) */
    NameDialling(CallContext context, Runnable back) {
        this.context = context;
        this.back = back;
    }

    void start() {
        spell(context.say(PromptId.DIRECTORY_SPELL_NAME));
    }

    private void spell(List<PlayItem> prompt) {
        context.keypad.collect(prompt, LONGEST_NAME).thenAccept(keyed -> {
            if (context.ended()) {
                return;
            }
            String letters = keyed.replaceAll("[^2-9]", "");
            if (letters.isEmpty()) {
                again(PromptId.NO_INPUT);
                return;
            }
            String integration = context.call.integration();
            context.inStore(() -> {
                List<Match> found = new ArrayList<>();
                List<Mailbox> ours = context.store.mailboxes().stream().filter(m -> m.belongsTo(integration)).toList();
                for (Mailbox m : DialByName.find(letters, ours)) {
                    found.add(new Match(m, context.store.greeting(m.number(), Greeting.NAME)));
                }
                return found;
            }).whenComplete((found, e) -> {
                if (e != null) {
                    context.fail("the directory could not be read", e);
                } else if (found.isEmpty()) {
                    LOG.info("Call {}: dial by name {}: no match", context.call.id(), letters);
                    again(PromptId.DIRECTORY_NO_MATCH);
                } else {
                    LOG.info("Call {}: dial by name {}: {} matches", context.call.id(), letters, found.size());
                    offer(found, 0);
                }
            });
        });
    }

    private void again(String why) {
        if (++tries >= 3) {
            context.play(context.say(why), "").thenRun(back);
        } else {
            spell(context.say(why, PromptId.DIRECTORY_SPELL_NAME));
        }
    }

    private void offer(List<Match> found, int at) {
        if (at >= found.size()) {
            again(PromptId.DIRECTORY_NO_MORE_NAMES);
            return;
        }
        Match m = found.get(at);
        List<PlayItem> items = new ArrayList<>();
        if (m.name().isPresent()) {
            items.add(PlayItem.wav(m.name().get()));
        } else {
            items.addAll(context.say(PromptId.GREETING_PERSON_AT_EXTENSION));
            items.addAll(context.prompts.sayDigits(context.language(), m.mailbox().extension()));
        }
        items.addAll(context.say(PromptId.DIRECTORY_CHOOSE));
        context.keypad.menu(items, "12*").thenAccept(key -> {
            if (context.ended()) {
                return;
            }
            switch (key) {
                case '1' -> {
                    LOG.info("Call {}: dial by name: {} chosen, extension {}", context.call.id(), m.mailbox().number(),
                            m.mailbox().extension());
                    PutThrough.to(context, m.mailbox(), m.mailbox().extension());
                }
                case '2' -> offer(found, at + 1);
                case '*' -> spell(context.say(PromptId.DIRECTORY_SPELL_NAME));
                default -> {
                    if (key == PlayOutcome.NO_KEY) {
                        back.run();
                    }
                }
            }
        });
    }
}
