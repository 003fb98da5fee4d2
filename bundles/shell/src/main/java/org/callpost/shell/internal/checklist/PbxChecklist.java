package org.callpost.shell.internal.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.shell.internal.pbx.PbxSettings;

/**
 * The MiVoice Office 400 programming one integration needs, in the integration note's words and
 * with this configuration's values, so that the dealer does not copy them by hand. What Callpost
 * can see from its side (its lines' registrations) is marked {@code [ok]} or {@code [!!]}.
 */
public final class PbxChecklist {
    private PbxChecklist() {
    }

    /** {@link #text(PbxSettings, Optional, List)} without lamps to check. */
    public static String text(PbxSettings s, Optional<IntegrationStatus> status) {
        return text(s, status, List.of());
    }

    /**
     * @param status the integration as it runs now; empty when it does not run (nothing is marked then)
     * @param lamps  the integration's message-waiting lamps as the MWI service knows them: what the PBX
     *               answered to the feature codes
     */
    public static String text(PbxSettings s, Optional<IntegrationStatus> status, List<LampStatus> lamps) {
        List<String> out = new ArrayList<>();
        List<String> lines = s.lineExtensions();
        String numbers = ranges(lines);
        String terminals = lines.size() + " terminal" + (lines.size() == 1 ? "" : "s") + " (" + numbers + ")";
        out.add("MiVoice Office 400 programming for integration " + s.name() + " (profile " + s.profile()
                + "), from its settings now:");
        if (!"mivoice400".equals(s.profile())) {
            out.add("  Note: written for the MiVoice Office 400; profile " + s.profile() + " may name these steps otherwise.");
        }
        out.add("");
        out.add(step("1. Users and terminals: for each Callpost line a user (Configuration Manager > User Configuration"
                + " > Users; Create Mailbox: No) with a terminal of interface type Standard SIP (Bandwidth: Default Area):"
                + " call numbers " + numbers + ", " + lines.size() + " in all."));
        registration(status, lines).forEach(out::add);
        out.add(step("2. Voicemail user group: the " + terminals + " in the voicemail user group: user group 17 on a"
                + " MiVoice Office 415 or 430, user group 25 on a 470."));
        out.add(step("3. Password: in Terminal Data programming the same password on every one of these terminals,"
                + " the one in pbx.password (not shown here)."));
        if (!s.passwordSet()) {
            out.add("   [!!] pbx.password is not set: set it to the terminals' password");
        } else {
            passwords(status).forEach(out::add);
        }
        out.add(step("4. Hunt group: pilot number " + (s.huntGroupAccessCode().isEmpty() ? "(none set)" : s.huntGroupAccessCode())
                + " (hunt.group.access.code), members " + numbers + " in this order, hunting "
                + ("CIRCULAR".equals(s.huntMode()) ? "round the members (circular), as hunt.mode = CIRCULAR"
                        : "always from the first member (terminal), as hunt.mode = TERMINAL") + "."));
        if (s.huntGroupAccessCode().isEmpty()) {
            out.add("   [!!] hunt.group.access.code is not set: set it to the pilot number users dial for voicemail");
        }
        out.add(step("5. Call distribution elements: a DDI routed to Callpost has an unnamed CDE with the common settings"
                + " Force showing DDI number = No, Show forwarding information instead of CDE name = Yes,"
                + " Show CDE name at first position = No."));
        out.add(step("6. Message lamps: Callpost lights a lamp by dialling " + s.mwiOnCode() + "<extension> and clears it with "
                + s.mwiOffCode() + "<extension> (mwi.on.code, mwi.off.code) from "
                + (s.mwiLines().isEmpty() ? "any free line" : "line" + (s.mwiLines().size() == 1 ? " " : "s ")
                        + String.join(", ", s.mwiLines()) + " (mwi.lines)")
                + "; these feature codes must be allowed for the Callpost terminals."));
        lamps(s, lamps).forEach(out::add);
        out.add(step("7. QoS: RTP on UDP ports " + s.mediaBasePort() + "-" + s.highestMediaPort() + " (media.base.port + "
                + lines.size() + " lines x " + PbxSettings.MEDIA_PORTS_PER_LINE + " - 1) with DSCP "
                + (s.rtpDscp().isEmpty() ? "as the media engine's rtp.dscp (46 = EF by default)" : s.rtpDscp()
                        + ("46".equals(s.rtpDscp()) ? " (EF)" : ""))
                + "."));
        out.add(step("8. Transport: SIP over " + s.transport()
                + ("TLS".equals(s.transport()) ? " with " + ("ON".equals(s.sipsUris()) ? "sips: URIs" : "OFF".equals(s.sipsUris())
                        ? "sip: URIs" : "the profile's URIs (sip: for MiVoice Office 400)") + " (tls.sips.uris = " + s.sipsUris() + ")" : "")
                + ", media " + s.media() + "; the terminals register from " + host(s.localAddress())
                + ":" + s.localPort() + " with the PBX at " + host(s.serverHost()) + ":" + s.serverPort() + "."));
        status.ifPresent(i -> {
            if (i.lines().stream().anyMatch(l -> l.state() == LineState.REGISTERED)) {
                out.add("   [ok] the PBX answers on " + i.activeRegistrar().map(Object::toString).orElse("its address")
                        + " over " + i.transport());
            }
        });
        if (status.isEmpty()) {
            out.add("");
            out.add("Integration " + s.name() + " does not run, so nothing above is checked: see callpost:status.");
        }
        return String.join("\n", out) + "\n";
    }

