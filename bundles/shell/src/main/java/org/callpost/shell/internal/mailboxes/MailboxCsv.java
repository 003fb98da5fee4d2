package org.callpost.shell.internal.mailboxes;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 has them (fields in double quotes may hold commas, quotes
 * doubled, and line breaks), with the line each record starts on so that a refused row is named
 * by the line a dealer sees in the editor. A reader of 60 lines instead of a CSV library: the
 * mailbox files are small and a library would be one more bundle in the feature.
 */
public final class MailboxCsv {
    /** One record: the line it starts on (from 1) and its fields. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }

        /** Whether the line holds nothing (skipped, like a trailing newline). */
        public boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private MailboxCsv() {
    }

    /**
     * The records of {@code text}.
     *
     * @throws IllegalArgumentException naming the line, when a quoted field does not end
     */
    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                continue; // CRLF as LF
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(start, fields));
                fields.clear();
                line++;
                start = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + start + ": a quoted field does not end (a \" is missing)");
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(start, fields));
        }
        return records;
    }

    /** One record as a line (with its newline), fields quoted where they need it. */
    public static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                b.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append('\n').toString();
    }
}
