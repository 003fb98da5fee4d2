package org.callpost.messaging.internal;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.callpost.api.amis.AmisNetwork;
import org.callpost.api.amis.AmisNodeStatus;
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
 * introduction is recorded into a temporary file and handed to the store, which copies it), or,
 * when the entry is no local mailbox but begins with an AMIS node's address prefix, to a mailbox
 * of that other voice mail system.
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
                                Optional<AmisNodeStatus> node = e != null || to.isPresent() ? Optional.empty()
                                        : remoteNode(number);
                                if (node.isPresent()) {
                                    remote(node.get(), number.substring(node.get().prefix().length()));
                                } else if (e != null || to.isEmpty()) {
                                    context.play(context.say(PromptId.LOGON_MAILBOX_INVALID), "").thenRun(back);
                                } else {
                                    introduction(to.get());
                                }
                            });
                });
    }

    /** The AMIS node whose address prefix the entry begins with, when AMIS is installed and no local mailbox matched. */
    private Optional<AmisNodeStatus> remoteNode(String number) {
        AmisNetwork amis = context.amis;
        if (amis == null || !number.matches("\\d+")) {
            return Optional.empty();
        }
        return amis.nodes().stream().filter(n -> !n.prefix().isEmpty() && number.startsWith(n.prefix())).findFirst();
    }

    /**
     * A remote address: the prefix and the first digits came with the mailbox entry; the rest of
     * the remote mailbox follows, ended by # or a pause. The message goes as it is (AMIS carries
     * no introduction), queued for the node's next session.
     */
    private void remote(AmisNodeStatus node, String typed) {
        context.keypad.collect(List.of(), 20).thenAccept(rest -> {
            if (context.ended()) {
                return;
            }
            String mailbox = typed + (rest.equals("#") ? "" : rest);
            AmisNetwork amis = context.amis;
            String fromNumber = from.number();
            String id = message.id();
            context.inStore(() -> amis.send(node.node(), mailbox, fromNumber, id))
                    .whenComplete((queued, e) -> {
                        if (e != null) {
                            LOG.info("Call {}: message {} not queued for AMIS node {} mailbox {}: {}", context.call.id(),
                                    message.id(), node.node(), mailbox, e.getMessage());
                            context.play(context.say(PromptId.LOGON_MAILBOX_INVALID), "").thenRun(back);
                        } else {
                            LOG.info("Call {}: message {} of mailbox {} queued for AMIS node {} mailbox {}", context.call.id(),
                                    message.id(), from.number(), node.node(), mailbox);
                            context.play(context.say(PromptId.MESSAGE_FORWARDED), "").thenRun(back);
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
