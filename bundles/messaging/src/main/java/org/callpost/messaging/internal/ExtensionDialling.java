package org.callpost.messaging.internal;

import org.callpost.api.prompt.PromptId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A direct caller who pressed # to leave a message: enter the extension, which is rung first
 * (supervised transfer); when it does not answer, the caller leaves a message in its mailbox.
 * With caller queuing on, a busy extension offers the caller to hold for it ({@link QueueHold}).
 * <p>
 * Threads: runs on the call's executor (see {@link CallContext}); only the store work it hands to
 * {@link CallContext#inStore} runs on a store worker.
 */
final class ExtensionDialling {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionDialling.class);
    private static final int LONGEST_EXTENSION = 6;

    private final CallContext context;
    private int tries;

    ExtensionDialling(CallContext context) {
        this.context = context;
    }

    void start() {
        ask(PromptId.LOGON_ENTER_EXTENSION);
    }

    private void ask(String... prompt) {
        context.keypad.collect(context.say(prompt), LONGEST_EXTENSION).thenAccept(extension -> {
            if (context.ended()) {
                return;
            }
            context.inStore(() -> extension.matches("\\d+") ? context.store.mailboxOfExtension(context.call.integration(), extension)
                    : java.util.Optional.<org.callpost.api.store.Mailbox>empty()).whenComplete((mailbox, e) -> {
                        if (e != null) {
                            context.fail("mailbox look-up failed", e);
                        } else if (mailbox.isEmpty()) {
                            tries++;
                            if (tries >= 3) {
                                context.endWith(PromptId.LOGON_EXTENSION_INVALID);
                            } else {
                                ask(PromptId.LOGON_EXTENSION_INVALID, PromptId.LOGON_ENTER_EXTENSION);
                            }
                        } else {
                            LOG.info("Call {}: dial by extension {}: ringing it first", context.call.id(), extension);
                            int noAnswer = context.settings.operatorNoAnswerSeconds();
                            java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> queue =
                                    context.settings.queue().enabled()
                                            ? () -> new QueueHold(context, context.queues, extension, noAnswer).start()
                                            : null;
                            context.transfer(extension, noAnswer, PromptId.EXTENSION_NOT_ANSWERING,
                                    context.settings.transferMode(), queue).thenAccept(handedOver -> {
                                        if (!handedOver) {
                                            new LeaveMessageFlow(context, mailbox.get(), extension).start();
                                        }
                                    });
                        }
                    });
        });
    }
}
