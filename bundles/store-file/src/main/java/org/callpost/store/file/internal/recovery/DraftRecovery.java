package org.callpost.store.file.internal.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.callpost.api.store.Envelope;
import org.callpost.store.file.internal.format.EnvelopeFile;
import org.callpost.store.file.internal.format.MailboxFolder;
import org.callpost.store.file.internal.operations.UnfinishedDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of a mailbox's drafts folder: what was being recorded when Callpost stopped.
 * A greeting recording is removed (the old greeting stays); a draft whose recording never
 * started is removed; every other draft is handed back, each with an envelope, for the message
 * operations to commit as if the caller had hung up. Runs after {@link FolderRecovery}, which
 * takes back the drafts a crash split from their messages.
 */
public final class DraftRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DraftRecovery.class);

    private DraftRecovery() {
    }

    public static List<UnfinishedDraft> recover(MailboxFolder box) throws IOException {
        Path drafts = box.drafts();
        Set<String> audio = new TreeSet<>();
        Set<String> envelopes = new TreeSet<>();
        FolderRecovery.list(drafts, audio, envelopes);
        for (String id : audio) {
            if (id.startsWith(MailboxFolder.GREETING_DRAFT)) {
                Files.deleteIfExists(box.draftAudio(id));
                LOG.info("Unfinished greeting recording {} of mailbox {} removed; the greeting is unchanged", id,
                        box.number());
            }
        }
        Set<String> ids = new TreeSet<>(envelopes);
        audio.stream().filter(id -> !id.startsWith(MailboxFolder.GREETING_DRAFT)).forEach(ids::add);
        List<UnfinishedDraft> unfinished = new ArrayList<>();
        for (String id : ids) {
            Path wav = box.draftAudio(id);
            Path file = box.draftEnvelope(id);
            if (!Files.exists(wav)) {
                Files.deleteIfExists(file); // begun, but the recording never started
                continue;
            }
            Envelope envelope;
            if (Files.exists(file)) {
                envelope = EnvelopeFile.read(file, wav).envelope();
            } else {
                envelope = EnvelopeFile.unknown(wav);
                EnvelopeFile.write(file, id, box.number(), envelope, false, null);
            }
            unfinished.add(new UnfinishedDraft(id, envelope, wav));
        }
        return unfinished;
    }
}
