package org.callpost.api.call;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Places calls from Callpost's lines: message-waiting callouts, message notification callouts,
 * calls to subscribers. The line is chosen by the integration's hunt mode so that outgoing calls
 * do not collide with calls the PBX is hunting in (terminal hunting: the last free line).
 * Message-waiting lamps are {@link org.callpost.api.lamp.Lamps}' job (2.0: no longer here).
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
}
