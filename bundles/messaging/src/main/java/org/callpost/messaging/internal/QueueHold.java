package org.callpost.messaging.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import org.callpost.api.call.Consultation;
import org.callpost.api.media.PlayItem;
import org.callpost.api.prompt.PromptId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller queuing: the caller found the extension busy. They hear their place in its queue and may
 * hold (1) or leave a message (2). While holding, the first in the queue has the extension tried
 * again every retry interval (a consultation call, as a supervised transfer) and is put through
 * when it answers; the others hear their place as it moves. 2 at any time, an extension that now
 * rings without answer, or the longest hold passing: the caller leaves a message instead.
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}), the retry timer included; only
 * {@link CallerQueues}, which every holding call reads, is shared (and locks itself).
 */
final class QueueHold {
    private static final Logger LOG = LoggerFactory.getLogger(QueueHold.class);

    private final CallContext context;
    private final CallerQueues queues;
    private final String extension;
    private final int noAnswerSeconds;
    private final CompletableFuture<Boolean> handedOver = new CompletableFuture<>();
    private boolean holding;
    private boolean trying;
    private int lastPlace;
    private long deadline;
    private ScheduledFuture<?> next;

    QueueHold(CallContext context, CallerQueues queues, String extension, int noAnswerSeconds) {
        this.context = context;
        this.queues = queues;
        this.extension = extension;
        this.noAnswerSeconds = noAnswerSeconds;
    }

    private String id() {
        return context.call.id();
    }

    /** Completes true when the caller was put through (or hung up), false to take a message. */
    CompletionStage<Boolean> start() {
        int place = queues.waiting(extension) + 1;
        List<PlayItem> offer = CallContext.join(context.say(PromptId.QUEUE_EXTENSION_BUSY), place(place),
                context.say(PromptId.QUEUE_HOLD_OR_MESSAGE));
        context.keypad.menu(offer, "12").thenAccept(key -> {
            if (context.ended()) {
                handedOver.complete(true);
            } else if (key != '1') {
                handedOver.complete(false);
            } else {
                hold();
            }
        });
        return handedOver;
    }

    private List<PlayItem> place(int place) {
        return CallContext.join(context.say(PromptId.QUEUE_YOU_ARE_CALLER),
                context.prompts.sayDigits(context.language(), Integer.toString(place)), context.say(PromptId.QUEUE_IN_LINE));
    }

    private void hold() {
        int place = queues.join(extension, context.call);
        holding = true;
        lastPlace = place;
        deadline = System.currentTimeMillis() + 1000L * context.settings.queue().maxHoldSeconds();
        LOG.info("Call {}: holding for busy extension {}, place {} in its queue", id(), extension, place);
        context.onEnd().thenRun(() -> finish(true, "the caller hung up"));
        context.keypad.route(key -> {
            if (key == '2') {
                finish(false, "the caller chose to leave a message");
            }
        });
        tick();
    }

    /** Each retry interval: the first in the queue tries the extension, the others hear their place. */
    private void tick() {
        if (!holding) {
            return;
        }
        if (System.currentTimeMillis() >= deadline) {
            holding = false;
        }
        int place = queues.place(extension, context.call);
        if (place == 0 || context.ended()) {
            return;
        }
        if (!holding) {
            leave("held the longest time allowed");
            context.play(context.say(PromptId.QUEUE_STILL_BUSY), "").thenRun(() -> handedOver.complete(context.ended()));
            return;
        }
        if (place == 1) {
            tryExtension();
        } else {
            List<PlayItem> say = context.say(PromptId.QUEUE_PLEASE_HOLD);
            if (place != lastPlace) {
                say = CallContext.join(place(place), say);
                lastPlace = place;
            }
            context.play(say, "2");
            waitAgain();
        }
    }

    private void tryExtension() {
        trying = true;
        // while the consultation call rings, the caller's keys are not taken (they hear nothing from us)
        context.keypad.route(null);
        Consultation consultation = context.call.consult(extension, noAnswerSeconds);
        context.onCall(consultation.outcome()).thenAccept(outcome -> {
            LOG.info("Call {}: queue for {}: tried it again: {}", id(), extension, outcome);
            if (!holding) {
                consultation.takeBack();
                return;
            }
            switch (outcome) {
                case ANSWERED -> context.onCall(consultation.complete()).thenAccept(done -> {
                    if (done) {
                        finish(true, "put through");
                    } else {
                        consultation.takeBack();
                        backToHold();
                    }
                });
                case BUSY -> {
                    consultation.takeBack();
                    backToHold();
                }
                default -> {
                    consultation.takeBack();
                    leave("the extension is free but " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    context.play(context.say(PromptId.EXTENSION_NOT_ANSWERING), "")
                            .thenRun(() -> handedOver.complete(context.ended()));
                }
            }
        }).exceptionally(e -> {
            LOG.warn("Call {}: queue for {}: trying it failed", id(), extension, e);
            finish(false, "the extension could not be tried");
            return null;
        });
    }

    private void backToHold() {
        trying = false;
        context.keypad.route(key -> {
            if (key == '2') {
                finish(false, "the caller chose to leave a message");
            }
        });
        context.play(context.say(PromptId.QUEUE_PLEASE_HOLD), "2");
        waitAgain();
    }

    private void waitAgain() {
        next = context.after(1000 * context.settings.queue().retrySeconds(), this::tick);
    }

    /** Leaves the queue; the caller is put through (true) or leaves a message (false). */
    private void finish(boolean through, String why) {
        if (!holding && handedOver.isDone()) {
            return;
        }
        if (trying && !through) {
            // 2 while the extension rings is not taken (keys are off then); hanging up ends the consultation too
            if (!context.ended()) {
                return;
            }
        }
        leave(why);
        handedOver.complete(through || context.ended());
    }

    private void leave(String why) {
        holding = false;
        if (next != null) {
            next.cancel(false);
        }
        context.keypad.route(null);
        if (queues.place(extension, context.call) > 0) {
            queues.leave(extension, context.call);
            LOG.info("Call {}: left the queue for {}: {}", id(), extension, why);
        }
    }
}
