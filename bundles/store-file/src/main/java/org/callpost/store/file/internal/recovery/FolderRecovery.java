package org.callpost.store.file.internal.recovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Message;
import org.callpost.store.file.internal.format.EnvelopeFile;
import org.callpost.store.file.internal.format.MailboxFolder;
import org.callpost.store.file.internal.format.StoreFiles;
import org.callpost.store.file.internal.format.WavFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of a mailbox's message folders (new, saved, deleted). A message's audio and
 * envelope move one after the other, so a crash can split a pair between two folders, or between
 * a folder and the drafts (a commit): the pair is reunited where the second file went. A write a
 * crash cut short leaves only its temp file, removed here. Runs before the store serves anyone,
 * on the activating thread.
 */
public final class FolderRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(FolderRecovery.class);

    private FolderRecovery() {
    }

    /** Reunites split pairs and returns every message of the mailbox. */
    public static List<Message> recover(MailboxFolder box) throws IOException {
        List<Message> messages = new ArrayList<>();
        for (Folder folder : Folder.values()) {
            Path dir = box.folder(folder);
            Set<String> audio = new TreeSet<>();
            Set<String> envelopes = new TreeSet<>();
            list(dir, audio, envelopes);
            Set<String> ids = new TreeSet<>(audio);
            ids.addAll(envelopes);
            for (String id : ids) {
                Path wav = box.audio(folder, id);
                Path envelope = box.envelope(folder, id);
                if (!audio.contains(id)) {
                    Path elsewhere = findElsewhere(box, folder, id + MailboxFolder.WAV);
                    if (elsewhere == null) {
                        LOG.warn("Message {} of mailbox {} has an envelope but no audio: envelope removed", id,
                                box.number());
                        Files.deleteIfExists(envelope);
                        continue;
                    }
                    StoreFiles.moveAtomically(elsewhere, wav);
                }
                if (!envelopes.contains(id)) {
                    Path elsewhere = findElsewhere(box, folder, id + MailboxFolder.ENVELOPE);
                    if (elsewhere != null) {
                        StoreFiles.moveAtomically(elsewhere, envelope);
                    } else {
                        LOG.warn("Message {} of mailbox {} had no envelope: kept with an unknown caller", id,
                                box.number());
                        EnvelopeFile.write(envelope, id, box.number(), EnvelopeFile.unknown(wav), false, null);
                    }
                }
                messages.add(read(box, folder, id));
            }
            StoreFiles.syncDirectory(dir);
        }
        return messages;
    }

    /** A message as its files say; an envelope without a length (it came from a draft) is measured once. */
    private static Message read(MailboxFolder box, Folder folder, String id) throws IOException {
        Path wav = box.audio(folder, id);
        Path file = box.envelope(folder, id);
        EnvelopeFile.Contents contents = EnvelopeFile.read(file, wav);
        Envelope envelope = contents.envelope();
        Duration duration = contents.duration();
        if (duration == null) {
            duration = WavFile.repair(wav);
            EnvelopeFile.write(file, id, box.number(), envelope, contents.heard(), duration);
        }
        return new Message(id, box.number(), folder, envelope, duration, contents.heard(), wav);
    }

    /** Sorts a folder's files into audio and envelope ids; temp files a crash left are removed. */
    static void list(Path dir, Set<String> audio, Set<String> envelopes) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(StoreFiles.TEMP)) {
                    Files.deleteIfExists(file); // a write a crash cut short: the old file is intact
                } else if (name.endsWith(MailboxFolder.WAV)) {
                    audio.add(name.substring(0, name.length() - MailboxFolder.WAV.length()));
                } else if (name.endsWith(MailboxFolder.ENVELOPE)) {
                    envelopes.add(name.substring(0, name.length() - MailboxFolder.ENVELOPE.length()));
                }
            }
        }
    }

    private static Path findElsewhere(MailboxFolder box, Folder except, String fileName) {
        for (Folder folder : Folder.values()) {
            Path candidate = box.folder(folder).resolve(fileName);
            if (folder != except && Files.exists(candidate)) {
                return candidate;
            }
        }
        Path draft = box.drafts().resolve(fileName);
        return Files.exists(draft) ? draft : null;
    }
}
