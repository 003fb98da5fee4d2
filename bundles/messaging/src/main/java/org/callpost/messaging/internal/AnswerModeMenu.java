package org.callpost.messaging.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.messaging.internal.attendant.AnswerMode;
import org.callpost.messaging.internal.attendant.Attendant;
import org.callpost.messaging.internal.attendant.MenuAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller in an answer mode: its greeting, then its menu. A key of the menu does its action; with
 * dial-extension on, another digit starts an extension ({@code #} or the mailbox length ends it,
 * as does the key timeout), which is put through ({@link PutThrough}). Silence or a wrong key:
 * "no input" or "invalid choice", and the greeting again, until the mode's tries are used; then
 * its after-tries action (the operator, unless none is set: good-bye).
 * <p>
 * Threads: on the call's executor, like every flow of the call.
 */
final class AnswerModeMenu implements Keypad.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerModeMenu.class);

    private final CallContext context;
    private final Attendant attendant;
    private final AnswerMode mode;
    private Optional<Path> recordedGreeting = Optional.empty();
    private final StringBuilder digits = new StringBuilder();
    private boolean listening;
    private int offer;
    private int tries;
    private ScheduledFuture<?> timeout;

    AnswerModeMenu(CallContext context, Attendant attendant, AnswerMode mode) {
        this.context = context;
        this.attendant = attendant;
        this.mode = mode;
    }

    void start() {
        LOG.info("Call {}: answer mode {}", context.call.id(), mode.name());
        if (!mode.language().isEmpty()) {
            context.modeLanguage(mode.language());
        }
        String box = mode.greetingMailbox();
        if (box.isEmpty()) {
            offer(List.of());
            return;
        }
        context.inStore(() -> context.store.greeting(box, Greeting.PERSONAL)).whenComplete((recorded, e) -> {
            if (e != null || recorded.isEmpty()) {
                LOG.info("Call {}: answer mode {}: mailbox {} has no personal greeting recorded{}; the prompts play",
                        context.call.id(), mode.name(), box, e == null ? "" : " (unreadable: " + e + ")");
            } else {
                recordedGreeting = recorded;
            }
            offer(List.of());
        });
    }

    /** What the caller hears: the recorded greeting, the WAV, the prompts, or one built from the keys. */
    List<PlayItem> greeting() {
        if (recordedGreeting.isPresent()) {
            return List.of(PlayItem.wav(recordedGreeting.get()));
        }
        if (mode.greetingWav().isPresent()) {
            return List.of(PlayItem.wav(mode.greetingWav().get()));
        }
        if (!mode.greetingPrompts().isEmpty()) {
            return context.prompts.play(context.language(), mode.greetingPrompts());
        }
        List<PlayItem> items = new ArrayList<>(context.say(PromptId.WELCOME));
        if (mode.dialExtension()) {
            items.addAll(context.say(PromptId.ATTENDANT_DIAL_EXTENSION));
        }
        for (Map.Entry<Character, MenuAction> k : mode.keys().entrySet()) {
            String words = switch (k.getValue().kind()) {
                case OPERATOR -> context.settings.hasOperator() ? PromptId.ATTENDANT_FOR_OPERATOR : null;
                case NAME -> PromptId.ATTENDANT_FOR_DIRECTORY;
                case MAILBOX -> PromptId.ATTENDANT_TO_LEAVE_MESSAGE;
                case LOGON -> PromptId.ATTENDANT_TO_LOG_ON;
                case MODE -> PromptId.ATTENDANT_FOR_MORE_CHOICES;
                default -> null;
            };
            if (words != null) {
                items.addAll(context.say(words, PromptId.PRESS));
                char key = k.getKey();
                items.addAll(key == '*' ? context.say(PromptId.STAR) : key == '#' ? context.say(PromptId.POUND)
                        : context.prompts.sayDigits(context.language(), String.valueOf(key)));
            }
        }
        return items;
    }

    private void offer(List<PlayItem> before) {
        if (context.ended()) {
            return;
        }
        int current = ++offer;
        digits.setLength(0);
        listening = true;
        context.keypad.route(this);
        context.play(CallContext.join(before, greeting()), Keypad.ALL_KEYS).thenAccept(o -> {
            if (current == offer && listening && digits.length() == 0 && !context.ended()) {
                restartTimeout();
            }
        });
    }

    @Override
    public void key(char key) {
        if (!listening) {
            return;
        }
        if (digits.length() == 0) {
            MenuAction action = mode.keys().get(key);
            if (action != null) {
                stopListening();
                LOG.info("Call {}: answer mode {}: key {} = {}", context.call.id(), mode.name(), key, action);
                act(action, false);
            } else if (mode.dialExtension() && Character.isDigit(key)) {
                digits.append(key);
                extensionDigit();
            } else {
                stopListening();
                wrong(PromptId.INVALID_CHOICE);
            }
            return;
        }
        if (key == '#') {
            dialled();
        } else if (Character.isDigit(key)) {
            digits.append(key);
            extensionDigit();
        }
    }

    private void extensionDigit() {
        context.call.media().stopPlaying();
        if (digits.length() >= context.settings.mailboxLength()) {
            dialled();
        } else {
            restartTimeout();
        }
    }

    private void restartTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        int current = offer;
        timeout = context.after(mode.timeoutMillis(), () -> {
            if (current != offer || !listening || context.ended()) {
                return;
            }
            if (digits.length() > 0) {
                dialled();
            } else {
                stopListening();
                wrong(PromptId.NO_INPUT);
            }
        });
    }

    private void stopListening() {
        listening = false;
        offer++; // whatever the greeting's end or a timer still reports is stale now
        if (timeout != null) {
            timeout.cancel(false);
        }
        context.keypad.route(null);
        context.call.media().stopPlaying();
    }

    /** Silence or a wrong key: said, and the greeting again until the tries are used. */
    private void wrong(String why) {
        tries++;
        if (tries < mode.tries()) {
            offer(context.say(why, PromptId.PLEASE_TRY_AGAIN));
            return;
        }
        LOG.info("Call {}: answer mode {}: {} tries without a choice: {}", context.call.id(), mode.name(), tries,
                mode.afterTries());
        context.play(context.say(why), "").thenRun(() -> act(mode.afterTries(), true));
    }

    private void dialled() {
        String extension = digits.toString();
        stopListening();
        String integration = context.call.integration();
        context.inStore(() -> context.store.mailboxOfExtension(integration, extension)).whenComplete((box, e) -> {
            if (e != null) {
                context.fail("mailbox look-up failed", e);
            } else if (box.isEmpty()) {
                LOG.info("Call {}: answer mode {}: extension {} has no mailbox", context.call.id(), mode.name(), extension);
                wrong(PromptId.LOGON_EXTENSION_INVALID);
            } else {
                LOG.info("Call {}: answer mode {}: dialled extension {}", context.call.id(), mode.name(), extension);
                PutThrough.to(context, box.get(), extension);
            }
        });
    }

    /** @param last whether the tries are used: nothing leads back to this menu */
    private void act(MenuAction action, boolean last) {
        if (context.ended()) {
            return;
        }
        switch (action.kind()) {
            case OPERATOR -> {
                if (!context.settings.hasOperator()) {
                    if (last) {
                        context.endWith();
                    } else {
                        offer(context.say(PromptId.OPERATOR_NOT_AVAILABLE));
                    }
                    return;
                }
                context.toOperator().thenAccept(handedOver -> {
                    if (handedOver || context.ended()) {
                        return;
                    }
                    if (last) {
                        context.endWith();
                    } else {
                        offer(List.of());
                    }
                });
            }
            case GOODBYE -> context.endWith();
            case NAME -> new NameDialling(context, () -> offer(List.of())).start();
            case LOGON -> new SubscriberSession(context).askMailbox();
            case SCHEDULE -> new ScheduleByPhone(context, attendant, action.target()).start();
            case MODE -> {
                Optional<AnswerMode> next = attendant.mode(action.target());
                if (next.isPresent()) {
                    new AnswerModeMenu(context, attendant, next.get()).start();
                } else {
                    LOG.warn("Answer mode {}: {} names no configured answer mode", mode.name(), action);
                    notThere(last);
                }
            }
            case MAILBOX -> {
                String number = action.target();
                context.inStore(() -> context.store.mailbox(number)).whenComplete((box, e) -> {
                    if (e == null && box.isPresent()) {
                        Mailbox m = box.get();
                        new LeaveMessageFlow(context, m, m.extension().isEmpty() ? m.number() : m.extension()).start();
                    } else {
                        LOG.warn("Answer mode {}: {} names no mailbox", mode.name(), action);
                        notThere(last);
                    }
                });
            }
            case EXTENSION -> {
                String extension = action.target();
                String integration = context.call.integration();
                context.inStore(() -> context.store.mailboxOfExtension(integration, extension)).whenComplete((box, e) -> {
                    if (e == null && box.isPresent()) {
                        PutThrough.to(context, box.get(), extension);
                    } else {
                        // no mailbox to fall back on: put through, and back to the menu if nobody answers
                        context.transfer(extension, context.settings.operatorNoAnswerSeconds(),
                                PromptId.EXTENSION_NOT_ANSWERING, context.settings.transferMode()).thenAccept(h -> {
                                    if (!h && !context.ended()) {
                                        notThere(last);
                                    }
                                });
                    }
                });
            }
            default -> throw new IllegalStateException(action.toString());
        }
    }

    /** A key whose target is not configured (logged for the administrator): the caller is not stranded. */
    private void notThere(boolean last) {
        if (last) {
            context.endWith();
        } else {
            wrong(PromptId.INVALID_CHOICE);
        }
    }
}
