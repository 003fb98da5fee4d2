package org.callpost.messaging.internal;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.callpost.api.media.PlayItem;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's greetings (main menu 3): 1 record the personal greeting, 2 the busy greeting,
 * 3 the name, 4 choose which greeting callers hear, # back. A greeting replaces the old one only
 * when recorded to its end ({@code #} or silence); hanging up while recording keeps the old one.
 * Recording a personal greeting makes it the one callers hear.
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}); only the store work it hands to
 * {@link CallContext#inStore} runs on a store worker.
 */
final class GreetingsMenu {
    private static final Logger LOG = LoggerFactory.getLogger(GreetingsMenu.class);

    private final CallContext context;
    private final String number;
    private final Runnable back;

    GreetingsMenu(CallContext context, Mailbox mailbox, Runnable back) {
        this.context = context;
        this.number = mailbox.number();
        this.back = back;
    }

    void start() {
        start(List.of());
    }

    private void start(List<PlayItem> before) {
        if (context.ended()) {
            return;
        }
        List<PlayItem> menu = context.say(PromptId.GREETINGS_MENU_PERSONAL, PromptId.GREETINGS_MENU_BUSY,
                PromptId.GREETINGS_MENU_NAME, PromptId.GREETINGS_MENU_CHOOSE);
        context.keypad.menu(before, menu, "1234#").thenAccept(key -> {
            if (context.ended()) {
                return;
            }
            switch (key) {
                case '1' -> record(Greeting.PERSONAL);
                case '2' -> record(Greeting.BUSY);
                case '3' -> record(Greeting.NAME);
                case '4' -> choose();
                default -> back.run();
            }
        });
    }

    private void record(Greeting greeting) {
        context.inStore(() -> context.store.beginGreeting(number, greeting)).whenComplete((draft, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof StoreFullException) {
                // the disk is below the minimum: the old greeting stays, the subscriber is back in the menu
                LOG.warn("Call {}: {} greeting of mailbox {} not recorded: {}", context.call.id(), greeting, number,
                        cause.getMessage());
                start(context.say(PromptId.SYSTEM_CANNOT_TAKE_MESSAGE));
                return;
            }
            if (SubscriberSession.unavailable(e)) {
                LOG.warn("Call {}: {} greeting of mailbox {} not recorded: {}", context.call.id(), greeting, number,
                        cause.getMessage());
                context.endWith(PromptId.MAILBOX_UNAVAILABLE);
                return;
            }
            if (e != null) {
                context.fail("no " + greeting + " greeting could be begun for mailbox " + number, e);
                return;
            }
            List<PlayItem> items = CallContext.join(context.say(PromptId.RECORD_AFTER_TONE), List.of(PlayItem.recordBeep()));
            context.keypad.route(null);
            context.play(items, "").thenAccept(o -> {
                if (context.ended()) {
                    discard(draft);
                    return;
                }
                RecordRequest request = new RecordRequest(draft.recordingFile(),
                        1000 * context.settings.maximumMessageSeconds(), 1000 * context.settings.silenceEndSeconds(), "#");
                try {
                    context.record(request).thenAccept(outcome -> recorded(draft, outcome));
                } catch (UncheckedIOException ex) {
                    discard(draft);
                    context.fail("cannot record greeting into " + draft.recordingFile(), ex);
                }
            });
        });
    }

    private void recorded(GreetingDraft draft, RecordOutcome outcome) {
        if (outcome.reason() == RecordOutcome.Reason.STOPPED) {
            return;
        }
        if (outcome.reason() == RecordOutcome.Reason.CALL_ENDED || outcome.reason() == RecordOutcome.Reason.FAILED
                || context.ended()) {
            discard(draft);
            return;
        }
        if (outcome.durationMillis() < context.settings.minimumMessageMillis()) {
            discard(draft);
            start(context.say(PromptId.RECORD_TOO_SHORT));
            return;
        }
        context.inStore(() -> {
            boolean kept = draft.commit();
            if (kept && draft.greeting() == Greeting.PERSONAL) {
                Mailbox now = context.store.mailbox(number).orElseThrow();
                context.store.updateMailbox(now.withActiveGreeting(Greeting.PERSONAL));
            }
            return kept;
        }).whenComplete((kept, e) -> {
            if (SubscriberSession.unavailable(e)) {
                // the database is away: the recording cannot be kept, and the subscriber is told why
                LOG.warn("Call {}: {} greeting of mailbox {} not saved: {}", context.call.id(), draft.greeting(), number,
                        SubscriberSession.unwrap(e).getMessage());
                context.endWith(PromptId.MAILBOX_UNAVAILABLE);
            } else if (e != null) {
                LOG.warn("Call {}: {} greeting of mailbox {} not saved", context.call.id(), draft.greeting(), number, e);
                start(context.say(PromptId.SYSTEM_ERROR));
            } else if (!kept) {
                start(context.say(PromptId.RECORD_TOO_SHORT));
            } else {
                LOG.info("Call {}: {} greeting of mailbox {} recorded ({} ms)", context.call.id(), draft.greeting(),
                        number, outcome.durationMillis());
                start(context.say(draft.greeting() == Greeting.NAME ? PromptId.GREETINGS_NAME_SAVED
                        : PromptId.GREETINGS_SAVED));
            }
        });
    }

    private void discard(GreetingDraft draft) {
        context.inStore(() -> {
            draft.discard();
            return true;
        }).exceptionally(e -> false);
    }

    /** 4: which greeting callers hear. */
    private void choose() {
        context.keypad.menu(context.say(PromptId.GREETINGS_CHOOSE_PERSONAL, PromptId.GREETINGS_CHOOSE_SYSTEM), "12")
                .thenAccept(key -> {
                    if (context.ended()) {
                        return;
                    }
                    if (key != '1' && key != '2') {
                        start();
                        return;
                    }
                    Greeting active = key == '1' ? Greeting.PERSONAL : Greeting.SYSTEM;
                    context.inStore(() -> {
                        if (active == Greeting.PERSONAL && context.store.greeting(number, Greeting.PERSONAL).isEmpty()) {
                            return false;
                        }
                        Mailbox now = context.store.mailbox(number).orElseThrow();
                        context.store.updateMailbox(now.withActiveGreeting(active));
                        return true;
                    }).whenComplete((changed, e) -> {
                        if (SubscriberSession.unavailable(e)) {
                            LOG.warn("Call {}: active greeting of mailbox {} not changed: {}", context.call.id(), number,
                                    SubscriberSession.unwrap(e).getMessage());
                            context.endWith(PromptId.MAILBOX_UNAVAILABLE);
                        } else if (e != null) {
                            LOG.warn("Call {}: active greeting of mailbox {} not changed", context.call.id(), number, e);
                            start(context.say(PromptId.SYSTEM_ERROR));
                        } else if (!changed) {
                            start(context.say(PromptId.GREETINGS_NONE_RECORDED));
                        } else {
                            LOG.info("Call {}: mailbox {} now answers with its {} greeting", context.call.id(), number,
                                    active);
                            start(context.say(active == Greeting.PERSONAL ? PromptId.GREETINGS_NOW_PERSONAL
                                    : PromptId.GREETINGS_NOW_SYSTEM));
                        }
                    });
                });
    }
}
