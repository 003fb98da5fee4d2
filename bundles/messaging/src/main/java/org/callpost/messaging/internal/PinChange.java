package org.callpost.messaging.internal;

import java.util.List;

import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.PinRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's "change PIN": the new PIN twice, checked against the store's PIN rules.
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}); only the store work it hands to
 * {@link CallContext#inStore} runs on a store worker.
 */
final class PinChange {
    private static final Logger LOG = LoggerFactory.getLogger(PinChange.class);

    private final CallContext context;
    private final Mailbox mailbox;
    private final Runnable then;
    private int tries;

    PinChange(CallContext context, Mailbox mailbox, Runnable then) {
        this.context = context;
        this.mailbox = mailbox;
        this.then = then;
    }

    void start() {
        ask(List.of());
    }

    private void ask(List<PlayItem> before) {
        PinRules rules = context.store.pinRules();
        context.keypad.collect(CallContext.join(before, context.say(PromptId.PIN_ENTER_NEW)), rules.maxLength() + 1)
                .thenAccept(first -> {
                    if (context.ended()) {
                        return;
                    }
                    if (!rules.accepts(first)) {
                        retry(PromptId.PIN_NOT_ALLOWED);
                        return;
                    }
                    context.keypad.collect(context.say(PromptId.PIN_ENTER_AGAIN), rules.maxLength() + 1)
                            .thenAccept(second -> {
                                if (!context.ended()) {
                                    confirmed(first, second);
                                }
                            });
                });
    }

    private void confirmed(String first, String second) {
        if (!first.equals(second)) {
            retry(PromptId.PIN_MISMATCH);
            return;
        }
        context.inStore(() -> {
            context.store.changePin(mailbox.number(), first);
            return true;
        }).whenComplete((ok, e) -> {
            if (SubscriberSession.unavailable(e)) {
                // the old PIN stays; "not allowed" would send the subscriber looking for a better PIN
                LOG.warn("Call {}: PIN of mailbox {} not changed: the message store cannot be reached", context.call.id(),
                        mailbox.number());
                context.endWith(PromptId.MAILBOX_UNAVAILABLE);
            } else if (e != null) {
                LOG.warn("Call {}: PIN of mailbox {} not changed: {}", context.call.id(), mailbox.number(),
                        e.getClass().getSimpleName());
                retry(PromptId.PIN_NOT_ALLOWED);
            } else {
                LOG.info("Call {}: the subscriber changed the PIN of mailbox {}", context.call.id(), mailbox.number());
                context.play(context.say(PromptId.PIN_CHANGED), "").thenRun(then);
            }
        });
    }

    private void retry(String why) {
        tries++;
        if (tries >= 3) {
            context.play(context.say(why), "").thenRun(then);
        } else {
            ask(context.say(why));
        }
    }
}
