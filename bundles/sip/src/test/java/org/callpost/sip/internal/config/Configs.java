package org.callpost.sip.internal.config;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** An {@link IntegrationConfig} as DS would hand it over: defaults, with some values overridden. */
public final class Configs {
    private Configs() {
    }

    public static IntegrationConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (IntegrationConfig) Proxy.newProxyInstance(IntegrationConfig.class.getClassLoader(),
                new Class<?>[] {IntegrationConfig.class}, (proxy, method, args) -> {
                    Object v = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                    if (v instanceof RuntimeException e) {
                        throw e; // as DS does when it cannot convert a value
                    }
                    return v;
                });
    }
}
