package org.callpost.api.media;

/**
 * The sixteen DTMF keys and their RFC 4733 event codes: 0-9 are events 0-9, {@code *} is 10,
 * {@code #} is 11, A-D are 12-15.
 */
public final class Dtmf {
    private static final String KEYS = "0123456789*#ABCD";

    private Dtmf() {
    }

    /** Whether {@code key} is one of {@code 0-9 * # A-D}. */
    public static boolean isKey(char key) {
        return KEYS.indexOf(key) >= 0;
    }

    /** The key for an RFC 4733 event code 0..15. */
    public static char key(int event) {
        if (event < 0 || event > 15) {
            throw new IllegalArgumentException("not a DTMF event: " + event);
        }
        return KEYS.charAt(event);
    }

    /** The RFC 4733 event code of {@code key}, or -1 if it is not a DTMF key. */
    public static int event(char key) {
        return KEYS.indexOf(key);
    }
}
