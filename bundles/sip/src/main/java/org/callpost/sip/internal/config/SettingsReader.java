package org.callpost.sip.internal.config;

import org.callpost.support.seal.PasswordSeal;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SettingNames;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.callpost.sip.internal.Integration;
import org.callpost.support.settings.RenamedSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    public record Result(IntegrationSettings settings, Integration.Timing timing, SipProtection protection,
            SrtpMode srtp, List<SettingProblem> problems) {
        public boolean acceptable() {
            return settings != null && problems.isEmpty();
        }
    }

    private final LocalAddresses localAddresses;
    private final PasswordSeal seal;
    /** Lives as long as this reader: one integration's component, so each deprecated name is warned of once. */
    private final RenamedSettings renamed;
    private final List<SettingProblem> problems = new ArrayList<>();
    private SettingNames names = SettingNames.CURRENT;

    public SettingsReader(LocalAddresses localAddresses) {
        this(localAddresses, null);
    }

    /** @param seal opens a sealed pbx.password; null when sealed values cannot be opened here */
    public SettingsReader(LocalAddresses localAddresses, PasswordSeal seal) {
        this(localAddresses, seal, new RenamedSettings(IntegrationConfig.class, SettingNames.RENAMED));
    }

    /** @param renamed reads the deprecated names, and warns of them once for as long as this reader lives */
    public SettingsReader(LocalAddresses localAddresses, PasswordSeal seal, RenamedSettings renamed) {
        this.localAddresses = localAddresses;
        this.seal = seal;
        this.renamed = renamed;
    }

    /**
     * Reads the configuration's properties (as Config Admin has them) under the settings' names,
     * or under their deprecated names where only those are set; problems then name the setting as
     * the configuration spells it.
     */
    public Result read(String name, Map<String, ?> properties) {
        problems.clear();
        names = spelling(properties);
        Object pid = properties.get("service.pid");
        IntegrationConfig c = RenamedSettings.typed(IntegrationConfig.class,
                renamed.current(pid == null ? IntegrationConfig.FACTORY_PID + "~" + name : pid.toString(), properties));
        String profile = text("profile", c::profile, "set profile to an installed switch profile, e.g. mivoice400");
        String serverHost = text("sip.server.address", c::sip_server_address,
                "set " + n("sip.server.address") + " to the PBX's IP address");
        int serverPort = port("sip.server.port", c::sip_server_port);
        Transport transport = choice("transport", c::transport, Transport.class, Transport.TCP);
        String localAddress = text("local.address", c::local_address, "set " + n("local.address") + " to an IP address of this host");
        if (!localAddress.isEmpty() && !localAddresses.isLocal(localAddress)) {
            problem("local.address", "'" + localAddress + "' is not an address of this host",
                    "set " + n("local.address") + " to one of this host's IP addresses (the one the PBX reaches Callpost on)");
        }
        int localPort = port("sip.local.port", c::sip_local_port);
        String qualifier = optional(c::parser_qualifier);
        PbxPassword password = PbxPassword.of(openPassword(optional(c::pbx_password)));
        int period = range("registration.period.seconds", c::registration_period_seconds, 30, 86400, "seconds");
        int ptime = range("media.packet.millis", c::media_packet_millis, 10, 60, "milliseconds");
        if (ptime % 10 != 0) {
            problem("media.packet.millis", ptime + " ms is not a multiple of 10 ms",
                    "set " + n("media.packet.millis") + " to 10, 20, 30, 40, 50 or 60");
        }
        CallProgressType progress = choice("call.progress", c::call_progress, CallProgressType.class, CallProgressType.DIGITAL);
        int inDelay = range("incoming.off.hook.delay.millis", c::incoming_off_hook_delay_millis, 0, 10000, "milliseconds");
        int outDelay = range("outgoing.off.hook.delay.millis", c::outgoing_off_hook_delay_millis, 0, 10000, "milliseconds");
        int onHook = range("on.hook.delay.millis", c::on_hook_delay_millis, 0, 10000, "milliseconds");
        boolean failover = flag("failover.enabled", c::failover_enabled);
        List<SipServer> secondaries = servers(c);
        if (failover && secondaries.isEmpty()) {
            problem("failover.servers", "failover is enabled but no failover server is configured",
                    "add " + n("failover.servers") + " (host:port) or set " + n("failover.enabled") + "=false");
        }
        int failoverDelay = range("failover.delay.millis", c::failover_delay_millis, 0, 600000, "milliseconds");
        boolean validateMedia = flag("validate.remote.media.hosts", c::validate_remote_media_hosts);
        SrtpMode srtp = choice("srtp", c::srtp, SrtpMode.class, SrtpMode.OFF);
        // SDES keys are in the SDP in clear: only a TLS hop to the PBX keeps them from the network
        if (srtp != SrtpMode.OFF && transport != Transport.TLS) {
            problem("srtp", "SRTP keys (SDES) travel in the SDP, and over " + transport + " anyone on the network reads them",
                    "set " + n("transport") + "=TLS, or " + n("srtp") + "=OFF");
        }
        SipsUriMode sips = choice("tls.sips.uris", c::tls_sips_uris, SipsUriMode.class, SipsUriMode.PROFILE);
        // sips: asks for TLS on every hop: a URI we cannot honour over TCP or UDP
        if (sips == SipsUriMode.ON && transport != Transport.TLS) {
            problem("tls.sips.uris", "sips: URIs need SIP over TLS, and the transport is " + transport,
                    "set " + n("transport") + "=TLS, or " + n("tls.sips.uris") + "=PROFILE");
        }
        HuntMode hunt = choice("hunt.mode", c::hunt_mode, HuntMode.class, HuntMode.TERMINAL);
        String huntCode = optional(c::hunt_group_access_code);
        if (!huntCode.isEmpty() && !huntCode.matches("[0-9*#]+")) {
            problem("hunt.group.access.code", "'" + huntCode + "' is not a dialable number", "use digits (and * or #) only, e.g. 6000");
        }
        List<String> lines = LineExtensions.parse(get("line.extensions", c::line_extensions, new String[0], "a list of extensions"),
                (setting, problem, fix) -> problem("line.extensions", problem, fix));
        if (lines.isEmpty()) {
            problem("line.extensions", "no line extensions are configured (the integration fails without them)",
                    "set " + n("line.extensions") + " to the extensions of Callpost's SIP terminals on the PBX, e.g. 31-38");
        }
        List<String> mwiLines = LineExtensions.parse(get("mwi.lines", c::mwi_lines, new String[0], "a list of extensions"),
                (setting, problem, fix) -> problem("mwi.lines", problem, fix));
        for (String ext : mwiLines) {
            if (!lines.contains(ext)) {
                problem("mwi.lines", "MWI line " + ext + " is not one of the line extensions",
                        "list only extensions from " + n("line.extensions"));
            }
        }
        if (!lines.isEmpty() && mwiLines.containsAll(lines)) {
            problem("mwi.lines", "every line is kept for MWI callouts, so none is left for other calls",
                    "keep at least one line out of " + n("mwi.lines"));
        }
        int mediaBase = range("media.base.port", c::media_base_port, 1024, 65535, "");
        if (mediaBase % 2 != 0) {
            problem("media.base.port", mediaBase + " is odd (RTP uses even ports)",
                    "set " + n("media.base.port") + " to an even port, e.g. 10000");
        }
        int dscp = dscp(c);
        Integration.Timing timing = new Integration.Timing(
                range("registration.timeout.millis", c::registration_timeout_millis, 500, 32000, "milliseconds"),
                range("primary.probe.interval.seconds", c::primary_probe_interval_seconds, 1, 3600, "seconds"),
                range("keep.alive.interval.seconds", c::keep_alive_interval_seconds, 0, 3600, "seconds"));
        if (problems.stream().anyMatch(p -> p.setting().equals(n("sip.server.port")) || p.setting().equals(n("sip.local.port")))) {
            return new Result(null, null, null, srtp, List.copyOf(problems));
        }
        IntegrationSettings s = new IntegrationSettings(name, profile, new SipServer(serverHost, serverPort), transport,
                localAddress, localPort, qualifier, password, period, ptime, progress, inDelay, outDelay, onHook,
                failover, secondaries, failoverDelay, validateMedia, hunt, huntCode, lines, mediaBase, dscp, mwiLines, names);
        int highest = s.highestMediaPort();
        if (highest > 65535) {
            problem("media.base.port", "the media ports of " + lines.size() + " lines run from " + mediaBase + " to "
                    + highest + ", past 65535", "lower " + n("media.base.port") + " to at most " + (65536 - lines.size() * 10));
        } else if (!lines.isEmpty() && localPort >= mediaBase && localPort <= highest) {
            problem("sip.local.port", "SIP port " + localPort + " lies inside the media port range " + mediaBase + "-" + highest,
                    "move " + n("sip.local.port") + " or " + n("media.base.port") + " so they do not overlap");
        }
        SipProtection protection = new SipProtection(transport == Transport.TLS ? tls(c) : TlsSettings.NONE,
                range("flood.limit.per.second", c::flood_limit_per_second, 0, 100000, "requests per second"),
                get("calls.from.pbx.only", c::calls_from_pbx_only, Boolean.TRUE, "true or false"), sips);
        return new Result(s, timing, protection, srtp, List.copyOf(problems));
    }

    /**
     * How the configuration spells the settings: a setting it has under its deprecated name by
     * that name; and when it is written in the old style throughout (deprecated names, none of
     * the new ones), every setting by its deprecated name, so that a fix names the key the
     * administrator would add to that file next to the others.
     */
    private SettingNames spelling(Map<String, ?> properties) {
        Map<String, String> inUse = renamed.deprecatedInUse(properties);
        boolean oldStyle = !inUse.isEmpty() && SettingNames.RENAMED.keySet().stream().noneMatch(n -> renamed.isSet(n, properties));
        return oldStyle ? SettingNames.DEPRECATED : new SettingNames(inUse);
    }

    /** Setting {@code name} as the configuration being read spells it (its deprecated name, if that is what it has). */
    private String n(String name) {
        return names.of(name);
    }

    /** The password in clear: as typed, or opened from its sealed form (see {@link PasswordSeal}). */
    private String openPassword(String value) {
        return openPassword("pbx.password", value);
    }

    private String openPassword(String setting, String value) {
        if (!PasswordSeal.isSealed(value)) {
            return value;
        }
        String fix = "set " + n(setting) + " again in clear text (e.g. config:property-set " + n(setting)
                + " <password>); Callpost seals it again";
        if (seal == null) {
            problem(setting, "the password is sealed but no key is available to open it", fix);
            return "";
        }
        try {
            return seal.unseal(value);
        } catch (PasswordSeal.SealException e) {
            problem(setting, e.getMessage(), fix);
            return "";
        }
    }

    /** The TLS settings, with the stores opened now so a wrong path, password or expired certificate is refused here. */
    private TlsSettings tls(IntegrationConfig c) {
        String pin = optional(c::tls_pinned_fingerprint).replace(":", "").toLowerCase(Locale.ROOT);
        if (!pin.isEmpty() && !pin.matches("[0-9a-f]{64}")) {
            problem("tls.pinned.fingerprint", "'" + optional(c::tls_pinned_fingerprint) + "' is not a SHA-256 fingerprint",
                    "set tls.pinned.fingerprint to the 64 hex digits of the PBX certificate's SHA-256 fingerprint"
                            + " (openssl x509 -noout -fingerprint -sha256 -in pbx.pem), or leave it empty");
            pin = "";
        }
        TlsSettings t = new TlsSettings(optional(c::tls_key_store), openPassword("tls.key.store.password", optional(c::tls_key_store_password)),
                optional(c::tls_trust_store), openPassword("tls.trust.store.password", optional(c::tls_trust_store_password)),
                flag("tls.verify.host", c::tls_verify_host), pin);
        List<TlsStores.Refusal> refusals = new ArrayList<>();
        TlsStores.open(t, refusals);
        for (TlsStores.Refusal r : refusals) {
            problem(r.setting, r.getMessage(), r.fix);
        }
        return t;
    }

    /** @param setting the setting's name; the problem names it as the configuration spells it */
    private void problem(String setting, String problem, String fix) {
        problems.add(new SettingProblem(n(setting), problem, fix));
    }

    /** Reads one value; a value Config Admin could not convert becomes a problem, not an exception. */
    private <T> T get(String setting, Supplier<T> value, T fallback, String expected) {
        try {
            T v = value.get();
            return v == null ? fallback : v;
        } catch (RuntimeException e) {
            problem(setting, "the value is not " + expected, "set " + n(setting) + " to " + expected);
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
        String v = optional(c::rtp_dscp);
        if (v.isEmpty()) {
            return IntegrationSettings.ENGINE_DSCP;
        }
        try {
            return range("rtp.dscp", () -> Integer.valueOf(v), 0, 63, "");
        } catch (NumberFormatException e) {
            problem("rtp.dscp", "'" + v + "' is not a whole number",
                    "set " + n("rtp.dscp") + " to a whole number from 0 to 63 (46 = EF), or leave it empty for the media engine's rtp.dscp");
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
            problem(setting, v + " is out of range", "set " + n(setting) + " to a whole number from " + min + " to " + max
                    + (unit.isEmpty() ? "" : " " + unit));
        }
        return v;
    }

    private <E extends Enum<E>> E choice(String setting, Supplier<String> value, Class<E> type, E fallback) {
        String v = get(setting, value, fallback.name(), "text").trim();
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Set<String> options = new LinkedHashSet<>();
            for (E option : type.getEnumConstants()) {
                options.add(option.name());
            }
            problem(setting, "'" + v + "' is not one of " + options, "set " + n(setting) + " to one of " + options);
            return fallback;
        }
    }

    private List<SipServer> servers(IntegrationConfig c) {
        List<SipServer> servers = new ArrayList<>();
        String[] entries = get("failover.servers", c::failover_servers, new String[0], "a list of host:port");
        for (String entry : entries) {
            for (String item : entry.split("[,\\s]+")) {
                if (item.isBlank()) {
                    continue;
                }
                SipServer server = SipServers.parse(item.trim());
                if (server == null) {
                    problem("failover.servers", "'" + item + "' is not host:port", "write each failover server as host:port, e.g. 10.0.0.2:5060");
                } else {
                    servers.add(server);
                }
            }
        }
        return servers;
    }
}
