package org.callpost.store.file.internal.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;

/**
 * Where one mailbox's files are, readable by an administrator:
 *
 * <pre>
 * &lt;folder&gt;/201/mailbox.properties      settings; the PIN only as a salted PBKDF2 hash
 * &lt;folder&gt;/201/greetings/personal.wav  busy.wav, name.wav
 * &lt;folder&gt;/201/new/&lt;id&gt;.wav + &lt;id&gt;.properties (the envelope)   also saved/, deleted/
 * &lt;folder&gt;/201/drafts/                 recordings in progress; greeting-&lt;greeting&gt;-&lt;id&gt;.wav for greetings
 * </pre>
 *
 * Only names: immutable, so any thread may use one.
 */
public record MailboxFolder(String number, Path dir) {
    public static final String MAILBOX_FILE = "mailbox.properties";
    public static final String GREETINGS = "greetings";
    public static final String DRAFTS = "drafts";
    public static final String WAV = ".wav";
    public static final String ENVELOPE = ".properties";
    /** Greeting recordings share the drafts folder; the prefix tells recovery they are no messages. */
    public static final String GREETING_DRAFT = "greeting-";

    public Path mailboxFile() {
        return dir.resolve(MAILBOX_FILE);
    }

    public Path folder(Folder folder) {
        return dir.resolve(folder.name().toLowerCase(Locale.ROOT));
    }

    public Path drafts() {
        return dir.resolve(DRAFTS);
    }

    public Path greetings() {
        return dir.resolve(GREETINGS);
    }

    public Path audio(Folder folder, String id) {
        return folder(folder).resolve(id + WAV);
    }

    public Path envelope(Folder folder, String id) {
        return folder(folder).resolve(id + ENVELOPE);
    }

    public Path draftAudio(String id) {
        return drafts().resolve(id + WAV);
    }

    public Path draftEnvelope(String id) {
        return drafts().resolve(id + ENVELOPE);
    }

    public Path greeting(Greeting greeting) {
        return greetings().resolve(greeting.name().toLowerCase(Locale.ROOT) + WAV);
    }

    /** The recording of a greeting in progress, named so recovery removes it rather than make it a message. */
    public Path greetingDraft(Greeting greeting, String id) {
        return drafts().resolve(GREETING_DRAFT + greeting.name().toLowerCase(Locale.ROOT) + "-" + id + WAV);
    }

    /** Makes the folders of a mailbox that has its {@code mailbox.properties}; those present are kept. */
    public void createFolders() throws IOException {
        for (Folder folder : Folder.values()) {
            Files.createDirectories(folder(folder));
        }
        Files.createDirectories(greetings());
        Files.createDirectories(drafts());
    }
}
