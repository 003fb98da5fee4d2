package org.callpost.api.call;

import java.util.List;
import java.util.Map;

/**
 * What an INVITE from the PBX says, parsed but not yet interpreted: the switch profile decides
 * which of it names the mailbox and the reason.
 *
 * @param requestUser   the user part of the Request-URI (the line's extension, or the hunt group)
 * @param fromUser      the caller's number (From user part)
 * @param fromDisplay   the caller's display name, or ""
 * @param toUser        the To user part (the number dialled, or the forwarding party)
 * @param toDisplay     the To display name, or "" (the MiVoice Office 400 may put forwarding
 *                      information here)
 * @param diversions    Diversion entries, oldest first (the first is the originally called party)
 * @param historyInfo   History-Info entries, in index order (the first is the original target)
 * @param headers       every header by lower-case name, values as received (e.g. for a trunk id)
 */
public record IncomingInvite(String requestUser, String fromUser, String fromDisplay, String toUser,
        String toDisplay, List<Redirection> diversions, List<Redirection> historyInfo,
        Map<String, List<String>> headers) {
    public IncomingInvite {
        diversions = List.copyOf(diversions);
        historyInfo = List.copyOf(historyInfo);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by case-insensitive name, or "". */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /**
     * The trunk group the call came in on, where the PBX names one: the RFC 4904 {@code tgrp}
     * parameter of the Contact URI (the originating trunk group), else an {@code otg} parameter
     * on the From header (the older "open trunk group" convention); "" when neither is there.
     */
    public String trunkGroup() {
        String tgrp = uriParameter(header("contact"), "tgrp");
        return !tgrp.isEmpty() ? tgrp : uriParameter(header("from"), "otg");
    }

    private static String uriParameter(String headerValue, String name) {
        String lower = headerValue.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(";" + name + "=");
        if (at < 0) {
            return "";
        }
        int start = at + name.length() + 2;
        int end = start;
        while (end < headerValue.length() && ";>,? ".indexOf(headerValue.charAt(end)) < 0) {
            end++;
        }
        return headerValue.substring(start, end).replace("%20", " ");
    }
}
