package org.callpost.shell.internal.pbx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Every integration's {@link PbxSettings}, from Config Admin as it is now. */
public final class IntegrationConfigs {
    private static final String FACTORY_PID = "org.callpost.integration";

    private IntegrationConfigs() {
    }

    /** By name; empty when Config Admin is not there. */
    public static List<PbxSettings> all(ConfigurationAdmin configAdmin) {
        if (configAdmin == null) {
            return List.of();
        }
        List<PbxSettings> all = new ArrayList<>();
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            for (Configuration c : found == null ? new Configuration[0] : found) {
                Map<String, Object> properties = map(c.getProperties());
                String profile = String.valueOf(properties.getOrDefault("profile", "mivoice400")).trim();
                Map<String, Object> profileProperties = Map.of();
                Configuration[] p = configAdmin.listConfigurations("(service.pid=org.callpost.pbx." + profile + ")");
                if (p != null && p.length > 0) {
                    profileProperties = map(p[0].getProperties());
                }
                all.add(PbxSettings.from(name(properties), properties, profileProperties));
            }
        } catch (IOException | InvalidSyntaxException e) {
            return List.of();
        }
        all.sort(Comparator.comparing(PbxSettings::name));
        return all;
    }

    /** The integration's name as the SIP bundle gives it (IntegrationComponent.nameOf): after the ~, else from etc/'s file name. */
    static String name(Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", "integration"));
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1).replaceFirst("\\.(cfg|config)$", "");
            int dash = f.indexOf('-');
            if (dash >= 0) {
                return f.substring(dash + 1);
            }
        }
        return pid.startsWith(FACTORY_PID + ".") ? pid.substring(FACTORY_PID.length() + 1) : pid;
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        if (d != null) {
            for (String key : Collections.list(d.keys())) {
                m.put(key, d.get(key));
            }
        }
        return m;
    }
}
