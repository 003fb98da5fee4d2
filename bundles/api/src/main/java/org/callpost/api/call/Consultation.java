package org.callpost.api.call;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/** A consultation call placed for a supervised transfer. */
@ProviderType
public interface Consultation {
    /** How the consultation call went. */
    enum Outcome {
        ANSWERED,
        BUSY,
        NO_ANSWER,
        FAILED
    }

    /** Completes when the called extension rings (180 or 183); never for one that is busy or unreachable. */
    CompletionStage<Void> ringing();

    /** Completes when the called extension answers, is busy, does not answer or the call fails. */
    CompletionStage<Outcome> outcome();

    /**
     * Joins the caller and the answered extension (REFER with Replaces) and leaves the call.
     *
     * @return completes with true when the PBX reported the transfer done
     */
    CompletionStage<Boolean> complete();

    /**
     * The consultation call once the called extension answered: to speak to the called party and
     * hear its keys before completing (a confirmed transfer). Empty before the answer, or when
     * there was none.
     */
    java.util.Optional<Call> call();

    /** Ends the consultation call and gives the caller back to the application. */
    void takeBack();
}
