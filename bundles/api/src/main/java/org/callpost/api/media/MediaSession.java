package org.callpost.api.media;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audio of one call leg: an RTP/RTCP port pair on a line, sending prompts and receiving the
 * caller's voice and keys. Opened by {@link MediaEngine#open}; every method may be called from
 * any thread and returns at once (the work happens on the media clock). Events go to the
 * session's {@link MediaListener}.
 */
@ProviderType
public interface MediaSession extends AutoCloseable {

    /** The label given in the spec, for logs and the shell. */
    String label();

    /** The spec in force now (after {@link #update} calls). */
    SessionSpec spec();

    /** The local RTP port actually bound (RTCP is the next one); what goes into SDP. */
    int localRtpPort();

    /**
     * Plays a prompt sequence to the caller, replacing whatever is playing (that play ends as
     * {@link PlayOutcome.Reason#STOPPED}). Files are read before this method returns.
     *
     * @param items    what to play, in order
     * @param stopKeys keys that interrupt the play (e.g. {@code "0123456789*#"}); "" for none
     * @return completed when the play ends; the listener also hears {@code playFinished}
     */
    CompletionStage<PlayOutcome> play(List<PlayItem> items, String stopKeys);

    /** Stops the current play, if any. */
    void stopPlaying();

    /**
     * Starts recording what the caller says, replacing a recording in progress (that one ends
     * as {@link RecordOutcome.Reason#STOPPED}). The file is created before this returns.
     *
     * @return completed when the recording ends and its file is closed
     * @throws java.io.UncheckedIOException if the file cannot be created
     */
    CompletionStage<RecordOutcome> record(RecordRequest request);

    /** Ends the current recording, if any, keeping what was recorded. */
    void stopRecording();

    /**
     * Sends keys to the far end (e.g. to dial through an auto-attendant): as RFC 4733
     * telephone-events when negotiated (marker on the first packet, three end packets), else
     * as in-band tones. Keys are queued behind ones still being sent.
     *
     * @param keys       DTMF keys {@code 0-9 * # A-D}
     * @param toneMillis how long each key sounds, 40..1000 ms; keys are 60 ms apart
     */
    void sendDtmf(String keys, int toneMillis);

    /**
     * Changes where audio goes and which way it flows: hold (sendonly / inactive, or remote
     * address 0.0.0.0) and resume, or a re-INVITE moving the far end. Codec and ptime stay.
     */
    void update(String remoteAddress, int remoteRtpPort, MediaDirection direction);

    /**
     * Takes up new SRTP keys on an SRTP session (RFC 4568 §7.1.4: a re-INVITE may bring a new key
     * from the far end): from now on packets are checked with the new receive key and those under
     * the old one are dropped. A send key and suite as before keep the sending context as it is.
     *
     * @throws IllegalStateException when the session is plain RTP (SRTP is not switched on mid-call)
     */
    void rekey(SrtpKeys keys);

    /** The counters of this session so far. */
    SessionStatistics statistics();

    /** Whether the session is still open. */
    boolean isOpen();

    /**
     * Ends the call's media: a recording in progress ends as {@link RecordOutcome.Reason#CALL_ENDED}
     * (what was said is kept), a play as {@link PlayOutcome.Reason#SESSION_CLOSED}; an RTCP BYE is
     * sent and the ports are released. Calling it again does nothing.
     */
    @Override
    void close();
}
