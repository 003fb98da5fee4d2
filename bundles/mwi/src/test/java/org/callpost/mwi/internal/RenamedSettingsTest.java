package org.callpost.mwi.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callpost.support.settings.RenamedSettings;
import org.junit.Test;

/** Issue 14: the lamps' settings by their dotted names, and by the deprecated camelCase names still. */
public class RenamedSettingsTest {
    private final List<String> warnings = new ArrayList<>();
    private final RenamedSettings renamed = new RenamedSettings(MwiConfig.class, MwiComponent.RENAMED, warnings::add);

    private MwiConfig read(Map<String, Object> properties) {
        return RenamedSettings.typed(MwiConfig.class, renamed.current(MwiComponent.PID, properties));
    }

    @Test
    public void theNewNamesAreReadWithoutWarnings() {
        MwiConfig c = read(Map.of("callout.integration", "head", "max.attempts", "5", "state.directory", "/var/lib/lamps",
                "reassert.at.startup", "false", "retry.delay.millis", 2000));
        assertEquals("head", c.callout_integration());
        assertEquals(5, c.max_attempts());
        assertEquals("/var/lib/lamps", c.state_directory());
        assertEquals(false, c.reassert_at_startup());
        assertEquals(new Settings("head", 2, 5, 2000, 500), Settings.of(c));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void theOldNamesStillWorkAndAreWarnedOfOnce() {
        Map<String, Object> old = Map.of("integration", "head", "stateDirectory", "/var/lib/lamps", "maxAttempts", "4");
        MwiConfig c = read(old);
        assertEquals("the lamps' integration is the callouts' callout.integration", "head", c.callout_integration());
        assertEquals("/var/lib/lamps", c.state_directory());
        assertEquals(4, c.max_attempts());
        assertEquals(24, c.reassert_interval_hours());
        assertEquals(3, warnings.size());
        assertTrue(warnings.toString(), warnings.contains("Setting integration (pid org.callpost.mwi) is deprecated, "
                + "rename it to callout.integration; its value is used meanwhile"));
        read(old);
        assertEquals("once per pid and old name", 3, warnings.size());
    }

    @Test
    public void anOldNameIsReadThoughDsPutsTheNewNamesDefaultInTheComponentProperties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        for (java.lang.reflect.Method m : MwiConfig.class.getDeclaredMethods()) {
            properties.put(RenamedSettings.propertyName(m), m.getDefaultValue()); // as bnd's component description has them
        }
        properties.put("integration", "head");
        properties.put("maxAttempts", "7");
        MwiConfig c = read(properties);
        assertEquals("head", c.callout_integration());
        assertEquals(7, c.max_attempts());
        assertEquals(2, warnings.size());
    }

    @Test
    public void theNewNameWinsOverTheOldOne() {
        MwiConfig c = read(Map.of("callout.integration", "branch", "integration", "head"));
        assertEquals("branch", c.callout_integration());
        assertEquals(List.of(), warnings);
    }
}
