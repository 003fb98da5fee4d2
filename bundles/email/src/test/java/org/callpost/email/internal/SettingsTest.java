package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SettingsTest {

    /** An EmailConfig with the defaults except the values given (by method name). */
    static EmailConfig config(Map<String, Object> values) {
        return (EmailConfig) java.lang.reflect.Proxy.newProxyInstance(EmailConfig.class.getClassLoader(),
                new Class<?>[] {EmailConfig.class}, (proxy, m, args) -> {
                    if (m.getName().equals("annotationType")) {
                        return EmailConfig.class;
                    }
                    return values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
                });
    }

    @Test
    public void theDefaultsAreEmailOff() {
        List<String> problems = new ArrayList<>();
        Settings s = Settings.of(config(Map.of()), "", problems);
        assertTrue(problems.toString(), problems.isEmpty());
        assertFalse(s.enabled());
        assertEquals(25, s.port());
        assertEquals(60, s.retrySeconds());
        assertEquals(10, s.maxAttempts());
        assertEquals(30, s.timeoutSeconds());
    }

    @Test
    public void eachWrongSettingIsNamedWithItsFix() {
        List<String> problems = new ArrayList<>();
        Settings s = Settings.of(config(Map.of("smtp_host", "mail.example.com", "smtp_security", "TLS1.3",
                "smtp_port", 0, "retry_seconds", 0, "max_attempts", 0, "subject_template", "${who}")), "", problems);
        assertNull(s);
        String all = String.join("\n", problems);
        assertTrue(all, all.contains("smtp.security is 'TLS1.3': set NONE, STARTTLS or SMTPS"));
        assertTrue(all, all.contains("smtp.port is 0: set a port from 1 to 65535"));
        assertTrue(all, all.contains("sender is empty: set the From address"));
        assertTrue(all, all.contains("retry.seconds is 0"));
        assertTrue(all, all.contains("max.attempts is 0"));
        assertTrue(all, all.contains("subject.template has the unknown placeholder ${who}"));
    }

    @Test
    public void thePasswordIsNeverInTheSettingsText() {
        List<String> problems = new ArrayList<>();
        Settings s = Settings.of(config(Map.of("smtp_host", "mail.example.com", "sender", "vm@example.com",
                "smtp_user", "callpost", "smtp_security", "starttls")), "t0p-s3cret", problems);
        assertTrue(problems.toString(), problems.isEmpty());
        assertEquals(Settings.Security.STARTTLS, s.security());
        assertEquals("t0p-s3cret", s.password());
        assertFalse(s.toString(), s.toString().contains("t0p-s3cret"));
    }

    @Test
    public void addresses() {
        assertNull(Addresses.problem("anna.meier@example.com"));
        assertTrue(Addresses.problem("anna.meier").contains("not an email address"));
        assertTrue(Addresses.problem("a@b@c.com").contains("not an email address"));
        assertTrue(Addresses.problem("Anna <a@example.com>").contains("plain"));
        assertTrue(Addresses.problem("a@example.com,b@example.com") != null);
        assertTrue(Addresses.problem("a@example.com,b").contains("plain"));
        assertTrue(Addresses.problem("a@example").contains("dot"));
        assertTrue(Addresses.problem(" ").contains("empty"));
    }

    @SuppressWarnings("unused")
    private static Class<? extends Annotation> type() {
        return EmailConfig.class;
    }
}
