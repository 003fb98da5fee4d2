/**
 * Media: codecs and RTP sessions. Codec providers are whiteboard services collected by the
 * media engine; installing a codec bundle adds the codec to the next SDP offer.
 */
@Version("1.1.0")
package org.callpost.api.media;

import org.osgi.annotation.versioning.Version;
