package org.callpost.sip.internal.config;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.callpost.support.settings.RenamedSettings;

/**
 * An integration's component properties as DS hands them over: the defaults bnd writes into the
 * component description (every setting with a default that is not an empty list), then the
 * configuration's keys given here. A value that is a RuntimeException cannot be converted (as a
 * value DS could not convert); keys may be the settings' names or their deprecated names.
 */
public final class Configs {
    private Configs() {
    }

    public static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (Method m : IntegrationConfig.class.getDeclaredMethods()) {
            Object d = m.getDefaultValue();
            if (d != null && !(d instanceof Object[] a && a.length == 0)) {
                values.put(RenamedSettings.propertyName(m), d);
            }
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
