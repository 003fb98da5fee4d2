package org.callpost.amis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** Wrong settings are refused with the setting's name and how to put it right. */
public class SettingsTest {
    /** A configuration as DS hands it over: the given values, else the defaults. */
    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        });
    }

    private static AmisNode.Settings node(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("node_id", "5552000", "delivery_number", "7900", "integration", "office400"));
        v.putAll(values);
        return AmisNode.check(config(NodeConfig.class, v), Map.of("service.pid", "org.callpost.amis.node~branch"));
    }

    private static void refused(Runnable r, String... words) {
        try {
            r.run();
            fail("accepted");
        } catch (IllegalArgumentException e) {
            for (String w : words) {
                assertTrue(e.getMessage(), e.getMessage().contains(w));
            }
        }
    }

    @Test
    public void aNodeIsNamedByItsConfiguration() {
        AmisNode.Settings n = node(Map.of("address_prefix", " 8 "));
        assertEquals(new AmisNode.Settings("branch", "5552000", "7900", "office400", "8"), n);
    }

    @Test
    public void aWrongNodeSettingIsNamedWithItsFix() {
        refused(() -> node(Map.of("node_id", "55-52")), "node.id", "5552000");
        refused(() -> node(Map.of("delivery_number", "")), "delivery.number");
        refused(() -> node(Map.of("integration", " ")), "integration", "callpost:lines");
        refused(() -> node(Map.of("address_prefix", "8*")), "address.prefix");
    }

    @Test
    public void theDefaultsAreTheProtocolsLimits() {
        AmisNetworkService.Settings s = AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of()));
        assertEquals(9, s.perSession());
        assertEquals(480, s.maxMessageSeconds());
        assertEquals("always", s.schedule().toString());
        assertEquals("", s.systemNumber());
    }

    @Test
    public void aWrongSettingIsNamedWithItsFix() {
        refused(() -> AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of("messages_per_session", 10))),
                "messages.per.session", "1..9");
        refused(() -> AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of("max_message_seconds", 600))),
                "max.message.seconds", "1..480");
        refused(() -> AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of("schedule", "nights"))),
                "schedule", "mon-fri 18:00-24:00");
        refused(() -> AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of("system_number", "abc"))),
                "system.number");
        refused(() -> AmisNetworkService.Settings.of(config(AmisConfig.class, Map.of("answering_number", "79 00"))),
                "answering.number");
    }
}
