package org.callpost.pbx.generic.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.call.Redirection;
import org.callpost.api.integration.IntegrationSettings;
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
 * A standards-only switch profile for PBXes other than the MiVoice Office 400: who was called and
 * why only from Diversion / History-Info (no guessing from To or display names), blind transfer
 * allowed, no password required (some PBXes trust Callpost's address instead). It is also the
 * second profile that shows integrations swapping profiles at runtime.
 */
@Component(service = SwitchProfile.class, property = SwitchProfile.PROFILE_PROPERTY + "=" + GenericSipProfile.ID, configurationPid = "org.callpost.pbx.generic")
@Designate(ocd = GenericProfileConfig.class)
public final class GenericSipProfile implements SwitchProfile, SipsUris {
    static final String ID = "generic";
    static final String PID = "org.callpost.pbx.generic";
    /** Settings of {@link #PID} renamed to dotted lower case: name → deprecated name. */
    static final Map<String, String> RENAMED = Map.of("last.forwarding.party", "lastForwardingParty",
            "internal.number.max.digits", "internalNumberMaxDigits");

    private final RenamedSettings renamed = new RenamedSettings(GenericProfileConfig.class, RENAMED);

    private volatile boolean lastForwardingParty;
    private volatile int internalMaxDigits = 6;

    @Activate
    @Modified
    void configured(GenericProfileConfig config, Map<String, Object> properties) {
        if (!renamed.deprecatedInUse(properties).isEmpty()) {
            config = RenamedSettings.typed(GenericProfileConfig.class, renamed.current(PID, properties));
        }
        configure(config);
    }

    /** The settings as typed (tests: as the test gives them). */
    void configure(GenericProfileConfig config) {
        lastForwardingParty = config.last_forwarding_party();
        internalMaxDigits = Math.max(1, config.internal_number_max_digits());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Generic SIP PBX (RFC 5806 / RFC 7044)";
    }

    @Override
    public List<SettingProblem> validate(IntegrationSettings s) {
        return HuntGroupCodes.collisions(s); // no password needed: some PBXes trust Callpost's address
    }

    /**
     * RFC 3842: an unsolicited NOTIFY message-summary with the counts, and the urgent counts in
     * parentheses when the store knows them.
     */
    @Override
    public org.callpost.api.profile.MessageWaiting messageWaiting(LampRequest request, IntegrationSettings settings) {
        String urgent = request.newUrgent().isPresent() && request.oldUrgent().isPresent()
                ? " (" + request.newUrgent().getAsInt() + "/" + request.oldUrgent().getAsInt() + ")" : "";
        String body = "Messages-Waiting: " + (request.on() ? "yes" : "no") + "\r\n"
                + "Message-Account: sip:" + request.extension() + "@" + settings.server().host() + "\r\n"
                + "Voice-Message: " + request.newCount() + "/" + request.oldCount() + urgent + "\r\n";
        return new org.callpost.api.profile.MessageWaiting.Notify("message-summary", "application/simple-message-summary", body);
    }

    /**
     * sip: with transport=tls: the form Callpost has always sent over TLS, so set-ups that work
     * keep working; a PBX that wants sips: gets it with tls.sips.uris=ON.
     */
    @Override
    public boolean usesSipsUris(IntegrationSettings settings) {
        return false;
    }

    @Override
    public boolean lampsShowCounts() {
        return true;
    }

    @Override
    public boolean allowsBlindTransfer() {
        return true;
    }

    @Override
    public CallInfo interpret(IncomingInvite invite, IntegrationSettings settings) {
        List<String> notes = new ArrayList<>();
        List<Redirection> steps = !invite.diversions().isEmpty() ? invite.diversions() : invite.historyInfo();
        Optional<String> mailbox = Optional.empty();
        ForwardReason reason = ForwardReason.NONE;
        if (!steps.isEmpty()) {
            Redirection chosen = lastForwardingParty ? steps.get(steps.size() - 1) : steps.get(0);
            mailbox = Optional.of(chosen.number());
            reason = chosen.reason();
        }
        String code = settings.huntGroupAccessCode();
        boolean toHuntGroup = !code.isEmpty() && (code.equals(invite.toUser()) || code.equals(invite.requestUser()));
        String caller = invite.fromUser().equalsIgnoreCase("anonymous") ? "" : invite.fromUser();
        return new CallInfo(caller, invite.fromDisplay(), invite.toUser().isEmpty() ? invite.requestUser() : invite.toUser(),
                mailbox, reason, Optional.of(invite.trunkGroup()).filter(t -> !t.isEmpty()), caller.matches("\\d{1," + internalMaxDigits + "}"),
                toHuntGroup && mailbox.isEmpty(), notes);
    }
}
