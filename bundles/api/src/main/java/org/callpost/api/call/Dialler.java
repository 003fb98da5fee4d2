package org.callpost.api.call;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Places calls from Callpost's lines: message-waiting callouts, message notification callouts,
 * calls to subscribers. The line is chosen by the integration's hunt mode so that outgoing calls
 * do not collide with calls the PBX is hunting in (terminal hunting: the last free line).
 */
@ProviderType
public interface Dialler {
    /** What the call is for; MWI callouts may be kept to lines of their own. */
    enum Purpose {
        CALL,
        MWI
    }

    /**
     * Dials {@code number} at the integration's PBX.
     *
     * @param noAnswerSeconds how long to let it ring before giving up (CANCEL)
     * @return completes with the outcome; when answered, the call is up and the caller of this
     *         method owns it (it must hang it up)
     */
    CompletionStage<DialResult> dial(String integration, String number, Purpose purpose, int noAnswerSeconds);

    /**
     * Sets an extension's message-waiting lamp the way the integration's switch profile says
     * (a feature code dialled from an MWI line and hung up at once, or a NOTIFY).
     *
     * @return completes with the PBX's final SIP status (2xx: done; for a feature code the PBX's
     *         answer or documented refusal), or 0 when the PBX did not answer
     */
    CompletionStage<Integer> setMessageWaiting(String integration, String extension, boolean on, int newCount,
            int oldCount, int urgentNew);

    /**
     * Whether the integration's PBX is told message counts with each lamp (a NOTIFY
     * message-summary), so that a change of counts with the lamp still lit is worth sending;
     * a feature-code lamp shows on or off only.
     */
    default boolean lampsShowCounts(String integration) {
        return false;
    }
}
