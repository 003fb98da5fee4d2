package org.callpost.api.profile;

import java.util.Objects;

/**
 * How a switch profile lights or clears one extension's message-waiting lamp. The SIP bundle
 * carries it out; the MWI service decides when.
 */
public sealed interface MessageWaiting permits MessageWaiting.DialCode, MessageWaiting.Notify {

    /**
     * Dial a feature access code from an MWI callout line (MiVoice Office 400: {@code *38<ext>} on,
     * {@code #38<ext>} off) and hang up once the PBX answers or refuses.
     *
     * @param number what to dial, e.g. {@code *38201}
     */
    record DialCode(String number) implements MessageWaiting {
        public DialCode {
            Objects.requireNonNull(number, "number");
        }
    }

    /**
     * Send an unsolicited NOTIFY to the extension at the PBX (RFC 3842 {@code message-summary}).
     *
     * @param event       the Event header, {@code message-summary}
     * @param contentType e.g. {@code application/simple-message-summary}
     * @param body        the summary, e.g. {@code Messages-Waiting: yes}
     */
    record Notify(String event, String contentType, String body) implements MessageWaiting {
        public Notify {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
