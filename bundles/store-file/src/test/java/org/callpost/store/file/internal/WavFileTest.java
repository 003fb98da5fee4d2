package org.callpost.store.file.internal;

import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.callpost.store.file.internal.format.WavFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WavFileTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void zeroedHeaderIsRewrittenAndOddByteDropped() throws Exception {
        Path file = temp.newFile("a.wav").toPath();
        Files.write(file, new byte[44 + 8001]); // header never written, audio odd
        assertEquals(Duration.ofMillis(500), WavFile.repair(file));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 8000, b.capacity());
        assertEquals(WavFile.RIFF, b.getInt(0));
        assertEquals(36 + 8000, b.getInt(4));
        assertEquals(8000, b.getInt(16 + 8));
        assertEquals(8000, b.getInt(40));
    }

    @Test
    public void staleSizesAreSetFromTheFileLength() throws Exception {
        Path file = temp.newFile("b.wav").toPath();
        FileMessageStoreTest.writeWav(file, 2000, false);
        Files.write(file, new byte[1600], java.nio.file.StandardOpenOption.APPEND); // 100 ms more after the last update
        assertEquals(Duration.ofMillis(2100), WavFile.repair(file));
        assertEquals(33600, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
    }

    @Test
    public void missingOrHeaderOnlyFileIsEmpty() throws Exception {
        assertEquals(Duration.ZERO, WavFile.repair(temp.getRoot().toPath().resolve("none.wav")));
        Path file = temp.newFile("c.wav").toPath();
        FileMessageStoreTest.writeWav(file, 0, true);
        assertEquals(Duration.ZERO, WavFile.repair(file));
    }
}
