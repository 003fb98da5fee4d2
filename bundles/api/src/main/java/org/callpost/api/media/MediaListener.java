package org.callpost.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears what happens on one call's media: keys the caller presses, a fax machine calling, and
 * the end of plays and recordings. Called on the media engine's event thread, one event at a
 * time and in order for a session; implementations must return quickly and must not block.
 */
@ConsumerType
public interface MediaListener {
    /** A listener that ignores everything. */
    MediaListener NONE = new MediaListener() {
    };

    /** The caller pressed {@code key}; each press is reported exactly once. */
    default void dtmfReceived(MediaSession session, char key, DtmfSource source) {
    }

    /** A fax machine's calling tone (CNG, 1100 Hz) is heard: the caller is a fax. */
    default void faxToneDetected(MediaSession session) {
    }

    /** A prompt sequence ended. */
    default void playFinished(MediaSession session, PlayOutcome outcome) {
    }

    /** A recording ended; its file is closed. */
    default void recordFinished(MediaSession session, RecordOutcome outcome) {
    }
}
