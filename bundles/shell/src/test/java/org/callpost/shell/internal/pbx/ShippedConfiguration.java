package org.callpost.shell.internal.pbx;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The integration the distribution ships (karaf-assembly's etc/org.callpost.integration-office400.cfg), as Config Admin has it. */
public final class ShippedConfiguration {
    public static final Path FILE = Path.of("../../karaf-assembly/src/main/resources/assembly/etc/org.callpost.integration-office400.cfg");

    private ShippedConfiguration() {
    }

    public static Map<String, Object> properties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        m.put("service.pid", "org.callpost.integration~office400");
        return m;
    }

    public static PbxSettings settings() throws IOException {
        return PbxSettings.from("office400", properties(), Map.of());
    }
}
