package org.callpost.shell.internal.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.shell.internal.pbx.PbxSettings;

/**
 * The MiVoice Office 400 programming one integration needs, in the integration note's words and
 * with this configuration's values, so that the dealer does not copy them by hand. What Callpost
 * can see from its side (its lines' registrations) is marked {@code [ok]} or {@code [!!]}.
 */
public final class PbxChecklist {
    private PbxChecklist() {
    }

    /**
     * @param status the integration as it runs now; empty when it does not run (nothing is marked then)
     */
    public static String text(PbxSettings s, Optional<IntegrationStatus> status) {
        List<String> out = new ArrayList<>();
        List<String> lines = s.lineExtensions();
        String terminals = lines.size() + " terminal" + (lines.size() == 1 ? "" : "s") + " (" + String.join(", ", lines) + ")";
        out.add("MiVoice Office 400 programming for integration " + s.name() + " (profile " + s.profile()
                + "), from its settings now:");
        if (!"mivoice400".equals(s.profile())) {
            out.add("  Note: written for the MiVoice Office 400; profile " + s.profile() + " may name these steps otherwise.");
        }
        out.add("");
        out.add(" 1. Users and terminals: for each Callpost line create a user (Configuration Manager > User Configuration"
                + " > Users; Create Mailbox: No) with a terminal of interface type Standard SIP (Bandwidth: Default Area),"
                + " call numbers " + String.join(", ", lines) + ": " + terminals + ".");
        registration(status, lines).forEach(out::add);
        out.add(" 2. Voicemail user group: put the " + terminals + " in the voicemail user group: user group 17 on a"
                + " MiVoice Office 415 or 430, user group 25 on a 470.");
        out.add(" 3. Password: in Terminal Data programming give every one of these terminals the same password,"
                + " the one in pbx.password (not shown here).");
        if (!s.passwordSet()) {
            out.add("    [!!] pbx.password is not set: set it to the terminals' password");
        } else {
            passwords(status).forEach(out::add);
        }
        out.add(" 4. Hunt group: pilot number " + (s.huntGroupAccessCode().isEmpty() ? "(none set)" : s.huntGroupAccessCode())
                + " (hunt.group.access.code), members " + String.join(", ", lines) + " in this order, hunting "
                + ("CIRCULAR".equals(s.huntMode()) ? "round the members (circular), as hunt.mode = CIRCULAR"
                        : "always from the first member (terminal), as hunt.mode = TERMINAL") + ".");
        if (s.huntGroupAccessCode().isEmpty()) {
            out.add("    [!!] hunt.group.access.code is not set: set it to the pilot number users dial for voicemail");
        }
        out.add(" 5. Call distribution elements: a DDI routed to Callpost has an unnamed CDE with the common settings"
                + " Force showing DDI number = No, Show forwarding information instead of CDE name = Yes,"
                + " Show CDE name at first position = No.");
        out.add(" 6. Message lamps: Callpost lights a lamp by dialling " + s.mwiOnCode() + "<extension> and clears it with "
                + s.mwiOffCode() + "<extension> (mwi.on.code, mwi.off.code) from "
                + (s.mwiLines().isEmpty() ? "any free line" : "line" + (s.mwiLines().size() == 1 ? " " : "s ")
                        + String.join(", ", s.mwiLines()) + " (mwi.lines)")
                + "; these feature codes must be allowed for the Callpost terminals.");
        out.add(" 7. QoS: RTP on UDP ports " + s.mediaBasePort() + "-" + s.highestMediaPort() + " (media.base.port + "
                + lines.size() + " lines x " + PbxSettings.MEDIA_PORTS_PER_LINE + " - 1) with DSCP "
                + (s.rtpDscp().isEmpty() ? "as the media engine's rtp.dscp (46 = EF by default)" : s.rtpDscp()
                        + ("46".equals(s.rtpDscp()) ? " (EF)" : ""))
                + ".");
        out.add(" 8. Transport: SIP over " + s.transport() + "; the terminals register from " + host(s.localAddress())
                + ":" + s.localPort() + " with the PBX at " + host(s.serverHost()) + ":" + s.serverPort() + ".");
        status.ifPresent(i -> {
            if (i.lines().stream().anyMatch(l -> l.state() == LineState.REGISTERED)) {
                out.add("    [ok] the PBX answers on " + i.activeRegistrar().map(Object::toString).orElse("its address")
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
            out.add("    [ok] all " + all.size() + " lines registered");
        }
        for (LineStatus l : failing) {
            out.add("    [!!] line " + l.line() + " (ext " + l.extension() + "): "
                    + l.lastError().orElse(l.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        }
        return out;
    }

    /** A line refused for its credentials means its terminal's password is not pbx.password. */
    private static List<String> passwords(Optional<IntegrationStatus> status) {
        List<String> out = new ArrayList<>();
        status.ifPresent(i -> {
            List<LineStatus> refused = i.lines().stream().filter(l -> l.state() == LineState.AUTH_FAILED).toList();
            for (LineStatus l : refused) {
                out.add("    [!!] line " + l.line() + " (ext " + l.extension() + "): the PBX refused the password");
            }
            if (refused.isEmpty() && i.lines().stream().anyMatch(l -> l.state() == LineState.REGISTERED)) {
                out.add("    [ok] the PBX accepts the password");
            }
        });
        return out;
    }

    private static String host(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
