package org.callpost.shell.internal.mailboxes;

import static org.callpost.shell.internal.mailboxes.MailboxColumns.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxLimits;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.Notification;
import org.callpost.api.store.PinRules;
import org.callpost.shell.internal.pbx.PbxSettings;

/**
 * Creates and updates mailboxes from a mailbox file. Every row is checked before anything is
 * changed; one wrong row refuses the whole file, each problem named by its line. Running the same
 * file again changes nothing. A new mailbox given no PIN gets a random one, handed back once to be
 * printed: never logged, never written to a file.
 */
public final class MailboxImport {
    /** What an import did, or why it did nothing. */
    public record Outcome(List<String> problems, int created, int changed, int unchanged, List<String> notes,
            Map<String, String> randomPins) {
        public Outcome {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
            randomPins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(randomPins));
        }

        public boolean refused() {
            return !problems.isEmpty();
        }

        /** "2 created, 0 changed, 1 unchanged". */
        public String counts() {
            return created + " created, " + changed + " changed, " + unchanged + " unchanged";
        }
    }

    /** One row as checked: null for a cell left empty (keep the setting / the default). */
    private record Row(int line, String number, String extension, String name, String pin, String integration,
            Boolean trust, String callout, Integer maxMessages, Integer maxSeconds, String email,
            String language) {
    }

    private final MessageStore store;
    private final Set<String> integrations;
    private final Collection<PbxSettings> pbxes;
    private final EmailNotifications email;
    private final Random random;
    private final Set<String> languages;

    /**
     * @param integrations the configured integrations' names; null when they cannot be known (any name passes)
     * @param pbxes        the integrations' settings, for a new mailbox's default extension
     * @param email        voicemail to email, or null when it is not installed
     * @param random       where random PINs come from (a SecureRandom)
     * @param languages    the installed prompt packs' languages; null when they cannot be known (any tag passes)
     */
    public MailboxImport(MessageStore store, Set<String> integrations, Collection<PbxSettings> pbxes,
            EmailNotifications email, Random random, Set<String> languages) {
        this.languages = languages;
        this.store = store;
        this.integrations = integrations;
        this.pbxes = pbxes;
        this.email = email;
        this.random = random;
    }

    public Outcome run(String text) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Row> rows = check(text, problems, notes);
        if (!problems.isEmpty()) {
            return new Outcome(problems, 0, 0, 0, List.of(), Map.of());
        }
        int created = 0;
        int changed = 0;
        int unchanged = 0;
        Map<String, String> pins = new LinkedHashMap<>();
        for (Row r : rows) {
            Optional<Mailbox> existing = store.mailbox(r.number());
            boolean change;
            if (existing.isEmpty()) {
                String pin = r.pin() != null ? r.pin() : randomPin(store.pinRules());
                store.createMailbox(apply(Mailbox.of(r.number(), "", ""), r), pin);
                if (r.pin() == null) {
                    pins.put(r.number(), pin);
                }
                created++;
                emailOf(r);
                continue;
            }
            Mailbox before = existing.get();
            Mailbox after = apply(before, r);
            change = !after.equals(before);
            if (change) {
                store.updateMailbox(after);
            }
            if (r.pin() != null && !store.checkPin(r.number(), r.pin())) {
                store.changePin(r.number(), r.pin());
                change = true;
            }
            change |= emailOf(r);
            if (change) {
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Outcome(List.of(), created, changed, unchanged, notes, pins);
    }

    /** The mailbox with the row's cells applied; empty cells keep what it has. */
    private static Mailbox apply(Mailbox m, Row r) {
        Mailbox out = m;
        if (r.extension() != null) {
            out = out.withExtension(r.extension());
        }
        if (r.name() != null) {
            out = out.withName(r.name());
        }
        if (r.integration() != null) {
            out = out.withIntegration(r.integration());
        }
        if (r.trust() != null) {
            out = out.withTrustExtension(r.trust());
        }
        if (r.callout() != null) {
            out = out.withNotification(out.notification().withCalloutNumber(r.callout()));
        }
        if (r.language() != null) {
            out = out.withLanguage(r.language());
        }
        if (r.maxMessages() != null || r.maxSeconds() != null) {
            out = out.withLimits(new MailboxLimits(r.maxMessages() != null ? r.maxMessages() : m.limits().maxMessages(),
                    r.maxSeconds() != null ? r.maxSeconds() : m.limits().maxTotalSeconds()));
        }
        return out;
    }

    /** Makes the mailbox's email subscription what the row says; whether that changed it. */
    private boolean emailOf(Row r) throws IOException {
        if (r.email() == null || email == null) {
            return false;
        }
        Optional<EmailSubscription> now = email.subscription(r.number());
        if (r.email().isEmpty()) {
            return now.isPresent() && email.unsubscribe(r.number());
        }
        if (now.isPresent() && now.get().address().equalsIgnoreCase(r.email())) {
            return false;
        }
        email.subscribe(new EmailSubscription(r.number(), r.email(), now.map(EmailSubscription::attachAudio).orElse(true),
                now.map(EmailSubscription::deleteAfterSending).orElse(false)));
        return true;
    }

    private String randomPin(PinRules rules) {
        int length = Math.max(rules.minLength(), Math.min(rules.maxLength(), 6));
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    // ---- checking ----

    private List<Row> check(String text, List<String> problems, List<String> notes) {
        List<MailboxCsv.Record> records;
        try {
            records = MailboxCsv.parse(text).stream().filter(r -> !r.blank()).toList();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return List.of();
        }
        if (records.isEmpty()) {
            problems.add("the file is empty: its first line names the columns, e.g. " + String.join(",", ALL));
            return List.of();
        }
        MailboxCsv.Record header = records.get(0);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String c = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
            if (!ALL.contains(c)) {
                problems.add("line " + header.line() + ": no column is called '" + c + "' (the columns: "
                        + String.join(", ", ALL) + ")");
            } else if (columns.putIfAbsent(c, i) != null) {
                problems.add("line " + header.line() + ": column '" + c + "' is there twice");
            }
        }
        if (!columns.containsKey(NUMBER)) {
            problems.add("line " + header.line() + ": the first line names the columns and needs 'number', e.g. "
                    + String.join(",", ALL));
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<Mailbox> there = store.mailboxes();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> numbers = new HashMap<>();
        for (MailboxCsv.Record record : records.subList(1, records.size())) {
            if (record.fields().size() != header.fields().size()) {
                problems.add("line " + record.line() + ": " + record.fields().size() + " fields where the first line has "
                        + header.fields().size() + " columns");
                continue;
            }
            Row row = row(record, columns, there, problems, notes);
            if (row == null) {
                continue;
            }
            Integer first = numbers.putIfAbsent(row.number(), row.line());
            if (first != null) {
                problems.add("line " + row.line() + ": mailbox " + row.number() + " is on line " + first + " already");
                continue;
            }
            rows.add(row);
        }
        checkExtensions(rows, there, problems);
        return rows;
    }

    /** The row, checked; null (with the problems added) when it is wrong. */
    private Row row(MailboxCsv.Record record, Map<String, Integer> columns, List<Mailbox> there, List<String> problems,
            List<String> notes) {
        int line = record.line();
        int before = problems.size();
        java.util.function.Function<String, String> cell = c -> columns.containsKey(c)
                ? record.fields().get(columns.get(c)).trim() : "";
        String number = cell.apply(NUMBER);
        if (!number.matches("\\d{1,16}")) {
            problems.add("line " + line + ": the mailbox number '" + number + "' is not digits");
        }
        Optional<Mailbox> existing = store.mailbox(number);
        String integration = cleared(cell.apply(INTEGRATION));
        if (integration != null && !integration.isEmpty() && integrations != null && !integrations.contains(integration)) {
            problems.add("line " + line + ": no integration '" + integration + "' is configured ("
                    + (integrations.isEmpty() ? "none is" : "configured: " + String.join(", ", new java.util.TreeSet<>(integrations))) + ")");
        }
        String extension = cleared(cell.apply(EXTENSION));
        if (extension != null && !extension.matches("\\d{0,16}")) {
            problems.add("line " + line + ": the extension '" + extension + "' is not digits (or 'none')");
        }
        if (extension == null && existing.isEmpty() && number.matches("\\d{1,16}")) {
            String scope = integration == null ? "" : integration;
            String why = LampReach.ownNumberProblem(number, scope, pbxes, there);
            extension = why == null ? number : "";
            if (why != null) {
                notes.add("line " + line + ": mailbox " + number + " gets no extension (" + why + ")");
            }
        }
        String pin = cell.apply(PIN);
        if (!pin.isEmpty() && !store.pinRules().accepts(pin)) {
            problems.add("line " + line + ": the PIN is refused: " + store.pinRules().describe()); // never the PIN
        }
        Boolean trust = null;
        String t = cell.apply(TRUST_EXTENSION).toLowerCase(Locale.ROOT);
        if (t.equals("yes") || t.equals("true")) {
            trust = true;
        } else if (t.equals("no") || t.equals("false")) {
            trust = false;
        } else if (!t.isEmpty()) {
            problems.add("line " + line + ": trust_extension is yes or no, not '" + t + "'");
        }
        String callout = cleared(cell.apply(CALLOUT));
        if (callout != null && !callout.matches("[0-9*#]*")) {
            problems.add("line " + line + ": the callout number '" + callout
                    + "' is dialled at the PBX: digits, * and # only (or 'none')");
        }
        Integer maxMessages = limit(cell.apply(MAX_MESSAGES), MAX_MESSAGES, MAX_MESSAGES_LIMIT, line, problems);
        Integer maxSeconds = limit(cell.apply(MAX_SECONDS), MAX_SECONDS, MAX_SECONDS_LIMIT, line, problems);
        String address = cleared(cell.apply(EMAIL));
        if (address != null && !address.isEmpty()) {
            if (!address.matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")) {
                problems.add("line " + line + ": '" + address + "' is not an email address (or 'none')");
            } else if (email == null) {
                problems.add("line " + line + ": voicemail to email is not installed (feature:install callpost-email), "
                        + "so the email column must stay empty");
            }
        }
        String language = cleared(cell.apply(LANGUAGE));
        if (language != null && !language.isEmpty()) {
            String wrong = MailboxLanguages.problem(language, languages, "the language column");
            language = MailboxLanguages.normal(language);
            if (wrong != null) {
                problems.add("line " + line + ": " + wrong);
            }
        }
        String name = cell.apply(NAME);
        if (problems.size() > before) {
            return null;
        }
        return new Row(line, number, extension, name.isEmpty() ? null : name, pin.isEmpty() ? null : pin, integration,
                trust, callout, maxMessages, maxSeconds, address, language);
    }

    /** Two mailboxes of one integration (or one of none) never share an extension, in the file or with the store's. */
    private void checkExtensions(List<Row> rows, List<Mailbox> there, List<String> problems) {
        Map<String, Mailbox> after = new LinkedHashMap<>();
        for (Mailbox m : there) {
            after.put(m.number(), m);
        }
        Map<String, Integer> lineOf = new HashMap<>();
        for (Row r : rows) {
            after.put(r.number(), apply(after.getOrDefault(r.number(), Mailbox.of(r.number(), "", "")), r));
            lineOf.put(r.number(), r.line());
        }
        for (Row r : rows) {
            Mailbox m = after.get(r.number());
            if (m.extension().isEmpty()) {
                continue;
            }
            for (Mailbox o : after.values()) {
                if (!o.number().equals(m.number()) && o.extension().equals(m.extension())
                        && (o.integration().isEmpty() || m.integration().isEmpty() || o.integration().equals(m.integration()))) {
                    Integer other = lineOf.get(o.number());
                    problems.add("line " + r.line() + ": extension " + m.extension() + " is mailbox " + o.number() + "'s"
                            + (other != null ? " (line " + other + ")" : " already"));
                    break;
                }
            }
        }
    }

    private static Integer limit(String value, String column, int max, int line, List<String> problems) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add("line " + line + ": " + column + " is a whole number from 0 (the store's default) to " + max
                + ", not '" + value + "'");
        return null;
    }

    /** "" for 'none', null for an empty cell (keep), else the value. */
    private static String cleared(String value) {
        if (value.isEmpty()) {
            return null;
        }
        return value.equalsIgnoreCase(NONE) ? "" : value;
    }
}
