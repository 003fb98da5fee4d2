package org.callpost.sip.internal.call;

import java.util.concurrent.CompletionStage;
import org.callpost.api.call.Consultation;

/**
 * What a {@link SipCall} asks of the integration it belongs to when the application acts on it.
 * Called on any thread; the integration does the work on its own thread.
 */
interface CallContext {
    void hangUp(SipCall call);

    Consultation consult(SipCall call, String extension, int noAnswerSeconds);

    boolean blindTransferAllowed();

    CompletionStage<Boolean> blindTransfer(SipCall call, String extension);
}
