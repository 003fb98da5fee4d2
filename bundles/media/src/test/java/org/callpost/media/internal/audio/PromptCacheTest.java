package org.callpost.media.internal.audio;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromptCacheTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path wav(String name, short... samples) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        Wav.writeHeader(out, 2 * samples.length);
        for (short s : samples) {
            out.putShort(s);
        }
        Path file = folder.getRoot().toPath().resolve(name);
        Files.write(file, out.array());
        return file;
    }

    @Test
    public void aPromptPlayedAgainIsNotReadAgain() throws IOException {
        PromptCache cache = new PromptCache(1000);
        Path greeting = wav("greeting.wav", (short) 1, (short) 2, (short) 3);
        short[] first = cache.read(greeting);
        short[] second = cache.read(greeting);
        assertArrayEquals(new short[] {1, 2, 3}, first);
        assertSame(first, second);
        assertEquals(1, cache.reads());
        assertEquals(1, cache.hits());
    }

    @Test
    public void aReRecordedGreetingIsPlayedAsItIsNow() throws IOException {
        PromptCache cache = new PromptCache(1000);
        Path greeting = wav("greeting.wav", (short) 1, (short) 2);
        FileTime then = Files.getLastModifiedTime(greeting);
        cache.read(greeting);
        // the same size and the same modification time, but a new file moved into place
        Path recorded = wav("new.wav", (short) 7, (short) 8);
        Files.setLastModifiedTime(recorded, then);
        Files.move(recorded, greeting, StandardCopyOption.REPLACE_EXISTING);
        assertArrayEquals(new short[] {7, 8}, cache.read(greeting));
        // rewritten in place with a new length
        wav("greeting.wav", (short) 5, (short) 6, (short) 9);
        assertArrayEquals(new short[] {5, 6, 9}, cache.read(greeting));
        assertEquals(3, cache.reads());
    }

    @Test
    public void theLeastRecentlyPlayedGoFirstWhenTheCacheIsFull() throws IOException {
        PromptCache cache = new PromptCache(5);
        Path a = wav("a.wav", (short) 1, (short) 1);
        Path b = wav("b.wav", (short) 2, (short) 2);
        Path c = wav("c.wav", (short) 3, (short) 3);
        short[] first = cache.read(a);
        cache.read(b);
        cache.read(a); // a is now the most recent
        cache.read(c); // 6 samples: b goes
        assertEquals(4, cache.samples());
        assertSame(first, cache.read(a));
        assertEquals(3, cache.reads());
        cache.read(b);
        assertEquals(4, cache.reads()); // b was read again
    }

    @Test
    public void aPromptLargerThanTheCacheIsPlayedButNotKept() throws IOException {
        PromptCache cache = new PromptCache(0);
        Path a = wav("a.wav", (short) 4);
        assertArrayEquals(new short[] {4}, cache.read(a));
        assertArrayEquals(new short[] {4}, cache.read(a));
        assertEquals(2, cache.reads());
        assertEquals(0, cache.samples());
    }
}
