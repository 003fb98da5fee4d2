package org.callpost.pbx.generic.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import org.callpost.support.settings.RenamedSettings;
import org.junit.Test;

/** Issue 14: the generic profile's settings by their dotted names, the camelCase ones still. */
public class RenamedSettingsTest {
    private final List<String> warnings = new ArrayList<>();
    private final RenamedSettings renamed = new RenamedSettings(GenericProfileConfig.class, GenericSipProfile.RENAMED, warnings::add);

    private GenericProfileConfig read(Map<String, Object> properties) {
        return RenamedSettings.typed(GenericProfileConfig.class, renamed.current(GenericSipProfile.PID, properties));
    }

    @Test
    public void newNamesOldNamesAndOneWarning() {
        assertTrue(read(Map.of("last.forwarding.party", "true")).last_forwarding_party());
        assertEquals(List.of(), warnings);
        assertTrue(read(Map.of("lastForwardingParty", "true")).last_forwarding_party());
        assertEquals(4, read(Map.of("lastForwardingParty", "true", "internalNumberMaxDigits", 4)).internal_number_max_digits());
        assertEquals(List.of("Setting lastForwardingParty (pid org.callpost.pbx.generic) is deprecated, rename it to "
                + "last.forwarding.party; its value is used meanwhile", "Setting internalNumberMaxDigits (pid "
                + "org.callpost.pbx.generic) is deprecated, rename it to internal.number.max.digits; its value is used "
                + "meanwhile"), warnings);
        assertFalse(read(Map.of()).last_forwarding_party());
        assertEquals(6, read(Map.of()).internal_number_max_digits());
    }

    @Test
    public void theHuntCodeRuleIsTheSharedOneNamedAsTheConfigurationSpellsIt() {
        IntegrationSettings s = new IntegrationSettings("pbx", "generic", new SipServer("192.0.2.10", 5060), Transport.UDP,
                "127.0.0.1", 5060, "", PbxPassword.of(""), 800, 20, CallProgressType.DIGITAL, 800, 0, 300, false, List.of(),
                1000, false, HuntMode.TERMINAL, "60", List.of("60", "600"), 10000, 46, List.of(), SettingNames.CURRENT);
        List<SettingProblem> p = new GenericSipProfile().validate(s);
        assertEquals(List.of("hunt.group.access.code", "hunt.group.access.code"), p.stream().map(SettingProblem::setting).toList());
        assertTrue(p.get(0).problem(), p.get(0).problem().contains("is also line extension 60"));
        assertTrue(p.get(1).problem(), p.get(1).problem().contains("beginning of line extension 600"));
    }
}
