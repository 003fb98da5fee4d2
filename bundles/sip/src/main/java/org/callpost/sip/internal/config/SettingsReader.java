package org.callpost.sip.internal.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.callpost.sip.internal.Integration;

/**
 * Turns an integration's configuration into {@link IntegrationSettings} and finds what every PBX
 * would refuse: values out of range, an address this host does not have, no lines. A profile
 * adds its own rules afterwards. Every problem names the setting and the fix.
 */
public final class SettingsReader {
    /** Any one check that needs the host's interfaces; replaceable in unit tests. */
    public interface LocalAddresses {
        boolean isLocal(String address);
    }

    public static final LocalAddresses HOST_ADDRESSES = address -> {
        try {
            InetAddress a = InetAddress.getByName(address);
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    };

    /** The settings, if they could be read, and every problem found. */
    public record Result(IntegrationSettings settings, Integration.Timing timing, List<SettingProblem> problems) {
        public boolean acceptable() {
            return settings != null && problems.isEmpty();
        }
    }

    private final LocalAddresses localAddresses;
    private final PasswordSeal seal;
    private final List<SettingProblem> problems = new ArrayList<>();

    public SettingsReader(LocalAddresses localAddresses) {
        this(localAddresses, null);
    }

    /** @param seal opens a sealed pbxPassword; null when sealed values cannot be opened here */
    public SettingsReader(LocalAddresses localAddresses, PasswordSeal seal) {
        this.localAddresses = localAddresses;
        this.seal = seal;
    }

    public Result read(String name, IntegrationConfig c) {
        problems.clear();
        String profile = text("profile", c::profile, "set profile to an installed switch profile, e.g. mivoice400");
        String serverHost = text("sipServerAddress", c::sipServerAddress, "set sipServerAddress to the PBX's IP address");
        int serverPort = port("sipServerPort", c::sipServerPort);
        Transport transport = choice("transport", c::transport, Transport.class, Transport.TCP);
        String localAddress = text("localAddress", c::localAddress, "set localAddress to an IP address of this host");
        if (!localAddress.isEmpty() && !localAddresses.isLocal(localAddress)) {
            problem("localAddress", "'" + localAddress + "' is not an address of this host",
                    "set localAddress to one of this host's IP addresses (the one the PBX reaches Callpost on)");
        }
        int localPort = port("sipLocalPort", c::sipLocalPort);
        String qualifier = optional(c::parserQualifier);
        PbxPassword password = PbxPassword.of(openPassword(optional(c::pbxPassword)));
        int period = range("registrationPeriod", c::registrationPeriod, 30, 86400, "seconds");
        int ptime = range("mediaPacketSize", c::mediaPacketSize, 10, 60, "milliseconds");
        if (ptime % 10 != 0) {
            problem("mediaPacketSize", ptime + " ms is not a multiple of 10 ms", "set mediaPacketSize to 10, 20, 30, 40, 50 or 60");
        }
        CallProgressType progress = choice("callProgress", c::callProgress, CallProgressType.class, CallProgressType.DIGITAL);
        int inDelay = range("incomingOffHookDelay", c::incomingOffHookDelay, 0, 10000, "milliseconds");
        int outDelay = range("outgoingOffHookDelay", c::outgoingOffHookDelay, 0, 10000, "milliseconds");
        int onHook = range("onHookDelay", c::onHookDelay, 0, 10000, "milliseconds");
        boolean failover = flag("failoverEnabled", c::failoverEnabled);
        List<SipServer> secondaries = servers(c);
        if (failover && secondaries.isEmpty()) {
            problem("failoverServers", "failover is enabled but no failover server is configured",
                    "add failoverServers (host:port) or set failoverEnabled=false");
        }
        int failoverDelay = range("failoverDelay", c::failoverDelay, 0, 600000, "milliseconds");
        boolean validateMedia = flag("validateRemoteMediaHosts", c::validateRemoteMediaHosts);
        HuntMode hunt = choice("huntMode", c::huntMode, HuntMode.class, HuntMode.TERMINAL);
        String huntCode = optional(c::huntGroupAccessCode);
        if (!huntCode.isEmpty() && !huntCode.matches("[0-9*#]+")) {
            problem("huntGroupAccessCode", "'" + huntCode + "' is not a dialable number", "use digits (and * or #) only, e.g. 6000");
        }
        List<String> lines = LineExtensions.parse(c.lineExtensions(), this::problem);
        if (lines.isEmpty()) {
            problem("lineExtensions", "no line extensions are configured (the integration fails without them)",
                    "set lineExtensions to the extensions of Callpost's SIP terminals on the PBX, e.g. 31-38");
        }
        List<String> mwiLines = LineExtensions.parse(get("mwiLines", c::mwiLines, new String[0], "a list of extensions"),
                (setting, problem, fix) -> problem("mwiLines", problem, fix));
        for (String ext : mwiLines) {
            if (!lines.contains(ext)) {
                problem("mwiLines", "MWI line " + ext + " is not one of the line extensions", "list only extensions from lineExtensions");
            }
        }
        if (!lines.isEmpty() && mwiLines.containsAll(lines)) {
            problem("mwiLines", "every line is kept for MWI callouts, so none is left for other calls", "keep at least one line out of mwiLines");
        }
        int mediaBase = range("mediaBasePort", c::mediaBasePort, 1024, 65535, "");
        if (mediaBase % 2 != 0) {
            problem("mediaBasePort", mediaBase + " is odd (RTP uses even ports)", "set mediaBasePort to an even port, e.g. 10000");
        }
        int dscp = dscp(c);
        Integration.Timing timing = new Integration.Timing(
                range("registrationTimeout", c::registrationTimeout, 500, 32000, "milliseconds"),
                range("primaryProbeInterval", c::primaryProbeInterval, 1, 3600, "seconds"),
                range("keepAliveInterval", c::keepAliveInterval, 0, 3600, "seconds"));
        if (problems.stream().anyMatch(p -> p.setting().equals("sipServerPort") || p.setting().equals("sipLocalPort"))) {
            return new Result(null, null, List.copyOf(problems));
        }
        IntegrationSettings s = new IntegrationSettings(name, profile, new SipServer(serverHost, serverPort), transport,
                localAddress, localPort, qualifier, password, period, ptime, progress, inDelay, outDelay, onHook,
                failover, secondaries, failoverDelay, validateMedia, hunt, huntCode, lines, mediaBase, dscp, mwiLines);
        int highest = s.highestMediaPort();
        if (highest > 65535) {
            problem("mediaBasePort", "the media ports of " + lines.size() + " lines run from " + mediaBase + " to "
                    + highest + ", past 65535", "lower mediaBasePort to at most " + (65536 - lines.size() * 10));
        } else if (!lines.isEmpty() && localPort >= mediaBase && localPort <= highest) {
            problem("sipLocalPort", "SIP port " + localPort + " lies inside the media port range " + mediaBase + "-" + highest,
                    "move sipLocalPort or mediaBasePort so they do not overlap");
        }
        return new Result(s, timing, List.copyOf(problems));
    }

    /** The password in clear: as typed, or opened from its sealed form (see {@link PasswordSeal}). */
    private String openPassword(String value) {
        if (!PasswordSeal.isSealed(value)) {
            return value;
        }
        String fix = "set pbxPassword again in clear text (e.g. config:property-set pbxPassword <password>); Callpost seals it again";
        if (seal == null) {
            problem("pbxPassword", "the password is sealed but no key is available to open it", fix);
            return "";
        }
        try {
            return seal.unseal(value);
        } catch (PasswordSeal.SealException e) {
            problem("pbxPassword", e.getMessage(), fix);
            return "";
        }
    }

    private void problem(String setting, String problem, String fix) {
        problems.add(new SettingProblem(setting, problem, fix));
    }

    /** Reads one value; a value Config Admin could not convert becomes a problem, not an exception. */
    private <T> T get(String setting, Supplier<T> value, T fallback, String expected) {
        try {
            T v = value.get();
            return v == null ? fallback : v;
        } catch (RuntimeException e) {
            problem(setting, "the value is not " + expected, "set " + setting + " to " + expected);
            return fallback;
        }
    }

    private String text(String setting, Supplier<String> value, String fix) {
        String v = get(setting, value, "", "text").trim();
        if (v.isEmpty()) {
            problem(setting, "is empty", fix);
        }
        return v;
    }

    private String optional(Supplier<String> value) {
        try {
            String v = value.get();
            return v == null ? "" : v.trim();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The integration's DSCP, or {@link IntegrationSettings#ENGINE_DSCP} where it sets none. */
    private int dscp(IntegrationConfig c) {
        String v = optional(c::rtpDscp);
        if (v.isEmpty()) {
            return IntegrationSettings.ENGINE_DSCP;
        }
        try {
            return range("rtpDscp", () -> Integer.valueOf(v), 0, 63, "");
        } catch (NumberFormatException e) {
            problem("rtpDscp", "'" + v + "' is not a whole number",
                    "set rtpDscp to a whole number from 0 to 63 (46 = EF), or leave it empty for the media engine's rtp.dscp");
            return IntegrationSettings.ENGINE_DSCP;
        }
    }

    private boolean flag(String setting, Supplier<Boolean> value) {
        return get(setting, value, Boolean.FALSE, "true or false");
    }

    private int port(String setting, Supplier<Integer> value) {
        return range(setting, value, 1, 65535, "");
    }

    private int range(String setting, Supplier<Integer> value, int min, int max, String unit) {
        int v = get(setting, value, min, "a whole number from " + min + " to " + max);
        if (v < min || v > max) {
            problem(setting, v + " is out of range", "set " + setting + " to a whole number from " + min + " to " + max
                    + (unit.isEmpty() ? "" : " " + unit));
        }
        return v;
    }

    private <E extends Enum<E>> E choice(String setting, Supplier<String> value, Class<E> type, E fallback) {
        String v = get(setting, value, fallback.name(), "text").trim();
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Set<String> names = new LinkedHashSet<>();
            for (E option : type.getEnumConstants()) {
                names.add(option.name());
            }
            problem(setting, "'" + v + "' is not one of " + names, "set " + setting + " to one of " + names);
            return fallback;
        }
    }

    private List<SipServer> servers(IntegrationConfig c) {
        List<SipServer> servers = new ArrayList<>();
        String[] entries = get("failoverServers", c::failoverServers, new String[0], "a list of host:port");
        for (String entry : entries) {
            for (String item : entry.split("[,\\s]+")) {
                if (item.isBlank()) {
                    continue;
                }
                SipServer server = SipServers.parse(item.trim());
                if (server == null) {
                    problem("failoverServers", "'" + item + "' is not host:port", "write each failover server as host:port, e.g. 10.0.0.2:5060");
                } else {
                    servers.add(server);
                }
            }
        }
        return servers;
    }
}
