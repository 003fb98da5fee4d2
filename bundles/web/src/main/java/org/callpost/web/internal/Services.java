package org.callpost.web.internal;

import org.callpost.api.attendant.AnswerModes;
import org.callpost.api.call.ActiveCalls;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.integration.Integrations;
import org.callpost.api.messaging.Callouts;
import org.callpost.api.messaging.MailboxNumbering;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.MessageStore;
import org.callpost.web.internal.http.ApiException;

/**
 * The API services as they are now: each may come and go (a feature stopped, a bundle updated), and
 * an endpoint that needs a missing one answers 503 saying which, instead of the whole API vanishing.
 */
public interface Services {
    MessageStore storeOrNull();

    PinLogons pinLogonsOrNull();

    Integrations integrationsOrNull();

    ActiveCalls activeCallsOrNull();

    MwiService mwiOrNull();

    Callouts calloutsOrNull();

    MailboxNumbering numberingOrNull();

    EmailNotifications emailOrNull();

    AnswerModes answerModesOrNull();

    /** The prompt service: which languages a mailbox may be given. */
    org.callpost.api.prompt.Prompts promptsOrNull();

    default MessageStore store() {
        return need(storeOrNull(), "message store", "callpost-messaging");
    }

    default PinLogons pinLogons() {
        return need(pinLogonsOrNull(), "voicemail application's PIN logon", "callpost-messaging");
    }

    default Integrations integrations() {
        return need(integrationsOrNull(), "SIP integration service", "callpost-core");
    }

    default ActiveCalls activeCalls() {
        return need(activeCallsOrNull(), "call service", "callpost-core");
    }

    default MwiService mwi() {
        return need(mwiOrNull(), "message-waiting lamp service", "callpost-mwi");
    }

    default Callouts callouts() {
        return need(calloutsOrNull(), "voicemail application's callouts", "callpost-messaging");
    }

    default EmailNotifications email() {
        return need(emailOrNull(), "voicemail to email", "callpost-email");
    }

    default AnswerModes answerModes() {
        return need(answerModesOrNull(), "voicemail application's answer modes", "callpost-messaging");
    }

    private static <T> T need(T service, String what, String feature) {
        if (service == null) {
            throw new ApiException(503, "The " + what + " is not running (Karaf feature " + feature + ")");
        }
        return service;
    }
}
