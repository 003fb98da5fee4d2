package org.callpost.store.file.internal.recovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Message;
import org.callpost.store.file.internal.format.EnvelopeFile;
import org.callpost.store.file.internal.format.MailboxFolder;
import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.UnfinishedDraft;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Start-up recovery of a mailbox folder as a crash left it. */
public class RecoveryTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private MailboxFolder box() throws Exception {
        MailboxFolder box = new MailboxFolder("201", temp.getRoot().toPath().resolve("201"));
        box.createFolders();
        return box;
    }

    /** {@code millis} of audio whose header sizes were never updated, as the media engine leaves a recording. */
    private static void crashedWav(Path file, long millis) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(WavFile.HEADER_BYTES + (int) (millis * 16));
        WavFile.writeHeader(out, 0);
        Files.write(file, out.array());
    }

    private static Envelope envelope() {
        return new Envelope("0441234567", "", "201", ForwardReason.NO_ANSWER, "", Instant.parse("2026-11-24T05:00:00Z"),
                false);
    }

    @Test
    public void aDraftLeftByACrashIsHandedBackWithItsEnvelope() throws Exception {
        MailboxFolder box = box();
        EnvelopeFile.write(box.draftEnvelope("a"), "a", "201", envelope(), false, null);
        crashedWav(box.draftAudio("a"), 2000);
        crashedWav(box.draftAudio("b"), 2000); // audio only: the envelope was never written
        EnvelopeFile.write(box.draftEnvelope("c"), "c", "201", envelope(), false, null); // never recorded
        crashedWav(box.greetingDraft(Greeting.PERSONAL, "d"), 2000);
        Files.writeString(box.drafts().resolve("a.properties.tmp"), "half");

        List<UnfinishedDraft> drafts = DraftRecovery.recover(box);
        assertEquals(List.of("a", "b"), drafts.stream().map(UnfinishedDraft::id).toList());
        assertEquals(envelope(), drafts.get(0).envelope());
        assertEquals(box.draftAudio("a"), drafts.get(0).recording());
        assertEquals("unknown caller", "", drafts.get(1).envelope().callingNumber());
        assertTrue(Files.exists(box.draftEnvelope("b")));
        assertFalse(Files.exists(box.draftEnvelope("c")));
        assertFalse("greeting drafts are removed", Files.exists(box.greetingDraft(Greeting.PERSONAL, "d")));
        assertFalse(Files.exists(box.drafts().resolve("a.properties.tmp")));
    }

    @Test
    public void aTornEnvelopeKeepsTheMessageAndIsMeasuredOnce() throws Exception {
        MailboxFolder box = box();
        crashedWav(box.audio(Folder.SAVED, "m"), 1500);
        // cut mid-line, as an editor or a disk could leave it: what is there is read, the rest blank
        Files.writeString(box.envelope(Folder.SAVED, "m"), "id=m\nmailbox=201\ncallingNumber=100\nheard=tr");
        Files.writeString(box.folder(Folder.SAVED).resolve("m.properties.tmp"), "id=m\nmail");

        List<Message> messages = FolderRecovery.recover(box);
        assertEquals(1, messages.size());
        Message m = messages.get(0);
        assertEquals("100", m.envelope().callingNumber());
        assertFalse(m.heard());
        assertEquals(Duration.ofMillis(1500), m.duration());
        assertEquals(Duration.ofMillis(1500), EnvelopeFile.read(box.envelope(Folder.SAVED, "m"), m.audio()).duration());
        assertFalse(Files.exists(box.folder(Folder.SAVED).resolve("m.properties.tmp")));
    }

    @Test
    public void aPairSplitByACrashIsReunitedAndALoneEnvelopeRemoved() throws Exception {
        MailboxFolder box = box();
        crashedWav(box.audio(Folder.NEW, "m"), 1000);
        EnvelopeFile.write(box.envelope(Folder.SAVED, "m"), "m", "201", envelope(), false, Duration.ofMillis(1000));
        EnvelopeFile.write(box.envelope(Folder.NEW, "lone"), "lone", "201", envelope(), false, Duration.ofMillis(1));

        List<Message> messages = FolderRecovery.recover(box);
        assertEquals(List.of("m"), messages.stream().map(Message::id).toList());
        assertEquals(envelope(), messages.get(0).envelope());
        assertTrue("the envelope joins its audio", Files.exists(box.envelope(Folder.NEW, "m")));
        assertFalse(Files.exists(box.envelope(Folder.SAVED, "m")));
        assertFalse(Files.exists(box.envelope(Folder.NEW, "lone")));
    }
}
