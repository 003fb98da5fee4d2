package org.callpost.amis.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.callpost.api.amis.AmisQueued;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AmisQueueTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aQueueReadAgainAfterARestartHoldsWhatWasWaitingWithItsAttempts() throws Exception {
        Path folder = tmp.newFolder("amis").toPath();
        Path audio = tmp.newFile("m.wav").toPath();
        Files.write(audio, new byte[] {1, 2, 3});
        AmisQueue q = new AmisQueue(folder);
        AmisQueued first = q.add("branch", "2001", "201", "m1", Duration.ofSeconds(7), audio, Instant.ofEpochMilli(1000));
        AmisQueued second = q.add("branch", "2002", "201", "m2", Duration.ofSeconds(9), audio, Instant.ofEpochMilli(2000));
        q.attempted(first, "call busy (486)");
        Files.delete(audio); // the sender deleted the original: the queue has its copy

        AmisQueue again = new AmisQueue(folder);
        List<AmisQueued> waiting = again.of("branch");
        assertEquals(List.of(first.id(), second.id()), waiting.stream().map(AmisQueued::id).toList());
        assertEquals(1, waiting.get(0).attempts());
        assertEquals("call busy (486)", waiting.get(0).lastOutcome());
        assertEquals(Duration.ofSeconds(7), waiting.get(0).length());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(again.audio(waiting.get(0))));

        again.remove(waiting.get(0));
        assertEquals(List.of(second.id()), new AmisQueue(folder).of("branch").stream().map(AmisQueued::id).toList());
        assertEquals(List.of(), again.of("other"));
    }
}
