package org.callpost.api.lamp;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Shows message-waiting lamps on a PBX. The SIP bundle provides it for every running integration;
 * how a lamp is set (a feature code dialled from an MWI line and hung up at once, or an
 * unsolicited NOTIFY) is the integration's switch profile's choice.
 */
@ProviderType
public interface Lamps {
    /**
     * Asks the integration's PBX to show {@code request} on the extension's lamp.
     *
     * @return completes with the PBX's final SIP status (2xx: done; for a feature code the PBX's
     *         answer or documented refusal), or 0 when the PBX did not answer or the integration
     *         is not running
     */
    CompletionStage<Integer> set(String integration, LampRequest request);

    /**
     * Whether the integration's lamps show message counts, so that a change of counts with the
     * lamp still lit is worth sending; false when the integration is not running.
     */
    boolean showCounts(String integration);
}
