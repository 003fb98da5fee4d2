package org.callpost.sip.internal.message;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.call.Redirection;

/**
 * Reads an INVITE into an {@link IncomingInvite}: caller, called party, and the forwarding steps
 * from RFC 5806 Diversion and RFC 7044 History-Info (with RFC 4458 {@code cause} parameters), in
 * the order they happened. Malformed entries are skipped and noted, never thrown.
 */
public final class InviteReader {
    private static final Pattern USER = Pattern.compile("(?i)(?:sips?|tel):([^@;>?]+)");
    private static final Pattern CAUSE = Pattern.compile("(?i)cause=(\\d{3})");

    private InviteReader() {
    }

    public static IncomingInvite read(Request invite, List<String> notes) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (ListIterator<?> names = invite.getHeaderNames(); names.hasNext();) {
            String name = (String) names.next();
            List<String> values = new ArrayList<>();
            for (ListIterator<?> it = invite.getHeaders(name); it.hasNext();) {
                values.add(valueOf((Header) it.next()));
            }
            headers.merge(name.toLowerCase(Locale.ROOT), values, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        List<Redirection> diversions = new ArrayList<>();
        for (String value : headers.getOrDefault("diversion", List.of())) {
            for (String entry : splitEntries(value)) {
                Redirection r = diversion(entry);
                if (r == null) {
                    notes.add("Diversion entry not understood: " + entry);
                } else {
                    diversions.add(r);
                }
            }
        }
        // RFC 5806: each redirecting party adds its Diversion on top; the last one is the oldest.
        Collections.reverse(diversions);
        List<String> hiEntries = new ArrayList<>();
        for (String value : headers.getOrDefault("history-info", List.of())) {
            hiEntries.addAll(splitEntries(value));
        }
        List<Redirection> history = historyInfo(hiEntries, notes);
        return new IncomingInvite(userOf(invite.getRequestURI()), from == null ? "" : userOf(from.getAddress().getURI()),
                from == null || from.getAddress().getDisplayName() == null ? "" : from.getAddress().getDisplayName(),
                to == null ? "" : userOf(to.getAddress().getURI()),
                to == null || to.getAddress().getDisplayName() == null ? "" : to.getAddress().getDisplayName(),
                diversions, history, headers);
    }

    private static String valueOf(Header h) {
        if (h instanceof ExtensionHeader e) {
            return e.getValue();
        }
        String s = h.toString().trim();
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(colon + 1).trim();
    }

    public static String userOf(URI uri) {
        if (uri instanceof SipURI s) {
            return s.getUser() == null ? "" : s.getUser();
        }
        Matcher m = USER.matcher(uri.toString());
        return m.find() ? m.group(1) : "";
    }

    /** Splits a header value at the commas between entries, not those inside quotes or angle brackets. */
    static List<String> splitEntries(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == ',') {
                add(out, value.substring(start, i));
                start = i + 1;
            }
        }
        add(out, value.substring(start));
        return out;
    }

    private static void add(List<String> out, String entry) {
        if (!entry.isBlank()) {
            out.add(entry.trim());
        }
    }

    /** One Diversion entry: {@code "Name" <sip:201@pbx>;reason=user-busy;counter=1}. */
    static Redirection diversion(String entry) {
        String display = "";
        String uri;
        String params;
        int lt = entry.indexOf('<');
        int gt = entry.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            display = entry.substring(0, lt).trim().replaceAll("^\"|\"$", "");
            uri = entry.substring(lt + 1, gt);
            params = entry.substring(gt + 1);
        } else {
            int semi = entry.indexOf(';');
            uri = semi < 0 ? entry : entry.substring(0, semi);
            params = semi < 0 ? "" : entry.substring(semi);
        }
        Matcher m = USER.matcher(uri);
        if (!m.find()) {
            return null;
        }
        String reason = param(params, "reason").toLowerCase(Locale.ROOT);
        return new Redirection(m.group(1), display, diversionReason(reason), reason);
    }

    static ForwardReason diversionReason(String reason) {
        return switch (reason) {
            case "user-busy" -> ForwardReason.BUSY;
            case "no-answer" -> ForwardReason.NO_ANSWER;
            case "unconditional" -> ForwardReason.FORWARD_ALL;
            case "deflection", "do-not-disturb", "unavailable", "away", "out-of-service" -> ForwardReason.DND_DEFLECT;
            default -> ForwardReason.FORWARD_ALL; // unknown, time-of-day, follow-me: forwarded all the same
        };
    }

    /** History-Info / RFC 4458 causes to reasons. */
    static ForwardReason causeReason(String cause) {
        return switch (cause) {
            case "486", "600" -> ForwardReason.BUSY;
            case "408" -> ForwardReason.NO_ANSWER;
            case "302" -> ForwardReason.FORWARD_ALL;
            default -> ForwardReason.DND_DEFLECT; // 480, 487, 404, 503: deflected, do not disturb, unavailable
        };
    }

    /**
     * History-Info: an entry carrying a Reason (RFC 7044) was retargeted away from for that cause,
     * so its user is a forwarding party. Without any Reason, an RFC 4458 {@code cause} on the last
     * entry (the voicemail target) names the cause and the entry before it the forwarding party.
     */
    static List<Redirection> historyInfo(List<String> entries, List<String> notes) {
        List<Redirection> out = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> displays = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        for (String e : entries) {
            int lt = e.indexOf('<');
            int gt = e.indexOf('>', lt + 1);
            if (lt < 0 || gt < 0) {
                notes.add("History-Info entry not understood: " + e);
                continue;
            }
            String uri = e.substring(lt + 1, gt);
            Matcher m = USER.matcher(uri);
            users.add(m.find() ? m.group(1) : "");
            displays.add(e.substring(0, lt).trim().replaceAll("^\"|\"$", ""));
            String decoded = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
            int q = decoded.indexOf('?');
            Matcher c = CAUSE.matcher(q >= 0 ? decoded.substring(q) : "");
            causes.add(c.find() ? c.group(1) : "");
        }
        for (int i = 0; i < users.size() - 1; i++) {
            if (!causes.get(i).isEmpty() && !users.get(i).isEmpty()) {
                out.add(new Redirection(users.get(i), displays.get(i), causeReason(causes.get(i)), causes.get(i)));
            }
        }
        if (out.isEmpty() && users.size() >= 2) {
            String last = entries.get(entries.size() - 1);
            Matcher c = CAUSE.matcher(last.substring(0, Math.max(0, last.indexOf('>'))));
            if (c.find() && !users.get(users.size() - 2).isEmpty()) {
                out.add(new Redirection(users.get(users.size() - 2), displays.get(users.size() - 2),
                        causeReason(c.group(1)), c.group(1)));
            }
        }
        return out;
    }

    private static String param(String params, String name) {
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return p.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
            }
        }
        return "";
    }
}
