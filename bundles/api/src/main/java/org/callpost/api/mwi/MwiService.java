package org.callpost.api.mwi;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Message-waiting lamps: keeps each extension's desired lamp state (it follows the message
 * store: any unheard message lights it), persists it, and has the PBX set it through the
 * integration's switch profile, coalescing, retrying and re-asserting as needed.
 */
@ProviderType
public interface MwiService {

    /** Every lamp known, by extension. */
    List<LampStatus> lamps();

    /** One extension's lamp (with several PBXes, the first by integration of those with that extension). */
    Optional<LampStatus> lamp(String extension);

    /** The lamp of an extension of one integration (the PBX it is set at). */
    default Optional<LampStatus> lamp(String integration, String extension) {
        return lamps().stream().filter(l -> l.extension().equals(extension) && l.integration().equals(integration))
                .findFirst();
    }

    /**
     * Sets an extension's lamp by hand (the administrator's {@code callpost:mwi-set}); the store's
     * next change for that extension's mailbox overrides it.
     *
     * @throws IllegalArgumentException when the extension is not digits
     */
    void set(String extension, boolean on);

    /**
     * Sends every lamp again (the PBX may have forgotten them).
     *
     * @param integration only the lamps of this integration, or empty for all
     * @return how many lamps were queued
     */
    int reassert(Optional<String> integration);
}
