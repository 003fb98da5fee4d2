package org.callpost.email.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The ids of the new-folder messages already looked at, per mailbox, on disk (one file per
 * mailbox, written atomically), so that a restart neither misses a message nor mails one twice.
 * Only ids still in the new folder are kept: a message that left it is never mailed again.
 */
final class SeenMessages {
    private final Path dir;
    private final Map<String, Set<String>> seen = new HashMap<>();

    SeenMessages(Path dir) {
        this.dir = dir;
    }

    /**
     * The ids of {@code inNewFolder} not seen before, in their order; from now on all of them
     * count as seen (and ids no longer in the new folder are forgotten). Not saved: call
     * {@link #save} once their emails are queued.
     */
    synchronized List<String> unseen(String mailbox, Collection<String> inNewFolder) throws IOException {
        Set<String> before = load(mailbox);
        List<String> fresh = new ArrayList<>();
        for (String id : inNewFolder) {
            if (!before.contains(id)) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /** Remembers exactly these ids as the mailbox's seen new-folder messages, on disk. */
    synchronized void save(String mailbox, Collection<String> inNewFolder) throws IOException {
        Set<String> now = new LinkedHashSet<>(inNewFolder);
        if (now.equals(load(mailbox))) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("mailbox", mailbox);
        p.setProperty("seen", String.join(",", now));
        AtomicFiles.write(file(mailbox), p, "Callpost email: new messages of mailbox " + mailbox + " already looked at");
        seen.put(mailbox, now);
    }

    /** Whether the mailbox has been looked at before (its messages then are all seen). */
    synchronized boolean known(String mailbox) throws IOException {
        return seen.containsKey(mailbox) || Files.exists(file(mailbox));
    }

    synchronized void forget(String mailbox) throws IOException {
        seen.remove(mailbox);
        Files.deleteIfExists(file(mailbox));
    }

    private Set<String> load(String mailbox) throws IOException {
        Set<String> s = seen.get(mailbox);
        if (s != null) {
            return s;
        }
        s = new LinkedHashSet<>();
        Path f = file(mailbox);
        if (Files.exists(f)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String id : p.getProperty("seen", "").split(",")) {
                if (!id.isBlank()) {
                    s.add(id.trim());
                }
            }
        }
        seen.put(mailbox, s);
        return s;
    }

    private Path file(String mailbox) {
        return dir.resolve(mailbox.replaceAll("[^A-Za-z0-9_.-]", "_") + ".seen");
    }
}
