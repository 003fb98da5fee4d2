package org.callpost.media.internal.audio;

import java.io.IOException;
import java.util.List;

import org.callpost.api.media.CodecProvider;
import org.callpost.api.media.PlayItem;

/**
 * A prompt sequence ready for the media clock: WAV files already read into samples, silences and
 * tones as lengths. Built on the caller's thread; then played without touching the disk or
 * allocating. With a codec that encodes each sample alone (G.711), a file's frames go out as the
 * cache encoded them once ({@link #fillEncoded}): no copy to samples, no encoding per call.
 */
public final class Prompts {
    private final short[][] audio;
    /** The files encoded for the session's codec, where the cache had them (else null). */
    private final byte[][] encoded;
    private final int[] lengths;
    private final int[] firstHz;
    private final int[] secondHz;
    private final int[] levels;
    private final ToneGenerator tone = new ToneGenerator();
    private int item;
    private int position;

    private Prompts(int count) {
        audio = new short[count][];
        encoded = new byte[count][];
        lengths = new int[count];
        firstHz = new int[count];
        secondHz = new int[count];
        levels = new int[count];
    }

    /**
     * Reads the files of {@code items} (decoded once, then shared through {@code cache}); for a
     * {@code codec} that {@linkplain CodecProvider#encodesSamplesAlone encodes each sample alone}
     * (one byte a sample), also their encoded bytes, shared the same way.
     */
    public static Prompts load(List<PlayItem> items, PromptCache cache, CodecProvider codec) throws IOException {
        Prompts prompts = new Prompts(items.size());
        boolean shareEncoded = codec.encodesSamplesAlone() && codec.encodedBytes(1) == 1;
        for (int i = 0; i < items.size(); i++) {
            PlayItem item = items.get(i);
            if (item instanceof PlayItem.Wav wav) {
                prompts.audio[i] = cache.read(wav.file());
                prompts.lengths[i] = prompts.audio[i].length;
                if (shareEncoded) {
                    prompts.encoded[i] = cache.encoded(wav.file(), prompts.audio[i], codec);
                }
            } else if (item instanceof PlayItem.Silence silence) {
                prompts.lengths[i] = silence.millis() * 8;
            } else if (item instanceof PlayItem.Tone t) {
                prompts.lengths[i] = t.millis() * 8;
                prompts.firstHz[i] = t.frequencyHz();
                prompts.secondHz[i] = t.secondFrequencyHz();
                prompts.levels[i] = t.levelDbm0();
            } else {
                throw new IllegalArgumentException("unknown play item " + item);
            }
        }
        prompts.startItem();
        return prompts;
    }

    private void startItem() {
        while (item < lengths.length && lengths[item] == 0) {
            item++;
        }
        if (item < lengths.length && firstHz[item] != 0) {
            tone.start(firstHz[item], secondHz[item], levels[item]);
        }
    }

    /**
     * Writes the next {@code length} samples (silence after the end).
     *
     * @return false once the whole sequence has been played
     */
    public boolean fill(short[] out, int offset, int length) {
        int done = 0;
        while (done < length && item < lengths.length) {
            int n = Math.min(length - done, lengths[item] - position);
            if (audio[item] != null) {
                System.arraycopy(audio[item], position, out, offset + done, n);
            } else if (firstHz[item] != 0) {
                tone.fill(out, offset + done, n);
            } else {
                java.util.Arrays.fill(out, offset + done, offset + done + n, (short) 0);
            }
            done += n;
            position += n;
            if (position == lengths[item]) {
                item++;
                position = 0;
                startItem();
            }
        }
        if (done < length) {
            java.util.Arrays.fill(out, offset + done, offset + length, (short) 0);
        }
        return item < lengths.length || done > 0;
    }

    /**
     * Writes the next {@code length} samples already encoded, one byte each, if they all lie in
     * one file the cache encoded for this codec: what {@link #fill} and the codec's encode would
     * have made. Otherwise writes nothing and returns false: then {@link #fill} and encode.
     */
    public boolean fillEncoded(byte[] out, int offset, int length) {
        if (item >= lengths.length || encoded[item] == null || lengths[item] - position < length) {
            return false;
        }
        System.arraycopy(encoded[item], position, out, offset, length);
        position += length;
        if (position == lengths[item]) {
            item++;
            position = 0;
            startItem();
        }
        return true;
    }

    /** Whether everything has been played. */
    public boolean finished() {
        return item >= lengths.length;
    }
}
