package org.callpost.api.media;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The RTP media engine: opens the audio of call legs on the lines' media ports and knows which
 * codecs are installed. One service; the SIP bundle offers {@link #codecs()} in SDP and opens a
 * session with what offer/answer settled.
 */
@ProviderType
public interface MediaEngine {

    /**
     * The codecs installed now, most preferred first: what to put in the next SDP offer. A codec
     * bundle installed or removed at runtime changes this list; sessions already open keep
     * their codec.
     */
    List<OfferedCodec> codecs();

    /**
     * Opens the media of one call leg: binds the RTP/RTCP ports and starts sending and
     * receiving on the media clock.
     *
     * @param spec     what SDP negotiation settled
     * @param listener hears keys, fax tones and the ends of plays and recordings
     * @throws IOException              if the ports cannot be bound
     * @throws IllegalArgumentException if no installed codec has the spec's encoding name
     */
    MediaSession open(SessionSpec spec, MediaListener listener) throws IOException;

    /** The sessions open now. */
    List<MediaSession> sessions();
}
