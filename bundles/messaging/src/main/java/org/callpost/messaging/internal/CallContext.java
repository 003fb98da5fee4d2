package org.callpost.messaging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
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
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call's flows share: the call, its settings, the prompts in its language, the store, the
 * call's {@link #executor} and the application's shared threads (a timer for key timeouts,
 * workers for disk work).
 * <p>
 * Threads: every flow of the call (this class's transfers, {@link Keypad}, {@link LeaveMessageFlow},
 * {@link SubscriberSession} and the menus it opens) runs on the call's executor, one step at a
 * time. Every stage this class hands out ({@link #play}, {@link #record}, {@link #inStore},
 * {@link #onEnd}, {@link #transfer}, whatever {@link #onCall} wraps) completes there, so the
 * flows' {@code thenAccept} and {@code whenComplete} continuations run there too and no flow
 * needs a lock; timers ({@link #after}) and keys are posted there as well. Only store work (the
 * body of {@link #inStore}) runs elsewhere, on a store worker: it takes its inputs as locals.
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
    /** Every PIN logon goes through it (wrong PINs counted with the web's, lockouts), never straight to the store. */
    final PinLogons pins;
    final Keypad keypad;
    /** The callers holding for busy extensions (shared by every call of the application). */
    final CallerQueues queues;
    /**
     * The call's executor: a {@link SerialExecutor} over a pool shared by the calls. Media
     * events, store completions, timers and SIP events of this call are posted to it.
     */
    final Executor executor;
    /** Where messages left on this call are counted; the application's, set before the call's flow starts. */
    MessageCounts messages = new MessageCounts();
    /** AMIS networking when installed: forwarding to a node's address prefix queues the message for it. */
    org.callpost.api.amis.AmisNetwork amis;
    private final Executor storeWork;
    private final ScheduledExecutorService timer;
    /** How the last transfer's consultation ended (busy or no answer choose the greeting after it). */
    private Consultation.Outcome lastTransferOutcome;

    /**
     * A call whose flow borrows the store workers' threads (the callouts' single worker; in tests
     * the test's own thread).
     */
    CallContext(Call call, Settings settings, Prompts prompts, MessageStore store, PinLogons pins, Executor storeWork,
            ScheduledExecutorService timer) {
        this(call, settings, prompts, store, pins, storeWork, storeWork, timer, new CallerQueues());
    }

    /** @param callPool the threads the call's executor borrows, shared by every call */
    CallContext(Call call, Settings settings, Prompts prompts, MessageStore store, PinLogons pins, Executor storeWork,
            Executor callPool, ScheduledExecutorService timer, CallerQueues queues) {
        this.pins = pins;
        this.queues = queues;
        this.executor = new SerialExecutor(callPool, call.id());
        this.call = call;
        this.settings = settings;
        this.prompts = prompts;
        this.store = store;
        this.storeWork = storeWork;
        this.timer = timer;
        this.keypad = new Keypad(this);
    }

    /** The language the caller chose for this call (the logon menu's star), else null. */
    private volatile String chosenLanguage;
    /** The language of the mailbox the call is for (forwarded to it, or its subscriber logged on), else null. */
    private volatile String mailboxLanguage;
    /** The language of the answer mode the call came to, else null. */
    private volatile String modeLanguage;

    /**
     * The language this call's prompts are said in: the caller's choice, else its mailbox's, else
     * its answer mode's, else its integration's, else the setting.
     */
    String language() {
        String chosen = chosenLanguage;
        if (chosen != null) {
            return chosen;
        }
        String box = mailboxLanguage;
        if (box != null) {
            return box;
        }
        String mode = modeLanguage;
        return mode != null ? mode : settings.languageFor(call.integration());
    }

    /** The language of the answer mode the call is in (a caller's own choice and the mailbox's still win). */
    void modeLanguage(String language) {
        modeLanguage = language;
    }

    /**
     * The call is for {@code mailbox} now: its language (when it has one and its pack is
     * installed) is spoken from here on, unless the caller chose one. A mailbox's language whose
     * pack was removed is passed over, said once for the call, so the call falls back to the
     * system's rule rather than to English.
     */
    void mailboxLanguage(Mailbox mailbox) {
        String tag = mailbox.language();
        if (tag.isEmpty()) {
            mailboxLanguage = null;
            return;
        }
        if (installed(tag) < 0) {
            mailboxLanguage = null;
            LOG.warn("Call {}: mailbox {}'s language '{}' has no prompt pack installed (installed: {}); the call "
                    + "speaks {}", call.id(), mailbox.number(), tag, new TreeSet<>(prompts.languages()), language());
            return;
        }
        mailboxLanguage = tag;
    }

    /**
     * Switches this call to the next installed language after the current one (in the order of
     * {@link Prompts#languages()}, round); the flows then say everything in it.
     *
     * @return the language now spoken
     */
    String nextLanguage() {
        String next = languageAfterThis();
        chosenLanguage = next;
        return next;
    }

    /** The language star would switch to (the current one when only one is installed). */
    String languageAfterThis() {
        List<String> installed = new ArrayList<>(new TreeSet<>(prompts.languages()));
        if (installed.isEmpty()) {
            return language().trim().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return installed.get((installed(language()) + 1) % installed.size());
    }

    /** Whether star has another language to switch to. */
    boolean severalLanguages() {
        return prompts.languages().size() > 1;
    }

    /** Where {@code tag} (or, "de-ch" with only "de" installed, its parent) is among the installed languages in order, else -1. */
    private int installed(String tag) {
        List<String> installed = new ArrayList<>(new TreeSet<>(prompts.languages()));
        int at = -1;
        for (String t = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-'); at < 0 && !t.isEmpty(); t = parent(t)) {
            at = installed.indexOf(t);
        }
        return at;
    }

    private static String parent(String tag) {
        int dash = tag.lastIndexOf('-');
        return dash < 0 ? "" : tag.substring(0, dash);
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

    /** Plays to the caller; completes on the call's executor. */
    CompletionStage<PlayOutcome> play(List<PlayItem> items, String stopKeys) {
        return onCall(call.media().play(items, stopKeys));
    }

    /**
     * Records the caller; completes on the call's executor.
     *
     * @throws java.io.UncheckedIOException when the file cannot be created
     */
    CompletionStage<RecordOutcome> record(RecordRequest request) {
        return onCall(call.media().record(request));
    }

    /** Completes on the call's executor when the call ends. */
    CompletionStage<Void> onEnd() {
        return onCall(call.ended());
    }

    /**
     * {@code stage}'s result, handed over on the call's executor: the media, SIP or store thread
     * completing {@code stage} only posts it (equivalent to a {@code *Async} continuation on the
     * executor, keeping the failure as {@code stage} reports it). Events posted from one thread
     * keep their order.
     */
    <T> CompletionStage<T> onCall(CompletionStage<T> stage) {
        CompletableFuture<T> relay = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> executor.execute(() -> {
            if (failure != null) {
                relay.completeExceptionally(failure);
            } else {
                relay.complete(value);
            }
        }));
        return relay;
    }

    /**
     * Runs store work on a worker; the stage completes on the call's executor. The work runs on
     * the worker: it must not touch the flow's fields (give it locals).
     */
    <T> CompletionStage<T> inStore(StoreWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            T value;
            try {
                value = work.run();
            } catch (Throwable e) {
                executor.execute(() -> result.completeExceptionally(e));
                return;
            }
            executor.execute(() -> result.complete(value));
        };
        try {
            storeWork.execute(task);
        } catch (RejectedExecutionException stopping) {
            task.run(); // the application is stopping: a commit must still happen
        }
        return result;
    }

    /**
     * Runs {@code task} later on the call's executor (the shared timer only posts it); null when
     * the application is stopping. Cancelling may come too late for a task already posted: tasks
     * check whether they are still wanted.
     */
    ScheduledFuture<?> after(int millis, Runnable task) {
        try {
            return timer.schedule(() -> executor.execute(task), millis, TimeUnit.MILLISECONDS);
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
            return onCall(consultation.outcome()).thenCompose(outcome -> {
                LOG.info("Call {}: transfer to {}: {}", call.id(), extension, outcome);
                lastTransferOutcome = outcome;
                if (outcome == Consultation.Outcome.ANSWERED && confirm) {
                    return TransferConfirmation.ask(this, consultation.call().orElseThrow(), call.info().callingNumber())
                            .thenCompose(yes -> {
                                LOG.info("Call {}: {} {} the call", call.id(), extension, yes ? "takes" : "declines");
                                return yes ? onCall(consultation.complete()) : CompletableFuture.completedFuture(false);
                            }).thenCompose(done -> {
                                if (done) {
                                    return CompletableFuture.completedFuture(true);
                                }
                                consultation.takeBack();
                                return play(say(notAnswering), "").thenApply(o -> ended());
                            });
                }
                if (outcome == Consultation.Outcome.ANSWERED) {
                    return onCall(consultation.complete()).thenCompose(done -> {
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
        CompletableFuture<Void> rang = onCall(consultation.ringing()).toCompletableFuture();
        rang.thenRun(() -> {
            LOG.info("Call {}: monitored transfer: {} rings; handing the caller over", call.id(), extension);
            consultation.takeBack();
            onCall(call.blindTransfer(extension)).whenComplete((ok, e) -> handedOver.complete(e == null && ok));
        });
        onCall(consultation.outcome()).thenAccept(outcome -> {
            lastTransferOutcome = outcome;
            if (outcome != Consultation.Outcome.ANSWERED && !rang.isDone()) {
                LOG.info("Call {}: monitored transfer to {}: {}", call.id(), extension, outcome);
                handedOver.complete(false);
            } else if (outcome == Consultation.Outcome.ANSWERED && !rang.isDone()) {
                // answered without ringing first: put through as a supervised transfer would
                onCall(consultation.complete()).thenAccept(handedOver::complete);
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

    /** How the last transfer's consultation ended, null before any. */
    Consultation.Outcome lastTransferOutcome() {
        return lastTransferOutcome;
    }

    /** "Please hold" and the transfer to the operator. */
    CompletionStage<Boolean> toOperator() {
        return transfer(settings.operatorExtension(), settings.operatorNoAnswerSeconds(), PromptId.OPERATOR_NOT_AVAILABLE);
    }
}
