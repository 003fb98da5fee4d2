package org.callpost.messaging.internal.attendant;

import java.util.Locale;

/**
 * What a key of an answer mode's menu does, as written in its {@code keys} setting:
 * {@code operator}, {@code goodbye}, {@code name} (dial by name), {@code logon} (a subscriber's
 * own mailbox), {@code mode:<name>} (another answer mode), {@code mailbox:<number>} (leave a
 * message there, e.g. a general mailbox), {@code extension:<number>} (put through to it) or
 * {@code schedule:<name>} (an administrator switches that schedule by phone, with mailbox and PIN).
 */
public record MenuAction(Kind kind, String target) {
    public enum Kind { OPERATOR, GOODBYE, NAME, LOGON, MODE, MAILBOX, EXTENSION, SCHEDULE }

    public static final MenuAction OPERATOR = new MenuAction(Kind.OPERATOR, "");
    public static final MenuAction GOODBYE = new MenuAction(Kind.GOODBYE, "");

    /** @throws IllegalArgumentException saying what is understood */
    public static MenuAction parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String word = (colon < 0 ? t : t.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String target = colon < 0 ? "" : t.substring(colon + 1).trim();
        Kind kind = switch (word) {
            case "operator" -> Kind.OPERATOR;
            case "goodbye" -> Kind.GOODBYE;
            case "name" -> Kind.NAME;
            case "logon" -> Kind.LOGON;
            case "mode" -> Kind.MODE;
            case "mailbox" -> Kind.MAILBOX;
            case "extension" -> Kind.EXTENSION;
            case "schedule" -> Kind.SCHEDULE;
            default -> throw new IllegalArgumentException("'" + t + "' is not an action: use operator, goodbye, name, "
                    + "logon, mode:<answer mode>, mailbox:<number>, extension:<number> or schedule:<schedule>");
        };
        boolean needsTarget = kind == Kind.MODE || kind == Kind.MAILBOX || kind == Kind.EXTENSION || kind == Kind.SCHEDULE;
        if (needsTarget && target.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "' names no " + word + ": write " + word + ":<" + word + ">");
        }
        if ((kind == Kind.MAILBOX || kind == Kind.EXTENSION) && !target.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("'" + t + "': a " + word + " is digits");
        }
        if (!needsTarget && !target.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "': " + word + " takes nothing after it");
        }
        return new MenuAction(kind, target);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + (target.isEmpty() ? "" : ":" + target);
    }
}
