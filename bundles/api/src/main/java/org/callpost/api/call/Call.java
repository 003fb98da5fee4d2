package org.callpost.api.call;

import java.util.concurrent.CompletionStage;
import org.callpost.api.media.MediaSession;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An answered call on one of Callpost's lines, as the application sees it. Methods return at
 * once; what they start is reported through the returned stages.
 */
@ProviderType
public interface Call {
    /** A unique id for logs and the shell. */
    String id();

    /** The integration (telephone system) the call came through. */
    String integration();

    /** The line number (from 1) and its extension. */
    int line();

    String lineExtension();

    /** Who called whom and why. */
    CallInfo info();

    CallState state();

    /** The call's audio: play prompts, record. */
    MediaSession media();

    /** Where the call's keys, fax tone and play/record ends are reported (one listener). */
    void listen(org.callpost.api.media.MediaListener listener);

    /** Completes when the call ends, whoever ends it (the caller hanging up included). */
    CompletionStage<Void> ended();

    /** Hangs up (BYE). Calling it again does nothing. */
    void hangUp();

    /**
     * Starts a supervised transfer: holds the caller (they hear nothing from us until the outcome),
     * calls {@code extension} from the same line and reports the outcome. The application then
     * completes the transfer or takes the caller back.
     *
     * @param noAnswerSeconds how long the extension may ring before the outcome is "no answer"
     */
    Consultation consult(String extension, int noAnswerSeconds);

    /**
     * Blind transfer (REFER without consultation), if the switch profile allows it.
     *
     * @return completes with true once the PBX accepted the REFER; false when refused or not allowed
     */
    CompletionStage<Boolean> blindTransfer(String extension);

    /** Whether {@link #blindTransfer(String)} may be used: the switch profile allows it. */
    boolean blindTransferAllowed();
}
