package org.callpost.messaging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.callpost.api.call.Call;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call's flows share: the call, its settings, the prompts in its language, the store, and
 * the application's few threads (a timer for key timeouts, workers for disk work). No thread is
 * the call's own: flows chain stages and react to keys.
 */
final class CallContext {
    private static final Logger LOG = LoggerFactory.getLogger(CallContext.class);

    /** Work on the store (disk, PIN hashing): never on a media or SIP thread. */
    @FunctionalInterface
    interface StoreWork<T> {
        T run() throws Exception;
    }

    final Call call;
    final Settings settings;
    final Prompts prompts;
    final MessageStore store;
    final Keypad keypad;
    /** The callers holding for busy extensions (shared by every call of the application). */
    final CallerQueues queues;
    private final Executor storeWork;
    private final ScheduledExecutorService timer;

    CallContext(Call call, Settings settings, Prompts prompts, MessageStore store, Executor storeWork,
            ScheduledExecutorService timer) {
        this(call, settings, prompts, store, storeWork, timer, new CallerQueues());
    }

    CallContext(Call call, Settings settings, Prompts prompts, MessageStore store, Executor storeWork,
            ScheduledExecutorService timer, CallerQueues queues) {
        this.queues = queues;
        this.call = call;
        this.settings = settings;
        this.prompts = prompts;
        this.store = store;
        this.storeWork = storeWork;
        this.timer = timer;
        this.keypad = new Keypad(this);
    }

    String language() {
        return settings.language();
    }

    boolean ended() {
        return call.state() == CallState.ENDED;
    }

    /** Prompts played back to back. */
    List<PlayItem> say(String... ids) {
        return prompts.play(language(), ids);
    }

