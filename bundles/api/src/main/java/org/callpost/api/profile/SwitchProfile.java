package org.callpost.api.profile;

import java.util.List;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.lamp.LampRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What is particular to one kind of PBX. Registered as a service with the property
 * {@value #PROFILE_PROPERTY}{@code =<id>}; an integration whose {@code profile} setting names the
 * id uses it. A profile is stateless with respect to integrations: one instance serves all.
 */
@ConsumerType
public interface SwitchProfile {
    /** The service property that carries the profile id. */
    String PROFILE_PROPERTY = "callpost.profile";

    /** The id an integration's {@code profile} setting names, e.g. {@code mivoice400}. */
    String id();

    /** A name for people, e.g. "Mitel MiVoice Office 400 (SIP Station)". */
    String displayName();

    /**
     * Checks an integration's settings against this PBX's rules. The SIP bundle has already
     * checked what every PBX needs (addresses, ports, numbers in range); a profile adds its own.
     *
     * @return every problem found, each naming the setting and the fix; empty when acceptable
     */
    List<SettingProblem> validate(IntegrationSettings settings);

    /**
     * Whether blind transfer (REFER without consultation) may be used. The MiVoice Office 400
     * profile says no: blind transfers to stations forwarded on no answer reach the wrong
     * greeting (integration note, Telephone System Considerations).
     */
    boolean allowsBlindTransfer();

    /**
     * Reads who called whom and why from an INVITE the PBX sent to one of the lines. Anything it
     * cannot interpret goes into {@link CallInfo#notes()} with the header it came from.
     */
    CallInfo interpret(IncomingInvite invite, IntegrationSettings settings);

    /**
     * How to show {@code request} on an extension's message-waiting lamp on this PBX: a feature
     * code or a NOTIFY, with the counts where the PBX shows them.
     */
    MessageWaiting messageWaiting(LampRequest request, IntegrationSettings settings);

    /**
     * Whether this PBX's lamps show message counts (a NOTIFY message-summary), so that a change
     * of counts with the lamp still lit is worth sending; a feature-code lamp is on or off only.
     */
    boolean lampsShowCounts();
}
