package org.callpost.messaging.internal.attendant;

/** The names of modes, routes and schedules: what the keys, routes and the shell refer to. */
final class Names {
    private Names() {
    }

    static String check(String setting, String value) {
        String v = value == null ? "" : value.trim();
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(setting + " = '" + v + "': set a name of letters, digits, '-', '_' or '.'"
                    + " (e.g. day)");
        }
        return v;
    }
}
