package org.callpost.sip.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One integration with one telephone system: the factory configuration
 * {@code org.callpost.integration~<name>}. Names and defaults follow the integration note
 * (Tables 4, 5, 7 and 8) for a MiVoice Office 400 SIP Station integration.
 * <p>
 * Settings are named in dotted lower case ({@code a_b()} is the property {@code a.b}); the
 * camelCase names they had before are still read, and logged as deprecated
 * ({@link org.callpost.api.integration.SettingNames#RENAMED}).
 */
@ObjectClassDefinition(
        id = IntegrationConfig.FACTORY_PID,
        name = "Callpost integration",
        description = "One telephone system: its SIP server, Callpost's lines on it, and how they behave.")
public @interface IntegrationConfig {
    String FACTORY_PID = "org.callpost.integration";

    @AttributeDefinition(name = "Switch profile",
            description = "The kind of PBX: mivoice400 (Mitel MiVoice Office 400, SIP Station) or another installed profile.")
    String profile() default "mivoice400";

    @AttributeDefinition(name = "SIP server address",
            description = "IP address or host name of the PBX. Must match the PBX's configuration.")
    String sip_server_address() default "127.0.0.1";

    @AttributeDefinition(name = "SIP server port", description = "The port the PBX listens on for SIP.", min = "1", max = "65535")
    int sip_server_port() default 5060;

    @AttributeDefinition(name = "Transport for outgoing SIP messages",
            description = "TCP, UDP, or TLS (SIP over TLS: Callpost listens on sip.local.port over TLS only, with the tls.* stores).",
            options = {@Option(label = "TCP", value = "TCP"), @Option(label = "UDP", value = "UDP"), @Option(label = "TLS", value = "TLS")})
    String transport() default "TCP";

    @AttributeDefinition(name = "Local IP address to bind on",
            description = "An address of this host that the PBX reaches Callpost on. Must match the SIP IP address configured in the PBX.")
    String local_address() default "127.0.0.1";

    @AttributeDefinition(name = "SIP local connection port",
            description = "The port Callpost listens on for SIP (TCP and UDP).", min = "1", max = "65535")
    int sip_local_port() default 5060;

    @AttributeDefinition(name = "SIP parser qualifier string",
            description = "A string found in this PBX's SIP headers only (one integration: leave empty for the local address; several: e.g. the PBX's domain name).",
            required = false)
    String parser_qualifier() default "";

    @AttributeDefinition(name = "PBX password", type = AttributeType.PASSWORD,
            description = "The password of every Callpost SIP terminal in the PBX's Terminal Data programming (one for all lines)."
                    + " Type it in clear: Callpost replaces it with a sealed form ({sealed}...) under the key in etc/callpost.key.")
    String pbx_password() default "";

    @AttributeDefinition(name = "Registration period (s)", description = "Expires asked for in REGISTER.", min = "30", max = "86400")
    int registration_period_seconds() default 800;

    @AttributeDefinition(name = "Media packet size (ms)", description = "Milliseconds of audio per RTP packet (ptime).", min = "10", max = "60")
    int media_packet_millis() default 20;

    @AttributeDefinition(name = "Type of call progress for external calls",
            options = {@Option(label = "Digital: connected on answer", value = "DIGITAL"),
                    @Option(label = "Media: connected when early media starts", value = "MEDIA")})
    String call_progress() default "DIGITAL";

    @AttributeDefinition(name = "Incoming off hook delay (ms)", min = "0", max = "10000")
    int incoming_off_hook_delay_millis() default 800;

    @AttributeDefinition(name = "Outgoing off hook delay (ms)", min = "0", max = "10000")
    int outgoing_off_hook_delay_millis() default 0;

    @AttributeDefinition(name = "On hook delay (ms)", description = "Rest before a line is used again.", min = "0", max = "10000")
    int on_hook_delay_millis() default 300;

    @AttributeDefinition(name = "Enable SIP server failover")
    boolean failover_enabled() default false;

    @AttributeDefinition(name = "Failover servers",
            description = "Secondary SIP servers as host:port (port defaults to 5060), tried in this order.", required = false)
    String[] failover_servers() default {};

    @AttributeDefinition(name = "Delay between failover attempts (ms)", min = "0", max = "600000")
    int failover_delay_millis() default 1000;

    @AttributeDefinition(name = "Primary probe interval (s)",
            description = "While on a failover server, how often the primary is asked (SIP OPTIONS) whether it is back.", min = "1", max = "3600")
    int primary_probe_interval_seconds() default 30;

    @AttributeDefinition(name = "Keep-alive interval (s)",
            description = "How often the registrar is asked (SIP OPTIONS) whether it is still there, so an outage is seen before the next refresh; 0 turns it off.",
            min = "0", max = "3600")
    int keep_alive_interval_seconds() default 30;

    @AttributeDefinition(name = "Registration timeout (ms)",
            description = "How long a REGISTER may go unanswered before the server counts as not answering.", min = "500", max = "32000")
    int registration_timeout_millis() default 4000;

    @AttributeDefinition(name = "Validate remote hosts for media",
            description = "Accept RTP only from the negotiated address and port. Costs processing; enable only when needed.")
    boolean validate_remote_media_hosts() default false;

    @AttributeDefinition(name = "SRTP",
            description = "Encrypted media (SRTP, keys by SDES in the SDP): OFF, OFFERED (when the PBX wants it) or REQUIRED"
                    + " (no call without it). Needs transport TLS: the keys travel in the SIP messages.",
            options = {@Option(label = "Off", value = "OFF"), @Option(label = "Offered", value = "OFFERED"),
                    @Option(label = "Required", value = "REQUIRED")})
    String srtp() default "OFF";

    @AttributeDefinition(name = "Incoming hunt mode", description = "Must match the PBX's hunting.",
            options = {@Option(label = "Terminal", value = "TERMINAL"), @Option(label = "Circular", value = "CIRCULAR")})
    String hunt_mode() default "TERMINAL";

    @AttributeDefinition(name = "Hunt group access code",
            description = "The pilot number users dial to reach Callpost; must not equal or begin any line extension.", required = false)
    String hunt_group_access_code() default "";

    @AttributeDefinition(name = "Line extensions",
            description = "One PBX extension per Callpost SIP port, in line order; lists and ranges, e.g. 31-38 or 31,32,33. Required.")
    String[] line_extensions() default {};

    @AttributeDefinition(name = "MWI callout lines",
            description = "Extensions of the lines kept for message-waiting callouts; they take no other outgoing calls. Empty: any free line.",
            required = false)
    String[] mwi_lines() default {};

    @AttributeDefinition(name = "Local media base UDP port",
            description = "Each line reserves 10 ports from here: the highest is base + lines x 10 - 1.", min = "1024", max = "65535")
    int media_base_port() default 10000;

    /** Text so that "not set" can be told from a value: empty leaves the media engine's {@code rtp.dscp}. */
    @AttributeDefinition(name = "RTP DSCP", type = AttributeType.INTEGER, required = false, min = "0", max = "63",
            description = "DiffServ code point on this integration's RTP and RTCP packets (46 = EF). Empty: the media engine's rtp.dscp.")
    String rtp_dscp() default "";

    @AttributeDefinition(name = "TLS key store", required = false,
            description = "With transport TLS (required): a PKCS12 (or JKS) file with the key and certificate Callpost's TLS"
                    + " listener shows the PBX when the PBX connects to Callpost.")
    String tls_key_store() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD, required = false,
            description = "Type it in clear: Callpost replaces it with a sealed form ({sealed}...) under the key in etc/callpost.key.")
    String tls_key_store_password() default "";

    @AttributeDefinition(name = "TLS trust store", required = false,
            description = "With transport TLS: a PKCS12 (or JKS) file with the CA certificate that signed the PBX's certificate."
                    + " Required unless tls.pinned.fingerprint is set.")
    String tls_trust_store() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, required = false,
            description = "Type it in clear: Callpost seals it as it does pbx.password.")
    String tls_trust_store_password() default "";

    @AttributeDefinition(name = "Check the PBX's host name",
            description = "The PBX's certificate must name sip.server.address (DNS name or IP address, as configured)."
                    + " Turn off only for a PBX whose certificate names no address; the trust store is still checked.")
    boolean tls_verify_host() default true;

    @AttributeDefinition(name = "Pinned PBX certificate (SHA-256)", required = false,
            description = "Instead of the trust store and host name: the SHA-256 fingerprint of the one PBX certificate to accept"
                    + " (64 hex digits, colons allowed). Empty: not pinned.")
    String tls_pinned_fingerprint() default "";

    @AttributeDefinition(name = "sips: URIs over TLS",
            description = "With transport TLS: PROFILE (as the switch profile says; MiVoice Office 400 and generic: sip:),"
                    + " ON (sips: Request-URIs, To, From, Contact and REFER targets) or OFF (sip: with transport=tls).",
            options = {@Option(label = "As the profile says", value = "PROFILE"), @Option(label = "On", value = "ON"),
                    @Option(label = "Off", value = "OFF")})
    String tls_sips_uris() default "PROFILE";

    @AttributeDefinition(name = "Flood limit (requests per second per address)", min = "0", max = "100000",
            description = "SIP requests one address other than the PBX's (and its failover servers') may send per second;"
                    + " more are dropped unanswered and counted. 0: no limit.")
    int flood_limit_per_second() default 50;

    @AttributeDefinition(name = "Calls from the PBX only",
            description = "Take calls and subscriptions (INVITE, SUBSCRIBE) only from the PBX's addresses (sip.server.address and"
                    + " failover.servers); from any other address they are dropped and counted with the flood."
                    + " Turn off only when the PBX sends calls from an address it does not register on.")
    boolean calls_from_pbx_only() default true;
}
