package org.callpost.sip.internal.config;

import java.util.HashMap;
import java.util.Map;

/**
 * An integration's configuration properties as Config Admin hands them over: the keys given, the
 * rest unset (the settings' defaults). A value that is a RuntimeException cannot be converted
 * (as a value DS could not convert); keys may be the settings' names or their deprecated names.
 */
public final class Configs {
    private Configs() {
    }

    public static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
