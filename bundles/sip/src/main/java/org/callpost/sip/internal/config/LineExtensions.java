package org.callpost.sip.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Lines tab: extensions as a list ({@code 31,32,33}), ranges ({@code 31-38}) or both,
 * in one string or as an array, in line order.
 */
final class LineExtensions {
    /** Where problems go: setting, problem, fix. */
    interface Problems {
        void add(String setting, String problem, String fix);
    }

    /** A range longer than this is almost certainly a typing mistake. */
    static final int MAX_LINES = 2000;

    private LineExtensions() {
    }

    static List<String> parse(String[] values, Problems problems) {
        Set<String> lines = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            for (String item : value.split("[,;\\s]+")) {
                if (item.isEmpty()) {
                    continue;
                }
                int dash = item.indexOf('-');
                if (dash > 0) {
                    String from = item.substring(0, dash);
                    String to = item.substring(dash + 1);
                    if (!from.matches("\\d{1,9}") || !to.matches("\\d{1,9}") || from.length() != to.length()
                            || Long.parseLong(to) < Long.parseLong(from)
                            || Long.parseLong(to) - Long.parseLong(from) >= MAX_LINES) {
                        problems.add("lineExtensions", "'" + item + "' is not a range of extensions",
                                "write a range as first-last with digits of equal length, e.g. 31-38 (at most " + MAX_LINES + " lines)");
                        continue;
                    }
                    for (long n = Long.parseLong(from); n <= Long.parseLong(to); n++) {
                        String ext = String.format("%0" + from.length() + "d", n);
                        if (!lines.add(ext)) {
                            duplicates.add(ext);
                        }
                    }
                } else if (item.matches("\\d{1,16}")) {
                    if (!lines.add(item)) {
                        duplicates.add(item);
                    }
                } else {
                    problems.add("lineExtensions", "'" + item + "' is not an extension number", "use digits only, e.g. 31");
                }
            }
        }
        if (!duplicates.isEmpty()) {
            problems.add("lineExtensions", "extensions listed twice: " + String.join(", ", duplicates),
                    "list each line's extension once");
        }
        if (lines.size() > MAX_LINES) {
            problems.add("lineExtensions", lines.size() + " lines are more than one integration carries",
                    "configure at most " + MAX_LINES + " lines per integration");
        }
        return List.copyOf(lines);
    }
}
