package org.callpost.messaging.internal;

import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How a caller who dials an extension is put through (the note's transfer types). Operator and
 * live-reply transfers are always supervised.
 */
enum TransferMode {
    /** Ring the extension from the line; put the caller through when it answers. */
    SUPERVISED,
    /** As supervised, but the called party first hears who calls and takes the call with 1. */
    CONFIRMED,
    /**
     * Ring the extension and hand the caller over as soon as it rings (a REFER without
     * Replaces), following the PBX's report of the transfer; busy or unreachable extensions keep
     * the caller. Needs a switch profile that allows blind transfer; otherwise supervised.
     */
    MONITORED;

    /**
     * The setting's value. Anything else is refused with a warning naming the setting and its
     * choices, and supervised (the default) is used instead.
     */
    static TransferMode of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(TransferMode.class).warn("org.callpost.messaging transfer.mode '{}' is not one of "
                    + "supervised, confirmed, monitored: supervised transfers are used; set one of the three", value);
            return SUPERVISED;
        }
    }
}
