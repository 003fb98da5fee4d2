package org.callpost.store.file.internal.operations;

import java.security.SecureRandom;
import java.util.function.Supplier;

import org.callpost.api.store.PinRules;
import org.callpost.store.file.internal.Settings;

/**
 * The PIN policy: what a PIN must be (pin.min.length, pin.max.length), hashed with the iterations
 * configured now (pin.hash.iterations), checked against the hash a mailbox keeps. Thread-safe.
 */
final class Pins {
    private final Supplier<Settings> settings;
    private final SecureRandom random = new SecureRandom();

    Pins(Supplier<Settings> settings) {
        this.settings = settings;
    }

    PinRules rules() {
        return settings.get().pinRules();
    }

    /** The hash to keep for a new PIN; refuses one that breaks the rules, never naming it. */
    PinHash hash(String pin) {
        Settings s = settings.get();
        if (!s.pinRules().accepts(pin)) {
            throw new IllegalArgumentException("PIN refused: " + s.pinRules().describe());
        }
        return PinHash.of(pin, s.pinIterations(), random);
    }

    /** No PIN set or none given: refused, so a mailbox without a PIN is never logged on to by PIN. */
    static boolean matches(PinHash hash, String pin) {
        return hash != null && pin != null && !pin.isEmpty() && hash.matches(pin);
    }
}
