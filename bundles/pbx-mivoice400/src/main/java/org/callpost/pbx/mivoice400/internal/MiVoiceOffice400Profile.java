package org.callpost.pbx.mivoice400.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.call.Redirection;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingNames;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.profile.HuntGroupCodes;
import org.callpost.api.profile.SipsUris;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.support.settings.RenamedSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Mitel MiVoice Office 400 (formerly Aastra/Ascotel 400), SIP Station integration. The PBX
 * hunts calls to Callpost's registered SIP terminals; all of them share one password; the hunt
 * group access code (the pilot number) must not collide with a line's extension; blind
 * transfers are not used (they reach the wrong greeting on stations forwarded on no answer).
 * The integration note's defaults (Tables 4, 5, 7) are the defaults of the integration settings.
 */
@Component(service = SwitchProfile.class, property = SwitchProfile.PROFILE_PROPERTY + "=" + MiVoiceOffice400Profile.ID,
        configurationPid = "org.callpost.pbx.mivoice400")
@Designate(ocd = MiVoiceOffice400Config.class)
public final class MiVoiceOffice400Profile implements SwitchProfile, SipsUris {
    static final String ID = "mivoice400";
    static final String PID = "org.callpost.pbx.mivoice400";
    /** Settings of {@link #PID} renamed to dotted lower case: name → deprecated name. */
    static final Map<String, String> RENAMED = Map.of("last.mailbox.for.cfu.cd", "lastMailboxForCfuCd",
            "internal.number.max.digits", "internalNumberMaxDigits", "mwi.on.code", "mwiOnCode", "mwi.off.code", "mwiOffCode");

    private final RenamedSettings renamed = new RenamedSettings(MiVoiceOffice400Config.class, RENAMED);

    private volatile boolean lastMailbox;
    private volatile int internalMaxDigits = 6;
    private volatile String mwiOn = "*38";
    private volatile String mwiOff = "#38";

    public MiVoiceOffice400Profile() {
        // defaults until configured
    }

    @Activate
    @Modified
    void configured(MiVoiceOffice400Config config, Map<String, Object> properties) {
        if (!renamed.deprecatedInUse(properties).isEmpty()) {
            config = RenamedSettings.typed(MiVoiceOffice400Config.class, renamed.current(PID, properties));
        }
        configure(config);
    }

    /** The settings as typed (tests: as the test gives them). */
    void configure(MiVoiceOffice400Config config) {
        lastMailbox = config.last_mailbox_for_cfu_cd();
        internalMaxDigits = Math.max(1, config.internal_number_max_digits());
        mwiOn = config.mwi_on_code().trim();
        mwiOff = config.mwi_off_code().trim();
    }

    /** The message lamp is a feature access code dialled from an MWI callout line: on or off, no counts. */
    @Override
    public org.callpost.api.profile.MessageWaiting messageWaiting(LampRequest request, IntegrationSettings settings) {
        return new org.callpost.api.profile.MessageWaiting.DialCode((request.on() ? mwiOn : mwiOff) + request.extension());
    }

    @Override
    public boolean lampsShowCounts() {
        return false;
    }

    /**
     * sip: with transport=tls. The integration note documents no sips: for SIP terminals over
     * TLS and nothing here was tried against a real MiVoice Office 400, so Callpost keeps the
     * form every TLS SIP terminal sends; tls.sips.uris=ON overrides it.
     */
    @Override
    public boolean usesSipsUris(IntegrationSettings settings) {
        return false;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Mitel MiVoice Office 400 (SIP Station)";
    }

    @Override
    public List<SettingProblem> validate(IntegrationSettings s) {
        List<SettingProblem> problems = new ArrayList<>();
        SettingNames names = s.settingNames();
        if (!s.password().isSet()) {
            problems.add(new SettingProblem(names.of("pbx.password"), "no PBX password is set; the MiVoice Office 400 challenges every SIP terminal",
                    "set " + names.of("pbx.password") + " to the password of Callpost's SIP terminals in the PBX's Terminal Data programming"));
        }
        if (s.lineExtensions().isEmpty()) {
            problems.add(new SettingProblem(names.of("line.extensions"), "no line extensions (the integration fails without them)",
                    "enter the extension of each Callpost SIP terminal, e.g. " + names.of("line.extensions") + "=31-38"));
        }
        if (s.huntGroupAccessCode().isEmpty()) {
            problems.add(new SettingProblem(names.of(HuntGroupCodes.SETTING), "no hunt group access code is set",
                    "set " + names.of(HuntGroupCodes.SETTING) + " to the pilot number users dial to reach voicemail, e.g. 30 with lines 31-38"));
        }
        problems.addAll(HuntGroupCodes.collisions(s));
        return problems;
    }

    @Override
    public boolean allowsBlindTransfer() {
        return false;
    }

    /**
     * Diversion first, else History-Info; of several forwarding steps the first forwarding
     * subscriber's mailbox unless "Last mailbox for CFU/CD" is set. With neither header, a To that
     * names a subscriber other than the line and the pilot number is taken as the forwarding party.
     */
    @Override
    public CallInfo interpret(IncomingInvite invite, IntegrationSettings settings) {
        List<String> notes = new ArrayList<>();
        String huntCode = settings.huntGroupAccessCode();
        List<Redirection> steps = !invite.diversions().isEmpty() ? invite.diversions() : invite.historyInfo();
        Optional<String> mailbox = Optional.empty();
        ForwardReason reason = ForwardReason.NONE;
        if (!steps.isEmpty()) {
            Redirection chosen = lastMailbox ? steps.get(steps.size() - 1) : steps.get(0);
            mailbox = Optional.of(chosen.number());
            reason = chosen.reason();
        } else if (isSubscriber(invite.toUser(), settings)) {
            mailbox = Optional.of(invite.toUser());
            reason = ForwardReason.FORWARD_ALL;
            notes.add("To: " + invite.toUser() + " taken as the forwarding subscriber; no Diversion or History-Info gave the reason");
        }
        String dialled = !invite.toUser().isEmpty() ? invite.toUser() : invite.requestUser();
        boolean toHuntGroup = !huntCode.isEmpty() && (huntCode.equals(invite.toUser()) || huntCode.equals(invite.requestUser()));
        String caller = invite.fromUser();
        boolean internal = caller.matches("\\d{1," + internalMaxDigits + "}");
        if (caller.isEmpty() || caller.equalsIgnoreCase("anonymous")) {
            caller = "";
        }
        String trunk = invite.trunkGroup();
        return new CallInfo(caller, invite.fromDisplay(), dialled, mailbox, reason,
                trunk.isEmpty() ? Optional.empty() : Optional.of(trunk), internal,
                toHuntGroup && mailbox.isEmpty(), notes);
    }

    private static boolean isSubscriber(String user, IntegrationSettings settings) {
        return !user.isEmpty() && user.matches("\\d+") && !settings.lineExtensions().contains(user)
                && !user.equals(settings.huntGroupAccessCode());
    }
}
