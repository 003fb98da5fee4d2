package org.callpost.api.integration;

import java.util.Map;
import java.util.Objects;

/**
 * How an integration's configuration spells its settings: by their names (dotted lower case, e.g.
 * {@code hunt.group.access.code}), or, at a site not yet renamed, by the camelCase name a setting
 * had before (e.g. {@code huntGroupAccessCode}, still read, and logged as deprecated). A switch
 * profile names a setting in a {@link SettingProblem} through {@link #of(String)}, so the
 * administrator is told the key their configuration file really has.
 *
 * @param deprecatedInUse for each setting the configuration sets only under its deprecated name:
 *                        name → deprecated name
 */
public record SettingNames(Map<String, String> deprecatedInUse) {
    /**
     * Every renamed setting of {@code org.callpost.integration~<name>}: name → deprecated name.
     * Settings not listed kept their name ({@code profile}, {@code transport}).
     */
    public static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("sip.server.address", "sipServerAddress"),
            Map.entry("sip.server.port", "sipServerPort"),
            Map.entry("local.address", "localAddress"),
            Map.entry("sip.local.port", "sipLocalPort"),
            Map.entry("parser.qualifier", "parserQualifier"),
            Map.entry("pbx.password", "pbxPassword"),
            Map.entry("registration.period.seconds", "registrationPeriod"),
            Map.entry("media.packet.millis", "mediaPacketSize"),
            Map.entry("call.progress", "callProgress"),
            Map.entry("incoming.off.hook.delay.millis", "incomingOffHookDelay"),
            Map.entry("outgoing.off.hook.delay.millis", "outgoingOffHookDelay"),
            Map.entry("on.hook.delay.millis", "onHookDelay"),
            Map.entry("failover.enabled", "failoverEnabled"),
            Map.entry("failover.servers", "failoverServers"),
            Map.entry("failover.delay.millis", "failoverDelay"),
            Map.entry("primary.probe.interval.seconds", "primaryProbeInterval"),
            Map.entry("keep.alive.interval.seconds", "keepAliveInterval"),
            Map.entry("registration.timeout.millis", "registrationTimeout"),
            Map.entry("validate.remote.media.hosts", "validateRemoteMediaHosts"),
            Map.entry("hunt.mode", "huntMode"),
            Map.entry("hunt.group.access.code", "huntGroupAccessCode"),
            Map.entry("line.extensions", "lineExtensions"),
            Map.entry("mwi.lines", "mwiLines"),
            Map.entry("media.base.port", "mediaBasePort"),
            Map.entry("rtp.dscp", "rtpDscp"));

    /** A configuration that uses the names only. */
    public static final SettingNames CURRENT = new SettingNames(Map.of());

    /**
     * Every setting by its deprecated name: what {@link IntegrationSettings} built by a caller of
     * its constructor without names (written against package version 1.2, before the rename) means.
     */
    public static final SettingNames DEPRECATED = new SettingNames(RENAMED);

    public SettingNames {
        deprecatedInUse = Map.copyOf(Objects.requireNonNull(deprecatedInUse, "deprecatedInUse"));
    }

    /** The key the configuration has for setting {@code name}: {@code name}, or its deprecated name in use. */
    public String of(String name) {
        return deprecatedInUse.getOrDefault(name, name);
    }
}
