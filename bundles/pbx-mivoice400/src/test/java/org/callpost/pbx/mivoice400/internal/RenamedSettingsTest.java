package org.callpost.pbx.mivoice400.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SettingNames;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.callpost.api.profile.MessageWaiting;
import org.callpost.support.settings.RenamedSettings;
import org.junit.Test;

/** Issue 14: the profile's settings by their dotted names, the camelCase ones still; problems as the configuration spells them. */
public class RenamedSettingsTest {
    private final List<String> warnings = new ArrayList<>();
    private final RenamedSettings renamed = new RenamedSettings(MiVoiceOffice400Config.class, MiVoiceOffice400Profile.RENAMED, warnings::add);
    private final MiVoiceOffice400Profile profile = new MiVoiceOffice400Profile();

    private static IntegrationSettings settings(String password, String huntCode, List<String> lines, SettingNames names) {
        return new IntegrationSettings("office400", "mivoice400", new SipServer("192.0.2.10", 5060), Transport.TCP,
                "127.0.0.1", 5060, "", PbxPassword.of(password), 800, 20, CallProgressType.DIGITAL, 800, 0, 300,
                false, List.of(), 1000, false, HuntMode.TERMINAL, huntCode, lines, 10000, 46, List.of(), names);
    }

    private MessageWaiting lampOn(Map<String, Object> properties) {
        profile.configure(RenamedSettings.typed(MiVoiceOffice400Config.class, renamed.current(MiVoiceOffice400Profile.PID,
                properties)));
        return profile.messageWaiting(new org.callpost.api.lamp.LampRequest("201", true, 1, 0, 0, 0), settings("pw", "30", List.of("31"), SettingNames.CURRENT));
    }

    @Test
    public void theNewNamesAreRead() {
        assertEquals(new MessageWaiting.DialCode("*44201"), lampOn(Map.of("mwi.on.code", "*44")));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void theOldNamesStillWorkAndAreWarnedOfOnce() {
        assertEquals(new MessageWaiting.DialCode("*45201"), lampOn(Map.of("mwiOnCode", "*45")));
        assertEquals(new MessageWaiting.DialCode("*45201"), lampOn(Map.of("mwiOnCode", "*45")));
        assertEquals(List.of("Setting mwiOnCode (pid org.callpost.pbx.mivoice400) is deprecated, rename it to mwi.on.code; "
                + "its value is used meanwhile"), warnings);
        assertEquals("the new name wins", new MessageWaiting.DialCode("*46201"),
                lampOn(Map.of("mwi.on.code", "*46", "mwiOnCode", "*45")));
        assertEquals("a new name at its default, as DS hands it over, is not set", new MessageWaiting.DialCode("*45201"),
                lampOn(Map.of("mwi.on.code", "*38", "mwiOnCode", "*45")));
    }

    @Test
    public void problemsNameTheSettingsAsTheConfigurationSpellsThem() {
        List<SettingProblem> p = profile.validate(settings("", "31", List.of("31"), SettingNames.CURRENT));
        assertEquals(List.of("pbx.password", "hunt.group.access.code"), p.stream().map(SettingProblem::setting).toList());
        assertTrue(p.get(0).fix(), p.get(0).fix().startsWith("set pbx.password to"));
        p = profile.validate(settings("pw", "", List.of("31"), new SettingNames(Map.of("hunt.group.access.code", "huntGroupAccessCode"))));
        assertEquals(List.of("huntGroupAccessCode"), p.stream().map(SettingProblem::setting).toList());
    }
}