    /** Each line's registration: [ok] when all are registered, else [!!] per line that is not, with the PBX's answer. */
    private static List<String> registration(Optional<IntegrationStatus> status, List<String> lines) {
        List<String> out = new ArrayList<>();
        if (status.isEmpty()) {
            return out;
        }
        List<LineStatus> all = status.get().lines();
        List<LineStatus> failing = all.stream().filter(l -> l.state() != LineState.REGISTERED).toList();
        if (!all.isEmpty() && failing.isEmpty()) {
            out.add("   [ok] all " + all.size() + " lines registered");
        }
        for (LineStatus l : failing) {
            // a REGISTER on its way that has not failed is no fault yet (a refresh, or the first one)
            boolean underWay = l.state() == LineState.REGISTERING && l.lastError().isEmpty();
            out.add("   " + (underWay ? "[..]" : "[!!]") + " line " + l.line() + " (ext " + l.extension() + "): "
                    + l.lastError().orElse(l.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        }
        return out;
    }

    /** What the PBX answered to the lamp codes: [ok] when it confirmed some and refused none, [!!] per lamp it refused or never answered. */
    private static List<String> lamps(PbxSettings s, List<LampStatus> lamps) {
        List<String> out = new ArrayList<>();
        long confirmed = lamps.stream().filter(l -> l.state() == LampState.CONFIRMED).count();
        for (LampStatus l : lamps) {
            String code = (l.desiredOn() ? s.mwiOnCode() : s.mwiOffCode()) + l.extension();
            if (l.state() == LampState.REFUSED) {
                out.add("   [!!] the PBX refused " + code + l.failure().map(f -> ": " + f).orElse(""));
            } else if (l.state() == LampState.FAILED) {
                out.add("   [!!] the PBX never answered " + code + l.failure().map(f -> " (" + f + ")").orElse(""));
            }
        }
        if (out.isEmpty() && confirmed > 0) {
            out.add("   [ok] the PBX confirmed the lamp" + (confirmed == 1 ? "" : "s") + " of " + confirmed + " extension"
                    + (confirmed == 1 ? "" : "s"));
        }
        return out;
    }

    /** A line refused for its credentials means its terminal's password is not pbx.password. */
    private static List<String> passwords(Optional<IntegrationStatus> status) {
        List<String> out = new ArrayList<>();
        status.ifPresent(i -> {
            List<LineStatus> refused = i.lines().stream().filter(l -> l.state() == LineState.AUTH_FAILED).toList();
            for (LineStatus l : refused) {
                out.add("   [!!] line " + l.line() + " (ext " + l.extension() + "): the PBX refused the password");
            }
            if (refused.isEmpty() && i.lines().stream().anyMatch(l -> l.state() == LineState.REGISTERED)) {
                out.add("   [ok] the PBX accepts the password");
            }
        });
        return out;
    }

    /** 31-38 for a run of numbers, as the Lines tab writes it; 31-34, 40 for two. */
    static String ranges(List<String> extensions) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < extensions.size()) {
            int j = i;
            while (j + 1 < extensions.size() && next(extensions.get(j), extensions.get(j + 1))) {
                j++;
            }
            parts.add(j > i + 1 ? extensions.get(i) + "-" + extensions.get(j)
                    : j == i + 1 ? extensions.get(i) + ", " + extensions.get(j) : extensions.get(i));
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    private static boolean next(String a, String b) {
        return a.length() == b.length() && a.length() < 18 && Long.parseLong(b) == Long.parseLong(a) + 1;
    }

    /** A step wrapped at 100 columns, its continuation lines indented under its text (after the step number). */
    private static String step(String text) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : text.split(" ", -1)) {
            if (column > 0 && column + 1 + word.length() > 100) {
                out.append("\n   ");
                column = 3;
            } else if (out.length() > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    private static String host(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
