package org.callpost.api.integration;

import java.util.List;
import java.util.Objects;

/**
 * Everything an administrator sets for one integration (one telephone system), already typed.
 * Built by the SIP bundle from the integration's Config Admin configuration and handed to the
 * switch profile for validation.
 *
 * @param name                     the integration's name (the factory configuration's name)
 * @param profile                  the switch profile id, e.g. {@code mivoice400}
 * @param server                   "SIP Server Address" and "SIP Server Port"
 * @param transport                "Transport for outgoing SIP messages"
 * @param localAddress             "Local IP Address to bind on"
 * @param localPort                "SIP Local Connection Port"
 * @param parserQualifier          "SIP parser qualifier string"; empty means the local address
 * @param password                 "PBX Password"
 * @param registrationPeriodSeconds "Registration Period in seconds"
 * @param mediaPacketMillis        "Media packet size (milliseconds)"
 * @param callProgress             "Type of Call Progress to use for External Calls"
 * @param incomingOffHookDelayMillis "Incoming off hook delay"
 * @param outgoingOffHookDelayMillis "Outgoing off hook delay"
 * @param onHookDelayMillis        "On hook delay"
 * @param failoverEnabled          "Enable SIP server failover"
 * @param failoverServers          the secondary SIP servers, in the order they are tried
 * @param failoverDelayMillis      "Delay (in ms) between Failover attempts"
 * @param validateRemoteMediaHosts "Validate Remote Hosts for Media"
 * @param huntMode                 "Incoming Hunt Mode"
 * @param huntGroupAccessCode      "Hunt Group Access Code": the pilot number users dial
 * @param lineExtensions           the Lines tab: one extension per SIP port, in line order
 * @param mediaBasePort            "Local Media Base UDP Port"; each line reserves 10 ports
 * @param rtpDscp                  the DSCP value on this integration's RTP and RTCP packets (46, EF),
 *                                 or {@link #ENGINE_DSCP}: the media engine's own setting
 * @param mwiLines                 extensions of the lines kept for message-waiting callouts (not
 *                                 used for other outgoing calls); empty: any free line
 * @param settingNames             how the configuration spells the settings (for {@link SettingProblem}s)
 */
public record IntegrationSettings(
        String name,
        String profile,
        SipServer server,
        Transport transport,
        String localAddress,
        int localPort,
        String parserQualifier,
        PbxPassword password,
        int registrationPeriodSeconds,
        int mediaPacketMillis,
        CallProgressType callProgress,
        int incomingOffHookDelayMillis,
        int outgoingOffHookDelayMillis,
        int onHookDelayMillis,
        boolean failoverEnabled,
        List<SipServer> failoverServers,
        int failoverDelayMillis,
        boolean validateRemoteMediaHosts,
        HuntMode huntMode,
        String huntGroupAccessCode,
        List<String> lineExtensions,
        int mediaBasePort,
        int rtpDscp,
        List<String> mwiLines,
        SettingNames settingNames) {

    /** Ports each line reserves above the media base port (Table 8). */
    public static final int MEDIA_PORTS_PER_LINE = 10;

    /** {@code rtpDscp} when the integration sets none: its RTP carries the media engine's DSCP. */
    public static final int ENGINE_DSCP = -1;

    public IntegrationSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(password, "password");
        failoverServers = List.copyOf(failoverServers);
        lineExtensions = List.copyOf(lineExtensions);
        mwiLines = List.copyOf(mwiLines);
        Objects.requireNonNull(settingNames, "settingNames");
    }

    /**
     * The settings as a caller written against package version 1.2 builds them: that caller knows
     * the settings by their names of that time, so problems name them so ({@link SettingNames#DEPRECATED}).
     */
    public IntegrationSettings(String name, String profile, SipServer server, Transport transport, String localAddress,
            int localPort, String parserQualifier, PbxPassword password, int registrationPeriodSeconds,
            int mediaPacketMillis, CallProgressType callProgress, int incomingOffHookDelayMillis,
            int outgoingOffHookDelayMillis, int onHookDelayMillis, boolean failoverEnabled, List<SipServer> failoverServers,
            int failoverDelayMillis, boolean validateRemoteMediaHosts, HuntMode huntMode, String huntGroupAccessCode,
            List<String> lineExtensions, int mediaBasePort, int rtpDscp, List<String> mwiLines) {
        this(name, profile, server, transport, localAddress, localPort, parserQualifier, password,
                registrationPeriodSeconds, mediaPacketMillis, callProgress, incomingOffHookDelayMillis,
                outgoingOffHookDelayMillis, onHookDelayMillis, failoverEnabled, failoverServers, failoverDelayMillis,
                validateRemoteMediaHosts, huntMode, huntGroupAccessCode, lineExtensions, mediaBasePort, rtpDscp, mwiLines,
                SettingNames.DEPRECATED);
    }

    /** The highest media port the lines use: base + lines x 10 - 1 (Table 8). */
    public int highestMediaPort() {
        return mediaBasePort + lineExtensions.size() * MEDIA_PORTS_PER_LINE - 1;
    }

    /** The servers lines register with, primary first, then the failover servers if enabled. */
    public List<SipServer> registrars() {
        if (!failoverEnabled || failoverServers.isEmpty()) {
            return List.of(server);
        }
        var all = new java.util.ArrayList<SipServer>(1 + failoverServers.size());
        all.add(server);
        all.addAll(failoverServers);
        return List.copyOf(all);
    }
}
