package org.callpost.api.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to record and when to stop: a caller leaving a message or a subscriber recording a
 * greeting. The recording is always ended by the call ending too.
 *
 * @param file          the WAV file to write (8 kHz, 16-bit linear PCM, mono); written as the
 *                      audio arrives, flushed to the file at least twice a second with a valid
 *                      header (a crash keeps what was said), forced to disk when it ends
 * @param maxMillis     the longest message allowed; 0 for no limit
 * @param silenceMillis end after this much continuous silence (the trailing silence is cut
 *                      off the file); 0 to never end on silence
 * @param stopKeys      keys that end the recording (e.g. {@code "#"}); the key is not recorded
 *                      when it came as a telephone-event; "" for none
 */
public record RecordRequest(Path file, int maxMillis, int silenceMillis, String stopKeys) {
    public RecordRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stopKeys, "stopKeys");
        if (maxMillis < 0 || silenceMillis < 0) {
            throw new IllegalArgumentException("negative limit: max " + maxMillis + " ms, silence " + silenceMillis + " ms");
        }
        for (int i = 0; i < stopKeys.length(); i++) {
            if (!Dtmf.isKey(stopKeys.charAt(i))) {
                throw new IllegalArgumentException("not a DTMF key: '" + stopKeys.charAt(i) + "'");
            }
        }
    }
}
