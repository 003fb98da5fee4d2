package org.callpost.messaging.internal;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.callpost.api.call.Consultation;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.prompt.PromptId;
import org.callpost.api.store.Mailbox;

/**
 * An answer mode's caller put through to a subscriber's extension by the messaging transfer type
 * (supervised, confirmed or monitored; caller queuing when on); busy or no answer leaves a
 * message in the subscriber's mailbox with the greeting a forwarded call of that reason hears.
 * <p>
 * Threads: on the call's executor.
 */
final class PutThrough {
    private PutThrough() {
    }

    static void to(CallContext context, Mailbox mailbox, String extension) {
        int noAnswer = context.settings.operatorNoAnswerSeconds();
        Supplier<CompletionStage<Boolean>> queue = context.settings.queue().enabled()
                ? () -> new QueueHold(context, context.queues, extension, noAnswer).start() : null;
        context.transfer(extension, noAnswer, PromptId.EXTENSION_NOT_ANSWERING, context.settings.transferMode(), queue)
                .thenAccept(handedOver -> {
                    if (!handedOver && !context.ended()) {
                        ForwardReason reason = context.lastTransferOutcome() == Consultation.Outcome.BUSY
                                ? ForwardReason.BUSY : ForwardReason.NO_ANSWER;
                        new LeaveMessageFlow(context, mailbox, extension, reason).start();
                    }
                });
    }
}