    /** Lists joined into one sequence. */
    @SafeVarargs
    static List<PlayItem> join(List<PlayItem>... parts) {
        List<PlayItem> all = new ArrayList<>();
        for (List<PlayItem> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    CompletionStage<PlayOutcome> play(List<PlayItem> items, String stopKeys) {
        return call.media().play(items, stopKeys);
    }

    /** Runs store work on a worker; the stage completes there. */
    <T> CompletionStage<T> inStore(StoreWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        try {
            storeWork.execute(task);
        } catch (RejectedExecutionException stopping) {
            task.run(); // the application is stopping: a commit must still happen
        }
        return result;
    }

    /** Runs {@code task} later on the timer; null when the application is stopping. */
    ScheduledFuture<?> after(int millis, Runnable task) {
        try {
            return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    /** Says the prompts, then good-bye, then hangs up. */
    void endWith(String... ids) {
        List<String> all = new ArrayList<>(List.of(ids));
        all.add(PromptId.GOODBYE);
        keypad.route(null);
        play(prompts.play(language(), all), "").whenComplete((o, e) -> call.hangUp());
    }

    /** Something went wrong inside Callpost: apologise and end the call. */
    void fail(String what, Throwable e) {
        LOG.error("Call {}: {}; ending the call", call.id(), what, e);
        endWith(PromptId.SYSTEM_ERROR);
    }

    /**
     * Supervised transfer: "please hold", ring {@code extension}, and join the caller to it when
     * it answers. Completes true when the caller was handed over, false when they are back with us
     * (busy, no answer, failure) after hearing {@code notAnswering}.
     */
    CompletionStage<Boolean> transfer(String extension, int noAnswerSeconds, String notAnswering) {
        return transfer(extension, noAnswerSeconds, notAnswering, TransferMode.SUPERVISED);
    }

    /**
     * {@link #transfer(String, int, String)} of the given type: confirmed, the answered extension
     * is asked whether it takes the call (see {@link TransferConfirmation}) and the caller is put
     * through only on yes; monitored, the caller is handed over as soon as the extension rings.
     */
    CompletionStage<Boolean> transfer(String extension, int noAnswerSeconds, String notAnswering, TransferMode mode) {
        return transfer(extension, noAnswerSeconds, notAnswering, mode, null);
    }

    /**
     * {@link #transfer(String, int, String, TransferMode)}, where a busy extension (supervised or
     * confirmed) is handed to {@code whenBusy} instead of saying {@code notAnswering}: caller
     * queuing. Its stage says whether the caller was put through.
     */
    CompletionStage<Boolean> transfer(String extension, int noAnswerSeconds, String notAnswering, TransferMode mode,
            java.util.function.Supplier<CompletionStage<Boolean>> whenBusy) {
        keypad.route(null);
        boolean confirm = mode == TransferMode.CONFIRMED;
        if (mode == TransferMode.MONITORED && !call.blindTransferAllowed()) {
            LOG.info("Call {}: monitored transfer needs blind transfer, which this PBX's profile does not allow: "
                    + "supervised instead", call.id());
        } else if (mode == TransferMode.MONITORED) {
            return play(say(PromptId.TRANSFER_PLEASE_HOLD), "").thenCompose(played -> ended()
                    ? CompletableFuture.completedFuture(true) : monitored(extension, noAnswerSeconds, notAnswering));
        }
        return play(say(PromptId.TRANSFER_PLEASE_HOLD), "").thenCompose(played -> {
            if (ended()) {
                return CompletableFuture.completedFuture(true);
            }
            Consultation consultation = call.consult(extension, noAnswerSeconds);
            return consultation.outcome().thenCompose(outcome -> {
                LOG.info("Call {}: transfer to {}: {}", call.id(), extension, outcome);
                if (outcome == Consultation.Outcome.ANSWERED && confirm) {
                    return TransferConfirmation.ask(this, consultation.call().orElseThrow(), call.info().callingNumber())
                            .thenCompose(yes -> {
                                LOG.info("Call {}: {} {} the call", call.id(), extension, yes ? "takes" : "declines");
                                return yes ? consultation.complete() : CompletableFuture.completedFuture(false);
                            }).thenCompose(done -> {
                                if (done) {
                                    return CompletableFuture.completedFuture(true);
                                }
                                consultation.takeBack();
                                return play(say(notAnswering), "").thenApply(o -> ended());
                            });
                }
                if (outcome == Consultation.Outcome.ANSWERED) {
                    return consultation.complete().thenCompose(done -> {
                        if (done) {
                            return CompletableFuture.completedFuture(true);
                        }
                        consultation.takeBack();
                        return play(say(notAnswering), "").thenApply(o -> ended());
                    });
                }
                consultation.takeBack();
                if (outcome == Consultation.Outcome.BUSY && whenBusy != null && !ended()) {
                    return whenBusy.get();
                }
                return play(say(notAnswering), "").thenApply(o -> ended());
            });
        }).exceptionally(e -> {
            LOG.warn("Call {}: transfer to {} failed", call.id(), extension, e);
            return ended();
        });
    }

    /**
     * Monitored: ring the extension; when it rings, end that call and have the PBX put the caller
     * through to it (REFER), following the PBX's report. Busy, no answer or a refused REFER keep
     * the caller, who hears {@code notAnswering}.
     */
    private CompletionStage<Boolean> monitored(String extension, int noAnswerSeconds, String notAnswering) {
        Consultation consultation = call.consult(extension, noAnswerSeconds);
        CompletableFuture<Boolean> handedOver = new CompletableFuture<>();
        CompletableFuture<Void> rang = consultation.ringing().toCompletableFuture();
        rang.thenRun(() -> {
            LOG.info("Call {}: monitored transfer: {} rings; handing the caller over", call.id(), extension);
            consultation.takeBack();
            call.blindTransfer(extension).whenComplete((ok, e) -> handedOver.complete(e == null && ok));
        });
        consultation.outcome().thenAccept(outcome -> {
            if (outcome != Consultation.Outcome.ANSWERED && !rang.isDone()) {
                LOG.info("Call {}: monitored transfer to {}: {}", call.id(), extension, outcome);
                handedOver.complete(false);
            } else if (outcome == Consultation.Outcome.ANSWERED && !rang.isDone()) {
                // answered without ringing first: put through as a supervised transfer would
                consultation.complete().thenAccept(handedOver::complete);
            }
        });
        return handedOver.thenCompose(done -> {
            if (done) {
                return CompletableFuture.completedFuture(true);
            }
            consultation.takeBack();
            return play(say(notAnswering), "").thenApply(o -> ended());
        });
    }

    /** "Please hold" and the transfer to the operator. */
    CompletionStage<Boolean> toOperator() {
        return transfer(settings.operatorExtension(), settings.operatorNoAnswerSeconds(), PromptId.OPERATOR_NOT_AVAILABLE);
    }
}
