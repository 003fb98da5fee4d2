package org.callpost.media.internal.audio;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.callpost.api.media.PlayItem;
import org.callpost.codec.g711.internal.PcmaCodecProvider;

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

    @Test
    public void aPromptEncodedOnceSendsTheBytesEncodingEachCallWouldHaveMade() throws IOException {
        Random random = new Random(77);
        short[] long1 = new short[1000]; // not a whole number of 160-sample frames
        short[] long2 = new short[437];
        for (short[] a : new short[][] {long1, long2}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) random.nextInt();
            }
        }
        Path first = wav("first.wav", long1);
        Path second = wav("second.wav", long2);
        List<PlayItem> items = List.of(PlayItem.wav(first), PlayItem.recordBeep(), PlayItem.wav(second),
                PlayItem.silence(30), PlayItem.wav(first));
        PromptCache cache = new PromptCache(100_000);
        CodecProvider pcma = new PcmaCodecProvider();
        Prompts shared = Prompts.load(items, cache, pcma);
        Prompts own = Prompts.load(items, cache, new CodecProvider() {
            // the same codec, but one that does not say it encodes each sample alone
            public String encodingName() { return pcma.encodingName(); }
            public int staticPayloadType() { return 8; }
            public int clockRate() { return 8000; }
            public int frameSamples() { return 1; }
            public int encodedBytes(int samples) { return samples; }
            public String fmtp() { return ""; }
            public CodecChannel newChannel() { return pcma.newChannel(); }
        });
        CodecChannel encoder = pcma.newChannel();
        short[] pcm = new short[160];
        byte[] expected = new byte[160];
        byte[] sent = new byte[172];
        int copied = 0;
        int frames = 0;
        while (!own.finished()) {
            assertTrue(own.fill(pcm, 0, 160) || own.finished());
            encoder.encode(pcm, 0, 160, expected, 0);
            if (shared.fillEncoded(sent, 12, 160)) {
                copied++;
            } else {
                shared.fill(pcm, 0, 160);
                encoder.encode(pcm, 0, 160, sent, 12);
            }
            assertArrayEquals("frame " + frames, expected, java.util.Arrays.copyOfRange(sent, 12, 172));
            frames++;
        }
        assertTrue(shared.finished());
        // the frames wholly inside a file are copied: 6 of the first (0-959); the beep (2,400)
        // leaves the second starting 40 samples into a frame, so 1 of it (120-279: 437 ends
        // before 440); silence (240) leaves the first's second play 77 into a frame: 5 (83-882).
        // Frames across an item's end are filled and encoded as before
        assertEquals(6 + 1 + 5, copied);
        assertTrue(frames > copied);
        // one encoded copy per file and codec, kept beside the samples
        assertSame(cache.encoded(first, cache.read(first), pcma), cache.encoded(first, cache.read(first), pcma));
        assertEquals(1000 + 437 + 500 + 219, cache.samples()); // an encoded byte counts half a sample
    }

    @Test
    public void noEncodedCopyThatWouldPushItsOwnFileOutOfTheCache() throws IOException {
        PromptCache cache = new PromptCache(4); // 3 samples fit, 3 + 2 (the encoded copy) do not
        Path a = wav("a.wav", (short) 1, (short) 2, (short) 3);
        short[] samples = cache.read(a);
        assertNull(cache.encoded(a, samples, new PcmaCodecProvider()));
        assertSame(samples, cache.read(a));
        assertEquals(1, cache.reads());
        assertEquals(3, cache.samples());
    }

    @Test
    public void noEncodedCopyOfAFileTheCacheDoesNotHold() throws IOException {
        PromptCache cache = new PromptCache(1);
        Path a = wav("a.wav", (short) 1, (short) 2, (short) 3);
        short[] samples = cache.read(a);
        assertNull(cache.encoded(a, samples, new PcmaCodecProvider()));
    }
}
