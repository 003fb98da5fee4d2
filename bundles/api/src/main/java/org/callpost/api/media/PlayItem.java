package org.callpost.api.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One piece of what a caller hears: a recorded prompt or message (WAV file), a pause, or a tone
 * such as the beep before recording. A prompt sequence is a list of these played back to back.
 */
public sealed interface PlayItem permits PlayItem.Wav, PlayItem.Silence, PlayItem.Tone {

    /**
     * A WAV file: 8 kHz mono, 16-bit linear PCM, mu-law or A-law (a prompt, greeting or message).
     *
     * @param file the file, read when {@link MediaSession#play} is called
     */
    record Wav(Path file) implements PlayItem {
        public Wav {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * A pause.
     *
     * @param millis how long, 0 or more
     */
    record Silence(int millis) implements PlayItem {
        public Silence {
            if (millis < 0) {
                throw new IllegalArgumentException("silence must not be negative: " + millis);
            }
        }
    }

    /**
     * A steady single or dual tone (a beep, a DTMF-like pair, a call-progress tone).
     *
     * @param frequencyHz       the first frequency, 50..3800 Hz
     * @param secondFrequencyHz a second frequency mixed in, or 0 for a single tone
     * @param millis            how long it sounds
     * @param levelDbm0         the level of each frequency in dBm0 (e.g. -10); at most 0
     */
    record Tone(int frequencyHz, int secondFrequencyHz, int millis, int levelDbm0) implements PlayItem {
        public Tone {
            if (frequencyHz < 50 || frequencyHz > 3800) {
                throw new IllegalArgumentException("tone frequency out of 50..3800 Hz: " + frequencyHz);
            }
            if (secondFrequencyHz != 0 && (secondFrequencyHz < 50 || secondFrequencyHz > 3800)) {
                throw new IllegalArgumentException("second frequency out of 50..3800 Hz: " + secondFrequencyHz);
            }
            if (millis < 0 || levelDbm0 > 0) {
                throw new IllegalArgumentException("bad tone duration or level: " + millis + " ms, " + levelDbm0 + " dBm0");
            }
        }
    }

    /** Plays a WAV file. */
    static PlayItem wav(Path file) {
        return new Wav(file);
    }

    /** A pause of {@code millis}. */
    static PlayItem silence(int millis) {
        return new Silence(millis);
    }

    /** The beep that tells a caller to start speaking: 1000 Hz, 300 ms, -10 dBm0. */
    static PlayItem recordBeep() {
        return new Tone(1000, 0, 300, -10);
    }
}
