package org.callpost.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The application that takes answered calls: the voicemail application registers one. With none
 * registered, incoming calls are refused with 480 Temporarily Unavailable.
 */
@ConsumerType
public interface CallHandler {
    /**
     * A call was answered and its audio is up. Called on a Callpost thread: return quickly and
     * drive the call through its media session's stages.
     */
    void answered(Call call);
}
