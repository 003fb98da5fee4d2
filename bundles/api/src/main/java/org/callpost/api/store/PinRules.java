package org.callpost.api.store;

/**
 * What a PIN must be: digits only, {@code minLength} to {@code maxLength} of them. The application
 * reads these to tell a subscriber why a new PIN was refused.
 */
public record PinRules(int minLength, int maxLength) {
    public PinRules {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("PIN length " + minLength + ".." + maxLength);
        }
    }

    /** Whether {@code pin} follows the rules. */
    public boolean accepts(CharSequence pin) {
        if (pin == null || pin.length() < minLength || pin.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < pin.length(); i++) {
            if (pin.charAt(i) < '0' || pin.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Why a PIN is refused, without the PIN: for logs and the shell. */
    public String describe() {
        return "a PIN is " + (minLength == maxLength ? String.valueOf(minLength) : minLength + " to " + maxLength)
                + " digits";
    }
}
