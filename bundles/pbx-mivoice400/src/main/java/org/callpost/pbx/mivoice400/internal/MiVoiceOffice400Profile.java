package org.callpost.pbx.mivoice400.internal;

import java.util.ArrayList;
import java.util.List;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.profile.SwitchProfile;
import org.osgi.service.component.annotations.Component;

/**
 * Mitel MiVoice Office 400 (formerly Aastra/Ascotel 400), SIP Station integration. The PBX
 * hunts calls to Callpost's registered SIP terminals; all of them share one password; the hunt
 * group access code (the pilot number) must not collide with a line's extension; blind
 * transfers are not used (they reach the wrong greeting on stations forwarded on no answer).
 * The integration note's defaults (Tables 4, 5, 7) are the defaults of the integration settings.
 */
@Component(property = SwitchProfile.PROFILE_PROPERTY + "=" + MiVoiceOffice400Profile.ID)
public final class MiVoiceOffice400Profile implements SwitchProfile {
    static final String ID = "mivoice400";

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
        if (!s.password().isSet()) {
            problems.add(new SettingProblem("pbxPassword", "no PBX password is set; the MiVoice Office 400 challenges every SIP terminal",
                    "set pbxPassword to the password of Callpost's SIP terminals in the PBX's Terminal Data programming"));
        }
        if (s.lineExtensions().isEmpty()) {
            problems.add(new SettingProblem("lineExtensions", "no line extensions (the integration fails without them)",
                    "enter the extension of each Callpost SIP terminal, e.g. lineExtensions=31-38"));
        }
        String code = s.huntGroupAccessCode();
        if (code.isEmpty()) {
            problems.add(new SettingProblem("huntGroupAccessCode", "no hunt group access code is set",
                    "set huntGroupAccessCode to the pilot number users dial to reach voicemail, e.g. 30 with lines 31-38"));
        } else {
            for (String ext : s.lineExtensions()) {
                if (ext.equals(code)) {
                    problems.add(new SettingProblem("huntGroupAccessCode", "hunt group access code " + code
                            + " is also line extension " + ext, "choose a pilot number that is not a line extension (e.g. 6000 with lines from 6001)"));
                } else if (ext.startsWith(code)) {
                    problems.add(new SettingProblem("huntGroupAccessCode", "hunt group access code " + code
                            + " is the beginning of line extension " + ext + ", so the PBX could never dial that line",
                            "choose a pilot number that does not begin any line extension"));
                } else if (code.startsWith(ext)) {
                    problems.add(new SettingProblem("huntGroupAccessCode", "line extension " + ext
                            + " is the beginning of hunt group access code " + code + ", so the pilot number could never be dialled",
                            "choose a pilot number that no line extension begins"));
                }
            }
        }
        return problems;
    }

    @Override
    public boolean allowsBlindTransfer() {
        return false;
    }
}
