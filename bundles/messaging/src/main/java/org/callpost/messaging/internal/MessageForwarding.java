package org.callpost.messaging.internal;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.Message;
import org.callpost.api.store.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 5 while hearing a message: forward it to another mailbox with a spoken introduction (the
 * introduction is recorded into a temporary file and handed to the store, which copies it).
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}); only the store work it hands to
 * {@link CallContext#inStore} runs on a store worker.
 */
final class MessageForwarding {
    private static final Logger LOG = LoggerFactory.getLogger(MessageForwarding.class);

    private final CallContext context;
    private final Mailbox from;
    private final Message message;
    private final Runnable back;

    MessageForwarding(CallContext context, Mailbox from, Message message, Runnable back) {
        this.context = context;
        this.from = from;
        this.message = message;
        this.back = back;
    }

    void start() {
        context.keypad.collect(context.say(PromptId.FORWARD_ENTER_MAILBOX), context.settings.mailboxLength())
                .thenAccept(number -> {
                    if (context.ended()) {
                        return;
                    }
                    context.inStore(() -> !number.matches("\\d+") ? java.util.Optional.<Mailbox>empty()
                            : context.store.mailbox(number)
                                    .or(() -> context.store.mailboxOfExtension(context.call.integration(), number)))
                            .whenComplete((to, e) -> {
                                if (e != null || to.isEmpty()) {
                                    context.play(context.say(PromptId.LOGON_MAILBOX_INVALID), "").thenRun(back);
                                } else {
                                    introduction(to.get());
                                }
                            });
                });
    }

    private void introduction(Mailbox to) {
        context.inStore(() -> Files.createTempFile("callpost-introduction", ".wav")).whenComplete((file, e) -> {
            if (e != null) {
                context.fail("no temporary file for an introduction", e);
                return;
            }
            List<PlayItem> items = CallContext.join(context.say(PromptId.FORWARD_RECORD_INTRODUCTION),
                    List.of(PlayItem.recordBeep()));
            context.keypad.route(null);
            context.play(items, "").thenAccept(o -> {
                if (context.ended()) {
                    delete(file);
                    return;
                }
                try {
                    context.record(new RecordRequest(file, 60_000,
                            1000 * context.settings.silenceEndSeconds(), "#"))
                            .thenAccept(outcome -> recorded(to, file, outcome));
                } catch (UncheckedIOException ex) {
                    delete(file);
                    context.fail("cannot record an introduction", ex);
                }
            });
        });
    }

    private void recorded(Mailbox to, Path file, RecordOutcome outcome) {
        if (outcome.reason() == RecordOutcome.Reason.CALL_ENDED || outcome.reason() == RecordOutcome.Reason.STOPPED
                || context.ended()) {
            delete(file); // the subscriber hung up before choosing to send: nothing is forwarded
            return;
        }
        boolean spoken = outcome.reason() != RecordOutcome.Reason.FAILED && outcome.durationMillis() >= 500;
        String sender = from.extension().isEmpty() ? from.number() : from.extension();
        Envelope envelope = new Envelope(sender, from.name(), to.extension(), ForwardReason.NONE, "", Instant.now(),
                message.urgent());
        context.inStore(() -> context.store.forward(from.number(), message.id(), to.number(), envelope,
                spoken ? file : null)).whenComplete((copy, e) -> {
                    delete(file);
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof MailboxFullException) {
                        context.play(context.say(PromptId.MAILBOX_FULL), "").thenRun(back);
                    } else if (cause instanceof StoreFullException) {
                        LOG.warn("Call {}: message {} not forwarded to mailbox {}: {}", context.call.id(), message.id(),
                                to.number(), cause.getMessage());
                        context.play(context.say(PromptId.SYSTEM_CANNOT_TAKE_MESSAGE), "").thenRun(back);
                    } else if (cause != null) {
                        LOG.warn("Call {}: message {} not forwarded to mailbox {}", context.call.id(), message.id(),
                                to.number(), cause);
                        context.play(context.say(PromptId.SYSTEM_ERROR), "").thenRun(back);
                    } else {
                        LOG.info("Call {}: message {} of mailbox {} forwarded to mailbox {}", context.call.id(),
                                message.id(), from.number(), to.number());
                        context.play(context.say(PromptId.MESSAGE_FORWARDED), "").thenRun(back);
                    }
                });
    }

    private void delete(Path file) {
        context.inStore(() -> Files.deleteIfExists(file)).exceptionally(e -> false);
    }
}
