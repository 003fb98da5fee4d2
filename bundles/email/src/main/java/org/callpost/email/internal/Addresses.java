package org.callpost.email.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Email addresses as Callpost accepts them: one plain address (local@domain), no name, no list. */
final class Addresses {
    private Addresses() {
    }

    static boolean valid(String address) {
        return problem(address) == null;
    }

    /** Why the address is refused, or null when it is good. */
    static String problem(String address) {
        if (address == null || address.isBlank()) {
            return "the address is empty";
        }
        String a = address.trim();
        int at = a.indexOf('@');
        if (at <= 0 || at != a.lastIndexOf('@') || at == a.length() - 1) {
            return "'" + a + "' is not an email address (local-part@domain, e.g. anna.meier@example.com)";
        }
        if (a.chars().anyMatch(ch -> ch <= ' ' || ch == ',' || ch == '<' || ch == '>' || ch == ';')) {
            return "'" + a + "' is not one plain email address (no name, spaces, <> or lists)";
        }
        if (!a.substring(at + 1).contains(".") && !a.substring(at + 1).equals("localhost")) {
            return "'" + a + "' has no domain with a dot (e.g. example.com)";
        }
        try {
            new InternetAddress(a, true).validate();
        } catch (AddressException e) {
            return "'" + a + "' is not an email address: " + e.getMessage();
        }
        return null;
    }
}
