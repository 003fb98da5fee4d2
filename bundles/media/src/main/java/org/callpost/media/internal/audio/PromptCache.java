package org.callpost.media.internal.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompt files already decoded, shared by every call that plays them: the system greeting played
 * to 80 callers a second is read and decoded once, not 80 times (that was 180 KB of garbage and a
 * file read per call). An entry is used only while the file's size, modification time and identity
 * are unchanged, so a re-recorded personal greeting is played as it is now. The samples are never
 * written after decoding; {@link Prompts} only copies from them.
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

    /** @param maxSamples decoded samples kept at most (2 bytes each); the least recently played go first */
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
                samples += decoded.length - (old == null ? 0 : old.samples.length);
                Iterator<Map.Entry<Path, Entry>> eldest = entries.entrySet().iterator();
                while (samples > maxSamples && eldest.hasNext()) {
                    Entry evicted = eldest.next().getValue();
                    eldest.remove();
                    samples -= evicted.samples.length;
                }
            }
        }
        return decoded;
    }

    /** Plays served from memory. */
    public synchronized long hits() {
        return hits;
    }

    /** Files read and decoded. */
    public synchronized long reads() {
        return reads;
    }

    /** Decoded samples held. */
    public synchronized long samples() {
        return samples;
    }

    /** A record's equals compares all three: same size, same time, same file (inode). */
    private record Version(long size, FileTime modified, Object fileKey) {
    }

    private record Entry(Version version, short[] samples) {
    }
}
