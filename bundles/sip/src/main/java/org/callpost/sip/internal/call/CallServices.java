package org.callpost.sip.internal.call;

import java.util.Optional;
import org.callpost.api.call.CallHandler;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.profile.SwitchProfile;

/** The services an integration's calls need; they come and go at runtime. */
public interface CallServices {
    Optional<MediaEngine> media();

    Optional<CallHandler> handler();

    SwitchProfile profile();

    /** Calls up now across the integration, for {@code callpost:calls}. */
    default void callStarted(SipCall call) {
    }

    default void callEnded(SipCall call) {
    }

    /** Once per call, after {@link #callEnded}: how it ended, for the figures. */
    default void callEndedAs(CallOutcome outcome) {
    }
}
