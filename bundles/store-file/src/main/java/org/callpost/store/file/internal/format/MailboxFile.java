package org.callpost.store.file.internal.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.Notification;
import org.callpost.store.file.internal.operations.MailboxRules;
import org.callpost.store.file.internal.operations.PinHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code mailbox.properties}: a mailbox's settings and its PIN hash. Reading is
 * lenient because administrators edit the file by hand: a missing key takes the value a store
 * written before it existed means, a value that cannot be used is dropped and said. Stateless.
 */
public final class MailboxFile {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxFile.class);

    /** What the file holds; {@code pin} is null for a mailbox without a PIN. */
    public record Contents(Mailbox mailbox, PinHash pin) {
    }

    private MailboxFile() {
    }

    public static Contents read(Path file, String number) throws IOException {
        Properties p = StoreFiles.read(file);
        PinHash pin = null;
        if (p.getProperty("pin.hash") != null) {
            pin = PinHash.parse(p.getProperty("pin.algorithm", PinHash.ALGORITHM),
                    p.getProperty("pin.iterations", "0"), p.getProperty("pin.salt", ""), p.getProperty("pin.hash"));
        }
        // a store written before mailboxes had an integration reads as mailboxes of no integration
        Mailbox mailbox = new Mailbox(number, p.getProperty("extension", "").trim(),
                integrationName(number, p.getProperty("integration", "").trim()), p.getProperty("name", ""),
                new Notification(bool(p, "notification.messageWaiting", true),
                        p.getProperty("notification.lampExtension", "").trim(),
                        calloutNumber(number, p.getProperty("notification.calloutNumber", "").trim())),
                bool(p, "trustExtension", false),
                "PERSONAL".equalsIgnoreCase(p.getProperty("activeGreeting", "").trim()) ? Greeting.PERSONAL : Greeting.SYSTEM,
                new MailboxLimits(integer(p, "limits.maxMessages"), integer(p, "limits.maxTotalSeconds")),
                pin != null, language(number, p.getProperty("language", "").trim()));
        return new Contents(mailbox, pin);
    }

    /** Writes the file whole (temp file, forced, renamed), so a crash leaves the old or the new one. */
    public static void write(Path file, Mailbox mailbox, PinHash pin) throws IOException {
        StoreFiles.writeAtomically(file, text(mailbox, pin));
    }

    static byte[] text(Mailbox m, PinHash pin) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("number", m.number());
        v.put("extension", m.extension());
        v.put("integration", m.integration());
        v.put("name", m.name());
        v.put("trustExtension", Boolean.toString(m.trustExtension()));
        v.put("activeGreeting", m.activeGreeting().name());
        v.put("notification.messageWaiting", Boolean.toString(m.notification().messageWaiting()));
        v.put("notification.lampExtension", m.notification().lampExtension());
        v.put("notification.calloutNumber", m.notification().calloutNumber());
        v.put("limits.maxMessages", Integer.toString(m.limits().maxMessages()));
        v.put("limits.maxTotalSeconds", Integer.toString(m.limits().maxTotalSeconds()));
        v.put("language", m.language());
        if (pin != null) {
            v.put("pin.algorithm", pin.algorithm());
            v.put("pin.iterations", Integer.toString(pin.iterations()));
            v.put("pin.salt", pin.saltText());
            v.put("pin.hash", pin.hashText());
        }
        return StoreFiles.format("Callpost mailbox " + m.number() + " (change with the callpost:mailbox-* commands; "
                + "the PIN is kept only as a salted hash)", v);
    }

    /** An integration edited by hand into something that is no name is dropped (and said), not the mailbox. */
    private static String integrationName(String mailbox, String value) {
        if (MailboxRules.isIntegrationName(value) || value.isEmpty()) {
            return value;
        }
        LOG.warn("Mailbox {}: ignoring the integration '{}' in its mailbox.properties (not an integration name); "
                + "set it again with callpost:mailbox-integration", mailbox, value);
        return "";
    }

    /**
     * A language edited by hand into something that is no tag is dropped (and said): the mailbox
     * then follows the system's rule. A file written before mailboxes had one has none.
     */
    private static String language(String mailbox, String value) {
        if (value.isEmpty() || MailboxRules.isLanguageTag(value)) {
            return value.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        LOG.warn("Mailbox {}: ignoring the language '{}' in its mailbox.properties (not a language tag such as de "
                + "or fr); set it again with callpost:mailbox-edit --language", mailbox, value);
        return "";
    }

    /** A callout number edited by hand into something undiallable is dropped (and said), not the mailbox. */
    private static String calloutNumber(String mailbox, String value) {
        if (value.matches("[0-9*#]*")) {
            return value;
        }
        LOG.warn("Mailbox {}: notification.calloutNumber '{}' is not dialable (digits, * and # only); no callouts until "
                + "it is set again with callpost:mailbox-callout", mailbox, value);
        return "";
    }

    static boolean bool(Properties p, String key, boolean otherwise) {
        String value = p.getProperty(key);
        return value == null ? otherwise : Boolean.parseBoolean(value.trim());
    }

    private static int integer(Properties p, String key) {
        try {
            return Math.max(0, Integer.parseInt(p.getProperty(key, "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
