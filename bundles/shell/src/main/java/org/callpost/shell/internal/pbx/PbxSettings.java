package org.callpost.shell.internal.pbx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.callpost.api.integration.SettingNames;

/**
 * What the PBX must match of one integration's settings, read from its Config Admin configuration
 * ({@code org.callpost.integration~<name>}) and its switch profile's ({@code org.callpost.pbx.<id>}).
 * The shell reads the configuration itself rather than asking the SIP bundle: the public API has no
 * service that hands out settings, and the checklist should also work while an integration is refused.
 * The PBX password is kept only as "set or not": the checklist never shows it.
 *
 * @param rtpDscp "" when the integration leaves DSCP to the media engine
 * @param srtp    OFF, OFFERED or REQUIRED (the srtp setting)
 * @param sipsUris PROFILE, ON or OFF (tls.sips.uris)
 */
public record PbxSettings(String name, String profile, String serverHost, int serverPort, String transport,
        String localAddress, int localPort, boolean passwordSet, String huntGroupAccessCode, String huntMode,
        List<String> lineExtensions, List<String> mwiLines, int mediaBasePort, String rtpDscp, String mwiOnCode,
        String mwiOffCode, int internalNumberMaxDigits, String srtp, String sipsUris) {

    public PbxSettings {
        lineExtensions = List.copyOf(lineExtensions);
        mwiLines = List.copyOf(mwiLines);
    }

    /** Ports each line reserves from the media base port (integration note, Table 8). */
    public static final int MEDIA_PORTS_PER_LINE = 10;

    /**
     * @param integration the integration's configuration properties
     * @param profile     its switch profile's configuration properties (empty: the profile's defaults)
     */
    public static PbxSettings from(String name, Map<String, ?> integration, Map<String, ?> profile) {
        Reader i = new Reader(integration, SettingNames.RENAMED);
        Reader p = new Reader(profile, Map.of("mwi.on.code", "mwiOnCode", "mwi.off.code", "mwiOffCode",
                "internal.number.max.digits", "internalNumberMaxDigits"));
        return new PbxSettings(name, i.text("profile", "mivoice400"), i.text("sip.server.address", "127.0.0.1"),
                i.number("sip.server.port", 5060), i.text("transport", "TCP").toUpperCase(java.util.Locale.ROOT),
                i.text("local.address", "127.0.0.1"), i.number("sip.local.port", 5060),
                !i.text("pbx.password", "").isEmpty(), i.text("hunt.group.access.code", ""),
                i.text("hunt.mode", "TERMINAL").toUpperCase(java.util.Locale.ROOT), extensions(i.raw("line.extensions")),
                extensions(i.raw("mwi.lines")), i.number("media.base.port", 10000), i.text("rtp.dscp", ""),
                p.text("mwi.on.code", "*38"), p.text("mwi.off.code", "#38"), p.number("internal.number.max.digits", 6),
                i.text("srtp", "OFF").toUpperCase(java.util.Locale.ROOT),
                i.text("tls.sips.uris", "PROFILE").toUpperCase(java.util.Locale.ROOT));
    }

    /** How call media is protected, in words: "RTP (srtp = OFF)", "SRTP required (srtp = REQUIRED)". */
    public String media() {
        return switch (srtp) {
            case "REQUIRED" -> "SRTP required";
            case "OFFERED" -> "SRTP when the PBX offers it, else RTP";
            default -> "RTP";
        } + " (srtp = " + srtp + ")";
    }

    /** The highest media port the lines use: base + lines x 10 - 1. */
    public int highestMediaPort() {
        return mediaBasePort + lineExtensions.size() * MEDIA_PORTS_PER_LINE - 1;
    }

    /**
     * Why the PBX could not light a lamp on {@code extension} of this integration, or null when it can:
     * one of Callpost's own lines, the pilot number, or longer than an internal number.
     */
    public String lampProblem(String extension) {
        if (lineExtensions.contains(extension)) {
            return "extension " + extension + " is one of Callpost's own lines on " + name;
        }
        if (extension.equals(huntGroupAccessCode)) {
            return "extension " + extension + " is the pilot number (hunt.group.access.code) of " + name;
        }
        if (extension.length() > internalNumberMaxDigits) {
            return "extension " + extension + " is longer than an internal number on " + name + " ("
                    + internalNumberMaxDigits + " digits, internal.number.max.digits)";
        }
        return null;
    }

    /** Lines and ranges as the Lines tab takes them (31-38, 31,32); what is not one is left out. */
    static List<String> extensions(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof String[] array) {
            items.addAll(List.of(array));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> items.add(String.valueOf(o)));
        } else if (value != null) {
            items.add(String.valueOf(value));
        }
        Set<String> lines = new LinkedHashSet<>();
        for (String item : items) {
            for (String part : item.split("[,;\\s]+")) {
                int dash = part.indexOf('-');
                if (dash > 0 && part.substring(0, dash).matches("\\d{1,9}") && part.substring(dash + 1).matches("\\d{1,9}")
                        && dash == part.length() - dash - 1) {
                    long from = Long.parseLong(part.substring(0, dash));
                    long to = Long.parseLong(part.substring(dash + 1));
                    for (long n = from; n <= to && n - from < 2000; n++) {
                        lines.add(String.format("%0" + dash + "d", n));
                    }
                } else if (part.matches("\\d{1,16}")) {
                    lines.add(part);
                }
            }
        }
        return List.copyOf(lines);
    }

    /** A configuration's values by their dotted name, or by the camelCase name of before. */
    private record Reader(Map<String, ?> properties, Map<String, String> renamed) {
        Object raw(String key) {
            Object v = properties.get(key);
            return v != null ? v : renamed.containsKey(key) ? properties.get(renamed.get(key)) : null;
        }

        String text(String key, String otherwise) {
            Object v = raw(key);
            return v == null ? otherwise : String.valueOf(v).trim();
        }

        int number(String key, int otherwise) {
            try {
                return Integer.parseInt(text(key, String.valueOf(otherwise)));
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
    }
}
