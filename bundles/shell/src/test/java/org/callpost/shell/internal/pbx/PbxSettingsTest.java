package org.callpost.shell.internal.pbx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PbxSettingsTest {
    @Test
    public void theShippedConfigurationReadsAsThePbxMustMatchIt() throws Exception {
        PbxSettings s = ShippedConfiguration.settings();
        assertEquals(List.of("31", "32", "33", "34", "35", "36", "37", "38"), s.lineExtensions());
        assertEquals("30", s.huntGroupAccessCode());
        assertEquals("TERMINAL", s.huntMode());
        assertEquals("TCP", s.transport());
        assertEquals(10079, s.highestMediaPort());
        assertEquals("46", s.rtpDscp());
        assertEquals("*38", s.mwiOnCode());
        assertTrue(s.passwordSet());
        assertEquals("office400", IntegrationConfigs.name(ShippedConfiguration.properties()));
    }

    @Test
    public void theCamelCaseNamesOfBeforeAreReadAndTheProfilesCodesTaken() {
        PbxSettings s = PbxSettings.from("old", Map.of("lineExtensions", new String[] {"701", "702-703"},
                "huntGroupAccessCode", "700", "huntMode", "circular"), Map.of("mwiOnCode", "*99", "mwi.off.code", "#99"));
        assertEquals(List.of("701", "702", "703"), s.lineExtensions());
        assertEquals("700", s.huntGroupAccessCode());
        assertEquals("CIRCULAR", s.huntMode());
        assertEquals("*99", s.mwiOnCode());
        assertEquals("#99", s.mwiOffCode());
        assertFalse(s.passwordSet());
    }

    @Test
    public void noLampIsLitOnALineThePilotOrANumberLongerThanAnInternalOne() throws Exception {
        PbxSettings s = ShippedConfiguration.settings();
        assertEquals("extension 31 is one of Callpost's own lines on office400", s.lampProblem("31"));
        assertEquals("extension 30 is the pilot number (hunt.group.access.code) of office400", s.lampProblem("30"));
        assertTrue(s.lampProblem("1234567").contains("longer than an internal number"));
        assertNull(s.lampProblem("201"));
    }
}
