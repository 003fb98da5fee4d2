package org.callpost.store.file.internal.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Notification;
import org.callpost.store.file.internal.operations.PinHash;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The readers and writers of mailbox.properties and a message's .properties. */
public class FormatFilesTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void mailboxFileRoundTripsWithItsPinHash() throws Exception {
        Path file = temp.getRoot().toPath().resolve("mailbox.properties");
        PinHash pin = PinHash.of("4711", 1000, new SecureRandom());
        Mailbox mailbox = new Mailbox("201", "201", "branch", " Zoë = Sales: #1 \\ 東京",
                new Notification(false, "202", "0079*#"), true, Greeting.PERSONAL, new MailboxLimits(5, 120), true, "de");
        MailboxFile.write(file, mailbox, pin);
        MailboxFile.Contents read = MailboxFile.read(file, "201");
        assertEquals(mailbox, read.mailbox());
        assertTrue(read.pin().matches("4711"));
        assertEquals(1000, read.pin().iterations());
        MailboxFile.write(file, mailbox.withPinSet(false), null);
        assertNull(MailboxFile.read(file, "201").pin());
        assertFalse(MailboxFile.read(file, "201").mailbox().pinSet());
    }

    @Test
    public void anOldMailboxFileWithoutTheNewerKeysReadsAsBefore() throws Exception {
        Path file = temp.getRoot().toPath().resolve("mailbox.properties");
        // no integration (api.store 2.0.0), no notification, limits or greeting keys
        Files.writeString(file, "number=201\nextension=201\nname=Anna\n");
        Mailbox read = MailboxFile.read(file, "201").mailbox();
        assertEquals("", read.integration());
        assertTrue(read.notification().messageWaiting());
        assertEquals("", read.notification().calloutNumber());
        assertEquals(Greeting.SYSTEM, read.activeGreeting());
        assertEquals(new MailboxLimits(0, 0), read.limits());
        assertFalse(read.pinSet());
        assertEquals("", read.language()); // api.store 3.0.0: the system's rule
    }

    @Test
    public void aLanguageEditedIntoNoTagIsDroppedNotTheMailbox() throws Exception {
        Path file = temp.getRoot().toPath().resolve("mailbox.properties");
        Files.writeString(file, "number=201\nextension=201\nlanguage=Deutsch!\n");
        assertEquals("", MailboxFile.read(file, "201").mailbox().language());
        Files.writeString(file, "number=201\nextension=201\nlanguage=FR_ch\n");
        assertEquals("fr-ch", MailboxFile.read(file, "201").mailbox().language());
    }

    @Test
    public void envelopeFileRoundTripsAndADraftHasNoDuration() throws Exception {
        Path file = temp.getRoot().toPath().resolve("m.properties");
        Path wav = temp.newFile("m.wav").toPath();
        Envelope envelope = new Envelope("0441234567", "Alice", "201", ForwardReason.BUSY, "800",
                Instant.parse("2026-11-24T05:00:00.123Z"), true);
        EnvelopeFile.write(file, "m", "201", envelope, true, Duration.ofMillis(3456));
        EnvelopeFile.Contents read = EnvelopeFile.read(file, wav);
        assertEquals(envelope, read.envelope());
        assertTrue(read.heard());
        assertEquals(Duration.ofMillis(3456), read.duration());
        EnvelopeFile.write(file, "m", "201", envelope, false, null);
        assertNull("being recorded", EnvelopeFile.read(file, wav).duration());
        assertTrue(Files.readString(file).startsWith("# Callpost message m in mailbox 201 (being recorded)\n"));
    }

    @Test
    public void anEnvelopeWithoutTheNewerFieldsIsDatedByItsAudio() throws Exception {
        Path file = temp.getRoot().toPath().resolve("m.properties");
        Path wav = temp.newFile("m.wav").toPath();
        Instant written = Instant.parse("2026-11-20T10:00:00Z");
        Files.setLastModifiedTime(wav, FileTime.from(written));
        Files.writeString(file, "id=m\nmailbox=201\ncallingNumber=100\nreason=SOMETHING_NEW\n");
        EnvelopeFile.Contents read = EnvelopeFile.read(file, wav);
        assertEquals("100", read.envelope().callingNumber());
        assertEquals(ForwardReason.NONE, read.envelope().reason());
        assertEquals(written, read.envelope().received());
        assertFalse(read.envelope().urgent());
        assertFalse(read.heard());
        assertNull(read.duration());
    }
}
