package org.callpost.api.profile;

import java.util.ArrayList;
import java.util.List;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.SettingProblem;

/**
 * The hunt group access code rule every switch profile applies, written once: the pilot number
 * users dial to reach voicemail must neither equal, nor begin, nor begin with a line extension
 * (the PBX could never dial that line, or never the pilot number). Whether an empty code is
 * allowed is the profile's own rule.
 */
public final class HuntGroupCodes {
    /** The setting the problems name (as the configuration spells it, see {@link IntegrationSettings#settingNames()}). */
    public static final String SETTING = "hunt.group.access.code";

    private HuntGroupCodes() {
    }

    /** One problem per line extension the hunt group access code collides with; none when the code is empty. */
    public static List<SettingProblem> collisions(IntegrationSettings s) {
        List<SettingProblem> problems = new ArrayList<>();
        String code = s.huntGroupAccessCode();
        if (code == null || code.isEmpty()) {
            return problems;
        }
        String setting = s.settingNames().of(SETTING);
        for (String ext : s.lineExtensions()) {
            if (ext.equals(code)) {
                problems.add(new SettingProblem(setting, "hunt group access code " + code + " is also line extension " + ext,
                        "choose a pilot number that is not a line extension (e.g. 6000 with lines from 6001)"));
            } else if (ext.startsWith(code)) {
                problems.add(new SettingProblem(setting, "hunt group access code " + code
                        + " is the beginning of line extension " + ext + ", so the PBX could never dial that line",
                        "choose a pilot number that does not begin any line extension"));
            } else if (code.startsWith(ext)) {
                problems.add(new SettingProblem(setting, "line extension " + ext + " is the beginning of hunt group access code "
                        + code + ", so the pilot number could never be dialled", "choose a pilot number that no line extension begins"));
            }
        }
        return problems;
    }
}
