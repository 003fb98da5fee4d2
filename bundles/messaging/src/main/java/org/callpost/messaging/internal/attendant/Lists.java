package org.callpost.messaging.internal.attendant;

import java.util.ArrayList;
import java.util.List;

/** List settings: a .cfg file gives "a, b" as one string, the web console as an array; both are read. */
final class Lists {
    private Lists() {
    }

    static List<String> of(String[] values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
