package org.callpost.messaging.internal;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.callpost.api.call.CallInfo;
import org.callpost.api.call.Consultation;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.StoreFullException;
import org.callpost.api.store.MessageDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller leaving a message in a mailbox: greeting, beep, recording, then the options after
 * {@code #} (1 listen, 2 record again, 3 urgent, # send). Hanging up at any point after the beep
 * keeps what was said. A full mailbox is said at once (with the operator offered when there is one).
 * During the greeting {@code #} skips to the beep, {@code 0} reverts to the
 * operator (back to the greeting when nobody answers), {@code *} is the subscriber's own logon,
 * and a fax calling tone goes to the fax extension.
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}), constructed there too; only the
 * store work it hands to {@link CallContext#inStore} runs on a store worker.
 */
final class LeaveMessageFlow {
    private static final Logger LOG = LoggerFactory.getLogger(LeaveMessageFlow.class);

    enum State { GREETING, OPERATOR, FAX, BEGINNING, BEEP, RECORDING, OPTIONS, DONE }

    private final CallContext context;
    private final Mailbox mailbox;
    private final String extension;
    private final CallInfo info;
    private State state = State.GREETING;
    private GreetingChoice greeting;
    private MessageDraft draft;
    private boolean recorded;
    private boolean finished;
    private long lastDurationMillis;
    private int tooShort;

    /**
     * @param extension the extension the caller wanted (what the system greeting speaks)
     */
    LeaveMessageFlow(CallContext context, Mailbox mailbox, String extension) {
        this(context, mailbox, extension, null);
    }

    /**
     * A caller an answer mode put through to {@code extension}, which was busy or did not answer:
     * the greeting and the message are as if the PBX had forwarded the call for {@code reason}.
     */
    LeaveMessageFlow(CallContext context, Mailbox mailbox, String extension, ForwardReason reason) {
        this.context = context;
        this.mailbox = mailbox;
        this.extension = extension;
        context.mailboxLanguage(mailbox); // its callers hear its greeting in its language
        CallInfo i = context.call.info();
        this.info = reason == null ? i : new CallInfo(i.callingNumber(), i.callingName(), i.dialledNumber(),
                Optional.of(extension), reason, i.trunk(), i.internalCaller(), i.toHuntGroup(), i.notes());
    }

    /** Where the flow is (on the call's executor; tests read it once the executor is idle). */
    State state() {
        return state;
    }

    void start() {
        context.onEnd().thenRun(this::callEnded);
        String box = mailbox.number();
        context.inStore(() -> context.store.counts(box).full()).whenComplete((full, e) -> {
            if (Boolean.TRUE.equals(full)) {
                mailboxFull();
            } else {
                chooseGreeting();
            }
        });
    }

    /** A full mailbox is said before any greeting: the caller does not speak for nothing. */
    private void mailboxFull() {
        state = State.DONE;
        finished = true;
        LOG.info("Call {}: mailbox {} is full: the caller is told", context.call.id(), mailbox.number());
        if (!context.settings.hasOperator()) {
            context.endWith(PromptId.MAILBOX_FULL);
            return;
        }
        context.keypad.collect(context.say(PromptId.MAILBOX_FULL, PromptId.GREETING_FOR_OPERATOR_PRESS_0), 1)
                .thenAccept(key -> {
                    if (key.equals("0")) {
                        context.toOperator().thenAccept(handedOver -> {
                            if (!handedOver) {
                                context.endWith();
                            }
                        });
                    } else if (!context.ended()) {
                        context.endWith();
                    }
                });
    }

    private void chooseGreeting() {
        Mailbox box = mailbox;
        context.inStore(() -> GreetingChoice.choose(info.reason(), box, context.settings.announceBusyGreeting(),
                g -> context.store.greeting(box.number(), g))).whenComplete((choice, failure) -> {
                    if (failure != null) {
                        LOG.warn("Call {}: greetings of mailbox {} unreadable; the system greeting plays",
                                context.call.id(), mailbox.number(), failure);
                        choice = new GreetingChoice(Greeting.SYSTEM, Optional.empty());
                    }
                    greeting = choice;
                    LOG.info("Call {}: {} for mailbox {} ({}), {} greeting", context.call.id(), info.reason(),
                            mailbox.number(), extension, choice.greeting());
                    playGreeting();
                });
    }

    /** What the caller hears before the beep. */
    List<PlayItem> greetingItems(GreetingChoice choice) {
        if (choice.greeting() != Greeting.SYSTEM) {
            return List.of(PlayItem.wav(choice.recording().orElseThrow()));
        }
        List<PlayItem> items = new ArrayList<>();
        if (choice.recording().isPresent()) {
            items.add(PlayItem.wav(choice.recording().get()));
        } else {
            items.addAll(context.say(PromptId.GREETING_PERSON_AT_EXTENSION));
            items.addAll(context.prompts.sayDigits(context.language(), extension));
        }
        items.addAll(context.say(info.reason() == ForwardReason.BUSY ? PromptId.GREETING_IS_BUSY
                : PromptId.GREETING_IS_NOT_AVAILABLE));
        if (context.settings.hasOperator()) {
            items.addAll(context.say(PromptId.GREETING_FOR_OPERATOR_PRESS_0));
        }
        items.addAll(context.say(PromptId.GREETING_LEAVE_MESSAGE_AFTER_TONE, PromptId.GREETING_WHEN_FINISHED));
        return items;
    }

    private void playGreeting() {
        if (context.ended()) {
            state = State.DONE;
            return;
        }
        state = State.GREETING;
        context.keypad.route(null);
        context.keypad.onFax(this::faxTone);
        String stopKeys = "#*" + (context.settings.hasOperator() ? "0" : "");
        context.play(greetingItems(greeting), stopKeys).thenAccept(this::greetingEnded);
    }

    private void greetingEnded(PlayOutcome outcome) {
        if (state != State.GREETING) {
            return; // a fax took over
        }
        if (context.ended() || outcome.reason() == PlayOutcome.Reason.SESSION_CLOSED) {
            state = State.DONE;
            return;
        }
        if (outcome.reason() == PlayOutcome.Reason.FAILED) {
            LOG.warn("Call {}: greeting of mailbox {} failed to play: {}", context.call.id(), mailbox.number(),
                    outcome.detail());
        }
        if (outcome.reason() == PlayOutcome.Reason.KEY && outcome.key() == '0') {
            state = State.OPERATOR;
            context.keypad.onFax(null);
            context.toOperator().thenAccept(handedOver -> {
                if (!handedOver) {
                    playGreeting();
                }
            });
        } else if (outcome.reason() == PlayOutcome.Reason.KEY && outcome.key() == '*') {
            state = State.DONE;
            context.keypad.onFax(null);
            LOG.info("Call {}: subscriber logon for mailbox {} from its greeting", context.call.id(), mailbox.number());
            new SubscriberSession(context).logOn(mailbox, true);
        } else if (outcome.reason() != PlayOutcome.Reason.STOPPED) {
            beginMessage();
        }
    }

    private void faxTone() {
        if (state != State.GREETING) {
            return;
        }
        state = State.FAX;
        context.keypad.onFax(null);
        context.call.media().stopPlaying();
        String fax = context.settings.faxExtension();
        if (fax.isEmpty()) {
            LOG.info("Call {}: fax calling tone for mailbox {}; no fax extension is set: call ended",
                    context.call.id(), mailbox.number());
            context.play(context.say(PromptId.FAX_NOT_ACCEPTED), "").whenComplete((o, e) -> context.call.hangUp());
            return;
        }
        LOG.info("Call {}: fax calling tone for mailbox {}: transfer to fax extension {}", context.call.id(),
                mailbox.number(), fax);
        Consultation consultation = context.call.consult(fax, 30);
        context.onCall(consultation.outcome()).thenCompose(o -> {
            if (o == Consultation.Outcome.ANSWERED) {
                return context.onCall(consultation.complete());
            }
            LOG.info("Call {}: fax extension {}: {}; call ended", context.call.id(), fax, o);
            consultation.takeBack();
            return CompletableFuture.completedFuture(false);
        }).whenComplete((done, e) -> {
            if (e != null || !Boolean.TRUE.equals(done)) {
                context.call.hangUp();
            }
        });
    }

    private void beginMessage() {
        state = State.BEGINNING;
        context.keypad.onFax(null);
        Envelope envelope = new Envelope(info.callingNumber(), info.callingName(), extension, info.reason(),
                info.dialledNumber(), Instant.now(), false);
        String box = mailbox.number();
        context.inStore(() -> context.store.beginMessage(box, envelope)).whenComplete((d, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof MailboxFullException full) {
                LOG.info("Call {}: {}", context.call.id(), full.getMessage());
                mailboxFull();
            } else if (cause instanceof StoreFullException storeFull) {
                // the disk is below the administrator's minimum: nothing was begun, nothing to discard
                done();
                LOG.warn("Call {}: no message for mailbox {}: {}; the caller is told", context.call.id(),
                        mailbox.number(), storeFull.getMessage());
                context.endWith(PromptId.SYSTEM_CANNOT_TAKE_MESSAGE);
            } else if (cause != null) {
                done();
                context.fail("no message could be begun in mailbox " + mailbox.number(), cause);
            } else {
                began(d);
            }
        });
    }

    private void began(MessageDraft d) {
        draft = d;
        if (context.ended()) {
            discard(MessageCounts.Discard.HUNG_UP, "the caller hung up before the beep");
            return;
        }
        beepAndRecord(List.of());
    }

    private void beepAndRecord(List<PlayItem> before) {
        state = State.BEEP;
        context.keypad.route(null);
        List<PlayItem> items = new ArrayList<>(before);
        items.add(PlayItem.recordBeep());
        context.play(items, "").thenAccept(o -> record());
    }

    private void record() {
        if (context.ended()) {
            callEnded();
            return;
        }
        state = State.RECORDING;
        long max = Math.min(1000L * context.settings.maximumMessageSeconds(), draft.maxDuration().toMillis());
        RecordRequest request = new RecordRequest(draft.recordingFile(), (int) Math.max(1000, max),
                1000 * context.settings.silenceEndSeconds(), "#");
        try {
            context.record(request).thenAccept(this::recordEnded);
        } catch (UncheckedIOException e) {
            done();
            context.fail("cannot record into " + draft.recordingFile(), e);
        }
    }

    private void recordEnded(RecordOutcome outcome) {
        if (outcome.reason() == RecordOutcome.Reason.STOPPED) {
            return;
        }
        recorded = true;
        lastDurationMillis = outcome.durationMillis();
        LOG.debug("Call {}: recording for mailbox {} ended: {} after {} ms", context.call.id(), mailbox.number(),
                outcome.reason(), outcome.durationMillis());
        if (outcome.reason() == RecordOutcome.Reason.CALL_ENDED || context.ended()) {
            keep();
            return;
        }
        if (outcome.reason() == RecordOutcome.Reason.FAILED) {
            LOG.error("Call {}: recording for mailbox {} failed: {}", context.call.id(), mailbox.number(),
                    outcome.detail());
            keep();
            context.endWith(PromptId.SYSTEM_ERROR);
            return;
        }
        if (outcome.durationMillis() < context.settings.minimumMessageMillis()) {
            if (++tooShort >= 3) { // nobody speaks (a line left open): end rather than beep forever
                keep();
                context.endWith(PromptId.RECORD_TOO_SHORT);
            } else {
                beepAndRecord(context.say(PromptId.RECORD_TOO_SHORT, PromptId.RECORD_AFTER_TONE));
            }
            return;
        }
        options(List.of());
    }

    /** After {@code #}: 1 listen, 2 record again, 3 urgent, # send. */
    private void options(List<PlayItem> before) {
        state = State.OPTIONS;
        List<PlayItem> menu = CallContext.join(before, context.say(PromptId.RECORD_MENU_LISTEN,
                PromptId.RECORD_MENU_RECORD_AGAIN, PromptId.RECORD_MENU_URGENT, PromptId.RECORD_MENU_SEND));
        context.keypad.menu(menu, "123#").thenAccept(this::option);
    }

    private void option(char key) {
        if (context.ended() || state != State.OPTIONS) {
            return; // callEnded keeps the message
        }
        MessageDraft d = draft;
        switch (key) {
            case '1' -> context.play(List.of(PlayItem.wav(d.recordingFile())), Keypad.ALL_KEYS)
                    .thenAccept(o -> optionsUnlessEnded(List.of()));
            case '2' -> beepAndRecord(context.say(PromptId.RECORD_AFTER_TONE));
            case '3' -> context.inStore(() -> {
                d.markUrgent(true);
                return true;
            }).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("Call {}: could not mark the message urgent", context.call.id(), e);
                }
                optionsUnlessEnded(e == null ? context.say(PromptId.RECORD_MARKED_URGENT) : List.of());
            });
            default -> send(); // # or no valid key three times: the message is kept and sent
        }
    }

    private void optionsUnlessEnded(List<PlayItem> before) {
        if (!context.ended()) {
            options(before);
        }
    }

    private void send() {
        state = State.DONE;
        context.keypad.route(null);
        keep().whenComplete((result, e) -> {
            if (e == null && result.outcome() == CommitResult.Outcome.SAVED) {
                context.endWith(PromptId.RECORD_SENT);
            } else if (e == null) {
                context.endWith(PromptId.RECORD_TOO_SHORT);
            } else {
                context.endWith(PromptId.SYSTEM_ERROR);
            }
        });
    }

    /** The call ended: what was recorded is kept (a recording in progress reports its own end). */
    void callEnded() {
        if (state == State.RECORDING || state == State.BEGINNING || finished) {
            return;
        }
        if (draft != null) {
            if (recorded) {
                keep();
            } else {
                discard(MessageCounts.Discard.HUNG_UP, "the caller hung up before recording");
            }
        }
        state = State.DONE;
    }

    /** Commits the draft once; a recording below the minimum length is discarded instead. */
    private CompletionStage<CommitResult> keep() {
        state = State.DONE;
        if (finished) {
            return CompletableFuture.failedFuture(new IllegalStateException("already kept"));
        }
        finished = true;
        MessageDraft d = draft;
        if (lastDurationMillis < context.settings.minimumMessageMillis()) {
            discard(MessageCounts.Discard.TOO_SHORT, lastDurationMillis + " ms is below the minimum message length");
            return CompletableFuture.completedFuture(new CommitResult(CommitResult.Outcome.TOO_SHORT,
                    Optional.empty(), Duration.ofMillis(lastDurationMillis)));
        }
        return context.inStore(d::commit).whenComplete((result, e) -> {
            if (e != null) {
                LOG.error("Call {}: message {} for mailbox {} could not be committed (it is recovered at the next start)",
                        context.call.id(), d.id(), mailbox.number(), e);
            } else if (result.outcome() == CommitResult.Outcome.SAVED) {
                context.messages.saved();
                LOG.info("Call {}: message {} ({} ms{}) from {} saved in mailbox {}", context.call.id(), d.id(),
                        result.duration().toMillis(), d.envelope().urgent() ? ", urgent" : "",
                        info.callingNumber().isEmpty() ? "a withheld number" : info.callingNumber(), mailbox.number());
            } else {
                context.messages.discarded(MessageCounts.Discard.TOO_SHORT);
                LOG.info("Call {}: message for mailbox {} too short ({} ms): not kept", context.call.id(),
                        mailbox.number(), result.duration().toMillis());
            }
        });
    }

    private void discard(MessageCounts.Discard reason, String why) {
        context.messages.discarded(reason);
        finished = true;
        state = State.DONE;
        MessageDraft d = draft;
        LOG.info("Call {}: no message for mailbox {}: {}", context.call.id(), mailbox.number(), why);
        context.inStore(() -> {
            d.discard();
            return true;
        }).exceptionally(e -> {
            LOG.warn("Call {}: draft {} of mailbox {} could not be discarded", context.call.id(), d.id(),
                    mailbox.number(), e);
            return false;
        });
    }

    private void done() {
        state = State.DONE;
        finished = true;
    }
}
