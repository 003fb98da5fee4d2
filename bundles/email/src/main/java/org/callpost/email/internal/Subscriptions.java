package org.callpost.email.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.callpost.api.email.EmailSubscription;

/** The mailboxes' email subscriptions, by mailbox number, in one file written atomically. */
final class Subscriptions {
    private final Path file;
    private final Map<String, EmailSubscription> byMailbox = new TreeMap<>();

    Subscriptions(Path file) {
        this.file = file;
    }

    synchronized void load() throws IOException {
        byMailbox.clear();
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".address")) {
                String mailbox = key.substring(0, key.length() - ".address".length());
                byMailbox.put(mailbox, new EmailSubscription(mailbox, p.getProperty(key),
                        Boolean.parseBoolean(p.getProperty(mailbox + ".attach.audio", "true")),
                        Boolean.parseBoolean(p.getProperty(mailbox + ".delete.after.sending", "false"))));
            }
        }
    }

    synchronized Optional<EmailSubscription> get(String mailbox) {
        return Optional.ofNullable(byMailbox.get(mailbox));
    }

    synchronized List<EmailSubscription> all() {
        return List.copyOf(byMailbox.values());
    }

    synchronized void put(EmailSubscription s) throws IOException {
        EmailSubscription before = byMailbox.put(s.mailbox(), s);
        try {
            save();
        } catch (IOException e) {
            if (before == null) {
                byMailbox.remove(s.mailbox());
            } else {
                byMailbox.put(s.mailbox(), before);
            }
            throw e;
        }
    }

    synchronized boolean remove(String mailbox) throws IOException {
        EmailSubscription before = byMailbox.remove(mailbox);
        if (before == null) {
            return false;
        }
        save();
        return true;
    }

    private void save() throws IOException {
        Properties p = new Properties();
        for (EmailSubscription s : byMailbox.values()) {
            p.setProperty(s.mailbox() + ".address", s.address());
            p.setProperty(s.mailbox() + ".attach.audio", String.valueOf(s.attachAudio()));
            p.setProperty(s.mailbox() + ".delete.after.sending", String.valueOf(s.deleteAfterSending()));
        }
        AtomicFiles.write(file, p, "Callpost email subscriptions: mailbox.address, .attach.audio, .delete.after.sending");
    }
}
