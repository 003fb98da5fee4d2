package org.callpost.sip.internal.config;

import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import static org.callpost.sip.internal.config.Configs.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SettingNames;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.support.settings.RenamedSettings;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Issue 14: the integration's settings by their dotted names, and by the deprecated camelCase names still. */
public class RenamedSettingsTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final List<String> warnings = new ArrayList<>();
    private final SettingsReader reader = new SettingsReader(a -> true, null,
            new RenamedSettings(IntegrationConfig.class, SettingNames.RENAMED, warnings::add));

    private static List<String> settingsWithProblems(SettingsReader.Result r) {
        return r.problems().stream().map(SettingProblem::setting).toList();
    }

    @Test
    public void theNewNamesAreReadWithoutWarnings() {
        SettingsReader.Result r = reader.read("x", config("sip.server.address", "192.0.2.5", "sip.server.port", "5070",
                "line.extensions", new String[] {"31-32"}, "pbx.password", "pw", "rtp.dscp", "34",
                "hunt.group.access.code", "30", "on.hook.delay.millis", "250", "failover.enabled", "true",
                "failover.servers", "10.0.0.2:5062", "mwi.lines", new String[] {"32"}));
        assertTrue(r.problems().toString(), r.acceptable());
        IntegrationSettings s = r.settings();
        assertEquals(new SipServer("192.0.2.5", 5070), s.server());
        assertEquals(List.of("31", "32"), s.lineExtensions());
        assertEquals(PbxPassword.of("pw"), s.password());
        assertEquals(34, s.rtpDscp());
        assertEquals("30", s.huntGroupAccessCode());
        assertEquals(250, s.onHookDelayMillis());
        assertEquals(List.of(new SipServer("192.0.2.5", 5070), new SipServer("10.0.0.2", 5062)), s.registrars());
        assertEquals(List.of("32"), s.mwiLines());
        assertEquals(SettingNames.CURRENT, s.settingNames());
        assertEquals(List.of(), warnings);
    }

    @Test
    public void problemsOfANewStyleConfigurationNameTheNewNames() {
        assertEquals(List.of("line.extensions"), settingsWithProblems(reader.read("x", config())));
        SettingsReader.Result r = reader.read("x", config("line.extensions", new String[] {"31"}, "media.packet.millis", 25,
                "on.hook.delay.millis", "soon"));
        assertEquals(List.of("media.packet.millis", "on.hook.delay.millis"), settingsWithProblems(r));
        assertTrue(r.problems().get(0).fix(), r.problems().get(0).fix().startsWith("set media.packet.millis to"));
    }

    @Test
    public void anOldNameStillWorksAndIsWarnedOfOncePerPidAndName() {
        Map<String, Object> old = config("service.pid", "org.callpost.integration~office400", "sipServerAddress", "192.0.2.5",
                "lineExtensions", "31-34", "pbxPassword", "s3cret", "huntGroupAccessCode", "30");
        SettingsReader.Result r = reader.read("office400", old);
        assertTrue(r.problems().toString(), r.acceptable());
        assertEquals("192.0.2.5", r.settings().server().host());
        assertEquals(List.of("31", "32", "33", "34"), r.settings().lineExtensions());
        assertEquals(PbxPassword.of("s3cret"), r.settings().password());
        assertEquals("30", r.settings().huntGroupAccessCode());
        assertEquals(4, warnings.size());
        assertTrue(warnings.toString(), warnings.contains("Setting pbxPassword (pid org.callpost.integration~office400) is "
                + "deprecated, rename it to pbx.password; its value is used meanwhile"));
        assertFalse("never the password", warnings.toString().contains("s3cret"));
        reader.read("office400", old); // a change, or the password just sealed: the same configuration again
        reader.read("office400", old);
        assertEquals("once per pid and old name", 4, warnings.size());
        Map<String, Object> other = new java.util.HashMap<>(old);
        other.put("service.pid", "org.callpost.integration~branch");
        reader.read("branch", other);
        assertEquals("another pid is warned of on its own", 8, warnings.size());
    }

    @Test
    public void theNewNameWinsOverTheOldOneSilentlyAndMixedConfigurationsNameEachKeyAsWritten() {
        SettingsReader.Result r = reader.read("x", config("line.extensions", new String[] {"31-32"}, "lineExtensions", "41-42",
                "rtpDscp", "64"));
        assertEquals(List.of("rtpDscp"), settingsWithProblems(r));
        assertEquals(List.of("Setting rtpDscp (pid org.callpost.integration~x) is deprecated, rename it to rtp.dscp; "
                + "its value is used meanwhile"), warnings);
        r = reader.read("x", config("line.extensions", new String[] {"31-32"}, "lineExtensions", "41-42"));
        assertEquals(List.of("31", "32"), r.settings().lineExtensions());
        assertEquals("hunt.group.access.code", r.settings().settingNames().of("hunt.group.access.code"));
    }

    @Test
    public void anOldStyleConfigurationIsAnsweredInItsStyleProfilesIncluded() {
        SettingsReader.Result r = reader.read("x", config("lineExtensions", new String[] {"31"}));
        assertEquals(SettingNames.DEPRECATED, r.settings().settingNames());
        assertEquals("huntGroupAccessCode", r.settings().settingNames().of("hunt.group.access.code"));
        assertEquals(List.of("huntGroupAccessCode"), settingsWithProblems(reader.read("x", config("lineExtensions",
                new String[] {"31"}, "huntGroupAccessCode", "3x"))));
    }

    @Test
    public void aPasswordSealedUnderTheOldNameOpensUnderTheNewOne() throws Exception {
        PasswordSeal seal = new PasswordSeal(dir.getRoot().toPath().resolve("callpost.key"));
        String sealed = seal.seal("s3cret");
        SettingsReader withKey = new SettingsReader(a -> true, seal);
        assertEquals(PbxPassword.of("s3cret"), withKey.read("x", config("line.extensions", new String[] {"31"},
                "pbx.password", sealed)).settings().password());
        assertEquals(PbxPassword.of("s3cret"), withKey.read("x", config("lineExtensions", new String[] {"31"},
                "pbxPassword", sealed)).settings().password());
        SettingsReader.Result bad = new SettingsReader(a -> true, new PasswordSeal(dir.getRoot().toPath().resolve("other.key")))
                .read("x", config("line.extensions", new String[] {"31"}, "pbx.password", sealed));
        assertEquals(List.of("pbx.password"), settingsWithProblems(bad));
        assertTrue(bad.problems().get(0).fix(), bad.problems().get(0).fix().contains("set pbx.password again in clear text"));
    }

    @Test
    public void sealingSealsThePasswordUnderTheKeyTheConfigurationHas() throws Exception {
        PasswordSeal seal = new PasswordSeal(dir.getRoot().toPath().resolve("callpost.key"));
        for (String key : List.of("pbx.password", "pbxPassword")) {
            Hashtable<String, Object> stored = new Hashtable<>(Map.of("service.pid", "org.callpost.integration~x",
                    key, "s3cret", "line.extensions", "31"));
            List<Dictionary<String, Object>> updates = new ArrayList<>();
            Map<String, Object> componentProperties = config(); // DS: the defaults, pbx.password "" among them
            componentProperties.putAll(stored);
            new PasswordSealing(configAdmin(stored, updates), seal, "org.callpost.integration~x", "x")
                    .sealIfClear(componentProperties);
            assertEquals(key, 1, updates.size());
            Object value = updates.get(0).get(key);
            assertTrue(key + ": " + value, PasswordSeal.isSealed(String.valueOf(value)));
            assertEquals(key, "s3cret", seal.unseal(String.valueOf(value)));
            assertEquals("never renamed: " + updates.get(0), stored.keySet(), java.util.Collections.list(updates.get(0).keys()).stream().collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    public void theTypedViewConvertsLikeDeclarativeServices() {
        IntegrationConfig c = RenamedSettings.typed(IntegrationConfig.class, Map.of("sip.server.port", " 5070",
                "failover.enabled", "true", "line.extensions", "31-38", "mwi.lines", List.of("31", "32")));
        assertEquals(5070, c.sip_server_port());
        assertTrue(c.failover_enabled());
        assertEquals(List.of("31-38"), List.of(c.line_extensions()));
        assertEquals(List.of("31", "32"), List.of(c.mwi_lines()));
        assertEquals("defaults for the rest", "TCP", c.transport());
        assertEquals(800, c.registration_period_seconds());
    }

    private static ConfigurationAdmin configAdmin(Hashtable<String, Object> stored, List<Dictionary<String, Object>> updates) {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(RenamedSettingsTest.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperties":
                            return new Hashtable<>(stored);
                        case "update":
                            if (args != null && args.length == 1) {
                                @SuppressWarnings("unchecked")
                                Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                                updates.add(d);
                            }
                            return null;
                        default:
                            return null;
                    }
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(RenamedSettingsTest.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) ->
                        method.getName().equals("listConfigurations") ? new Configuration[] {configuration} : null);
    }
}
