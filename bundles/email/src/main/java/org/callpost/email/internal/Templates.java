package org.callpost.email.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callpost.api.store.Message;

/**
 * The subject and body of an email from templates with placeholders: ${callingNumber}
 * ${callingName} ${mailbox} ${mailboxName} ${duration} (m:ss) ${received} (local time)
 * ${urgent} (yes or no). In a template, the two characters \n start a new line (a .cfg file
 * holds one line per setting).
 */
final class Templates {
    static final String DEFAULT_SUBJECT = "New voice message from ${callingNumber} (${duration})";
    static final String DEFAULT_BODY = "You have a new voice message in mailbox ${mailbox} ${mailboxName}.\\n\\n"
            + "From: ${callingNumber} ${callingName}\\nReceived: ${received}\\nLength: ${duration}\\nUrgent: ${urgent}\\n";
    static final Set<String> NAMES = Set.of("callingNumber", "callingName", "mailbox", "mailboxName", "duration",
            "received", "urgent");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Templates() {
    }

    /** Adds a problem for each placeholder the template has that is not one of {@link #NAMES}. */
    static void check(String setting, String template, List<String> problems) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                problems.add(setting + " has the unknown placeholder ${" + m.group(1) + "}: use "
                        + String.join(" ", NAMES.stream().sorted().map(n -> "${" + n + "}").toList()));
            }
        }
    }

    /** The template with its placeholders replaced and \n as new lines. */
    static String render(String template, Map<String, String> fields) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = fields.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString().replace("\\n", "\n");
    }

    /** A subject is one line: new lines in it become spaces, and it is trimmed. */
    static String subject(String template, Map<String, String> fields) {
        return render(template, fields).replaceAll("[\\r\\n]+", " ").trim();
    }

    /** The placeholders' values for a message. */
    static Map<String, String> fields(Message message, String mailboxName, ZoneId zone) {
        Map<String, String> f = new LinkedHashMap<>();
        String number = message.envelope().callingNumber();
        f.put("callingNumber", number.isEmpty() ? "unknown caller" : number);
        f.put("callingName", message.envelope().callingName());
        f.put("mailbox", message.mailbox());
        f.put("mailboxName", mailboxName);
        f.put("duration", duration(message.duration()));
        f.put("received", RECEIVED.format(message.envelope().received().atZone(zone)));
        f.put("urgent", message.urgent() ? "yes" : "no");
        return f;
    }

    /** m:ss, rounded to the nearest second. */
    static String duration(Duration d) {
        long s = (d.toMillis() + 500) / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    /** The attachment's file name: msg-&lt;received, local time&gt;.wav. */
    static String fileName(Message message, ZoneId zone) {
        return "msg-" + FILE_TIME.format(message.envelope().received().atZone(zone)) + ".wav";
    }
}
