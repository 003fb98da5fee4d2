/**
 * Media: codecs and RTP sessions. Codec providers are whiteboard services collected by the
 * media engine; installing a codec bundle adds the codec to the next SDP offer. A session's
 * media is RTP or, with {@link org.callpost.api.media.SrtpKeys}, SRTP.
 * <p>
 * 1.3: {@link org.callpost.api.media.MediaSession#rekey}, new SRTP keys mid-call (a re-INVITE's).
 * 1.4: {@link org.callpost.api.media.CodecProvider#encodesSamplesAlone}, so prompts can be encoded
 * once for every call (G.711).
 */
@Version("1.4.0")
package org.callpost.api.media;

import org.osgi.annotation.versioning.Version;
