package org.callpost.messaging.internal.attendant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.callpost.api.call.CallInfo;

/**
 * One route, read from {@link RouteConfig}: the criteria a call must all meet and where it goes.
 * Routes with {@code forwardedFrom} take forwarded calls from those extensions only, before any
 * mailbox; the others take direct calls and forwarded calls for an extension without a mailbox,
 * so a call forwarded from a subscriber always reaches their mailbox.
 */
public record Route(String name, int priority, String integration, List<String> dnis, List<String> trunks,
        List<String> calling, List<String> forwardedFrom, String mode, String schedule) {

    public Route {
        dnis = List.copyOf(dnis);
        trunks = List.copyOf(trunks);
        calling = List.copyOf(calling);
        forwardedFrom = List.copyOf(forwardedFrom);
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    public static Route of(RouteConfig c) {
        String name = Names.check("name", c.name());
        List<String> dnis = patterns("dnis", c.dnis());
        List<String> calling = patterns("calling", c.calling());
        List<String> from = patterns("forwarded.from", c.forwarded_from());
        String mode = c.mode().trim();
        String schedule = c.schedule().trim();
        if (mode.isEmpty() == schedule.isEmpty()) {
            throw new IllegalArgumentException("route " + name + ": set either mode (an answer mode) or schedule, "
                    + "not " + (mode.isEmpty() ? "neither" : "both"));
        }
        if (!from.isEmpty() && !(dnis.isEmpty() && calling.isEmpty() && Lists.of(c.trunk()).isEmpty())) {
            throw new IllegalArgumentException("route " + name + ": forwarded.from takes forwarded calls, dnis, trunk "
                    + "and calling direct ones: put them in two routes");
        }
        return new Route(name, c.priority(), c.integration().trim(), dnis, Lists.of(c.trunk()), calling, from,
                mode.isEmpty() ? "" : Names.check("mode", mode), schedule.isEmpty() ? "" : Names.check("schedule", schedule));
    }

    private static List<String> patterns(String setting, String[] values) {
        List<String> out = Lists.of(values);
        for (String p : out) {
            if (!p.matches("\\+?[0-9Xx]*\\*?") || p.equals("+")) {
                throw new IllegalArgumentException(setting + ": '" + p + "' is not a number pattern: digits, X for any "
                        + "digit, a final * for any rest (e.g. 555X or 0041*)");
            }
        }
        return out;
    }

    /**
     * Whether the call meets every criterion set: a forwarded call by the extension it was
     * forwarded from, a direct call by DNIS, trunk group and caller.
     */
    public boolean matches(String callIntegration, CallInfo info) {
        if (!info.forwarded()) {
            return matchesNumbers(callIntegration, info);
        }
        return !forwardedFrom.isEmpty() && (integration.isEmpty() || integration.equals(callIntegration))
                && anyMatch(forwardedFrom, info.mailbox().orElse(""));
    }

    /**
     * Whether a route by DNIS, trunk group and caller takes the call, forwarded or not: also a call
     * "forwarded" from an extension without a mailbox (a pilot number, or a dialled number some
     * PBXes send as the forwarding party) is a call for no one subscriber.
     */
    public boolean matchesNumbers(String callIntegration, CallInfo info) {
        if (!forwardedFrom.isEmpty() || !integration.isEmpty() && !integration.equals(callIntegration)) {
            return false;
        }
        if (!dnis.isEmpty() && !anyMatch(dnis, info.dialledNumber())) {
            return false;
        }
        String trunk = info.trunk().orElse("");
        if (!trunks.isEmpty() && trunks.stream().noneMatch(t -> t.equalsIgnoreCase(trunk))) {
            return false;
        }
        return calling.isEmpty() || anyMatch(calling, info.callingNumber());
    }

    private static boolean anyMatch(List<String> patterns, String number) {
        return patterns.stream().anyMatch(p -> matches(p, number));
    }

    /** {@code X} any one digit, a final {@code *} any rest, anything else itself. */
    static boolean matches(String pattern, String number) {
        boolean rest = pattern.endsWith("*");
        String fixed = rest ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (rest ? number.length() < fixed.length() : number.length() != fixed.length()) {
            return false;
        }
        for (int i = 0; i < fixed.length(); i++) {
            char p = fixed.charAt(i);
            char n = number.charAt(i);
            if (p == 'X' || p == 'x' ? !Character.isDigit(n) : p != n) {
                return false;
            }
        }
        return true;
    }

    public String describeMatch() {
        List<String> parts = new ArrayList<>();
        if (!dnis.isEmpty()) {
            parts.add("dnis " + String.join(" ", dnis));
        }
        if (!trunks.isEmpty()) {
            parts.add("trunk " + String.join(" ", trunks));
        }
        if (!calling.isEmpty()) {
            parts.add("calling " + String.join(" ", calling));
        }
        if (!forwardedFrom.isEmpty()) {
            parts.add("forwarded from " + String.join(" ", forwardedFrom));
        }
        return parts.isEmpty() ? "every direct call" : String.join(", ", parts);
    }

    public String describeTarget() {
        return mode.isEmpty() ? "schedule:" + schedule : "mode:" + mode;
    }

    String sortKey() {
        return String.format(Locale.ROOT, "%011d %s", (long) priority + Integer.MAX_VALUE, name);
    }
}
