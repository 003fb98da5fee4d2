package org.callpost.media.internal.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;

/**
 * Prompt files already decoded, shared by every call that plays them: the system greeting played
 * to 80 callers a second is read and decoded once, not 80 times (that was 180 KB of garbage and a
 * file read per call). An entry is used only while the file's size, modification time and identity
 * are unchanged, so a re-recorded personal greeting is played as it is now. The samples are never
 * written after decoding; {@link Prompts} only copies from them. For a codec that encodes each
 * sample alone (G.711) the entry also keeps the file encoded, once per codec, so the calls playing
 * it send those bytes and encode nothing.
 * <p>
 * Thread: any caller's thread (a session's {@code play}), under this object's lock; the lock is
 * held for a map look-up, never for the file read.
 */
public final class PromptCache {
    private final long maxSamples;
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long samples;
    private long hits;
    private long reads;

    /**
     * @param maxSamples decoded samples kept at most (2 bytes each; an encoded copy counts by its
     *                   bytes, two to a sample); the least recently played go first
     */
    public PromptCache(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** The file's audio as 16-bit samples: from the cache while the file is unchanged. */
    public short[] read(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Version version = new Version(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        synchronized (this) {
            Entry entry = entries.get(file);
            if (entry != null && entry.version.equals(version)) {
                hits++;
                return entry.samples;
            }
        }
        short[] decoded = Wav.read(file);
        synchronized (this) {
            reads++;
            if (decoded.length <= maxSamples) {
                Entry old = entries.put(file, new Entry(version, decoded));
                samples += decoded.length - (old == null ? 0 : old.size());
                evict();
            }
        }
        return decoded;
    }

    /**
     * {@code audio} (what {@link #read} returned for {@code file}) encoded by {@code codec}, which
     * must {@linkplain CodecProvider#encodesSamplesAlone encode each sample alone}: encoded once and
     * kept beside the samples while they are cached; null when they are not (too large, evicted or
     * replaced since) or when the entry and its encoded copy together would not fit (keeping it
     * would evict the entry itself, and every play would read the file again), and the caller
     * encodes as it plays.
     */
    public byte[] encoded(Path file, short[] audio, CodecProvider codec) {
        String encoding = codec.encodingName();
        synchronized (this) {
            Entry entry = entries.get(file);
            if (entry == null || entry.samples != audio) {
                return null;
            }
            byte[] done = entry.encoded.get(encoding);
            if (done != null) {
                return done;
            }
            if (entry.size() + (codec.encodedBytes(audio.length) + 1) / 2 > maxSamples) {
                return null;
            }
        }
        CodecChannel encoder = codec.newChannel();
        byte[] bytes = new byte[codec.encodedBytes(audio.length)];
        encoder.encode(audio, 0, audio.length, bytes, 0);
        synchronized (this) {
            Entry entry = entries.get(file);
            if (entry == null || entry.samples != audio) {
                return bytes; // evicted meanwhile: good for this play, not kept
            }
            byte[] raced = entry.encoded.putIfAbsent(encoding, bytes);
            if (raced != null) {
                return raced;
            }
            samples += (bytes.length + 1) / 2;
            evict();
            return bytes;
        }
    }

    private void evict() {
        Iterator<Map.Entry<Path, Entry>> eldest = entries.entrySet().iterator();
        while (samples > maxSamples && eldest.hasNext()) {
            Entry evicted = eldest.next().getValue();
            eldest.remove();
            samples -= evicted.size();
        }
    }

    /** Plays served from memory. */
    public synchronized long hits() {
        return hits;
    }

    /** Files read and decoded. */
    public synchronized long reads() {
        return reads;
    }

    /** Samples held: the decoded ones, and encoded copies' bytes two to a sample. */
    public synchronized long samples() {
        return samples;
    }

    /** A record's equals compares all three: same size, same time, same file (inode). */
    private record Version(long size, FileTime modified, Object fileKey) {
    }

    /** Decoded samples and, by encoding name, the same encoded (under the cache's lock). */
    private record Entry(Version version, short[] samples, Map<String, byte[]> encoded) {
        Entry(Version version, short[] samples) {
            this(version, samples, new HashMap<>(4));
        }

        /** In samples: the decoded ones, and each encoded copy's bytes two to a sample. */
        long size() {
            long size = samples.length;
            for (byte[] bytes : encoded.values()) {
                size += (bytes.length + 1) / 2;
            }
            return size;
        }
    }
}
