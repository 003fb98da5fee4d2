package org.callpost.messaging.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.prompt.PromptId;

/**
 * The caller's keys on one call: the call's {@link MediaListener}, handing each key to whoever
 * waits for one now (a menu, a number being entered, a greeting that 0 interrupts), and the
 * fax calling tone to the flow that cares. Prompts that wait for keys stop on any key.
 * <p>
 * Threads: the media engine's event thread only posts each key and fax tone to the call's
 * executor; everything else here, key timeouts included, runs on that executor.
 */
final class Keypad implements MediaListener {
    static final String ALL_KEYS = "0123456789*#";

    /** Takes keys while routed to. */
    interface Receiver {
        void key(char key);
    }

    private final CallContext context;
    private Receiver receiver;
    private Runnable faxHandler;

    Keypad(CallContext context) {
        this.context = context;
    }

    /** Sends keys to {@code r} from now on; null drops them. */
    void route(Receiver r) {
        receiver = r;
    }

    void onFax(Runnable handler) {
        faxHandler = handler;
    }

    /** On the media event thread: posted to the call's executor, to whoever takes keys then. */
    @Override
    public void dtmfReceived(MediaSession session, char key, DtmfSource source) {
        context.executor.execute(() -> {
            if (receiver != null) {
                receiver.key(key);
            }
        });
    }

    /** On the media event thread: posted to the call's executor. */
    @Override
    public void faxToneDetected(MediaSession session) {
        context.executor.execute(() -> {
            if (faxHandler != null) {
                faxHandler.run();
            }
        });
    }

    /**
     * Plays {@code prompt} and collects up to {@code maxDigits} keys; with more than one digit,
     * {@code #} ends the entry early ({@code #} alone completes with "#"). Completes with what was
     * entered, "" when nothing came within the key timeout (or the call ended).
     */
    CompletionStage<String> collect(List<PlayItem> prompt, int maxDigits) {
        Entry entry = new Entry(maxDigits);
        route(entry);
        context.play(prompt, ALL_KEYS).thenAccept(entry::promptEnded);
        return entry.done;
    }

    /**
     * A menu: plays {@code prompt}, waits for one of {@code validKeys}; on silence or a wrong key
     * says so and asks again, twice. Completes with the key, or {@link PlayOutcome#NO_KEY} when
     * three tries brought nothing valid (or the call ended).
     */
    CompletionStage<Character> menu(List<PlayItem> prompt, String validKeys) {
        return menu(List.of(), prompt, validKeys, 0);
    }

    /** A menu whose {@code intro} (e.g. the message counts) is said the first time only. */
    CompletionStage<Character> menu(List<PlayItem> intro, List<PlayItem> prompt, String validKeys) {
        return menu(intro, prompt, validKeys, 0);
    }

    private CompletionStage<Character> menu(List<PlayItem> intro, List<PlayItem> prompt, String validKeys, int retries) {
        return collect(CallContext.join(intro, prompt), 1).thenCompose(entered -> {
            if (context.ended()) {
                return CompletableFuture.completedFuture(PlayOutcome.NO_KEY);
            }
            if (!entered.isEmpty() && validKeys.indexOf(entered.charAt(0)) >= 0) {
                return CompletableFuture.completedFuture(entered.charAt(0));
            }
            if (retries >= 2) {
                return CompletableFuture.completedFuture(PlayOutcome.NO_KEY);
            }
            String why = entered.isEmpty() ? PromptId.NO_INPUT : PromptId.INVALID_CHOICE;
            return menu(context.say(why, PromptId.PLEASE_TRY_AGAIN), prompt, validKeys, retries + 1);
        });
    }

    /** One number or choice being entered. */
    private final class Entry implements Receiver {
        private final int maxDigits;
        private final StringBuilder digits = new StringBuilder();
        final CompletableFuture<String> done = new CompletableFuture<>();
        private ScheduledFuture<?> timeout;

        Entry(int maxDigits) {
            this.maxDigits = maxDigits;
        }

        @Override
        public void key(char key) {
            if (done.isDone()) {
                return;
            }
            if (key == '#' && maxDigits > 1) {
                if (digits.length() == 0) {
                    digits.append('#'); // "#" alone is an answer of its own (e.g. "or press pound")
                }
                finish();
                return;
            }
            digits.append(key);
            if (digits.length() >= maxDigits) {
                finish();
            } else {
                restartTimeout();
            }
        }

        void promptEnded(PlayOutcome outcome) {
            if (done.isDone()) {
                return;
            }
            if (outcome.reason() == PlayOutcome.Reason.SESSION_CLOSED) {
                finish();
            } else if (outcome.reason() != PlayOutcome.Reason.KEY && timeout == null) {
                restartTimeout();
            }
        }

        private void restartTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
            timeout = context.after(context.settings.keyTimeoutMillis(), this::timedOut);
        }

        private void timedOut() {
            if (!done.isDone()) {
                finish();
            }
        }

        private void finish() {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (receiver == this) {
                receiver = null;
            }
            done.complete(digits.toString());
        }
    }
}
