package org.callpost.web.internal.admin;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

public class LastErrorsTest {
    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> "getSymbolicName".equals(m.getName()) ? symbolicName : null);
    }

    private static LogEntry entry(String bundle, LogLevel level, String message, long time, Throwable error) {
        Bundle b = bundle(bundle);
        return (LogEntry) Proxy.newProxyInstance(LogEntry.class.getClassLoader(), new Class<?>[] {LogEntry.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> b;
                    case "getLogLevel" -> level;
                    case "getMessage" -> message;
                    case "getTime" -> time;
                    case "getLoggerName" -> "org.callpost.X";
                    case "getException" -> error;
                    default -> null;
                });
    }

    @Test
    public void keepsTheLastWarningsAndErrorsOfCallpostBundlesNewestFirst() {
        LastErrors errors = new LastErrors(3);
        errors.logged(entry("org.callpost.sip", LogLevel.INFO, "info", 1, null));
        errors.logged(entry("org.apache.karaf.shell", LogLevel.ERROR, "not ours", 2, null));
        for (int i = 1; i <= 5; i++) {
            errors.logged(entry("org.callpost.sip", i % 2 == 0 ? LogLevel.WARN : LogLevel.ERROR, "m" + i, 1000L * i,
                    i == 5 ? new java.io.IOException("disk full") : null));
        }
        List<LastErrors.Entry> entries = errors.entries();
        assertEquals(List.of("m5 (IOException: disk full)", "m4", "m3"), entries.stream().map(LastErrors.Entry::message).toList());
        assertEquals("ERROR", entries.get(0).level());
        assertEquals("WARN", entries.get(1).level());
        assertEquals("org.callpost.sip", entries.get(0).bundle());
        assertEquals(5000, entries.get(0).time().toEpochMilli());
    }

    @Test
    public void isSafeFromManyThreads() throws Exception {
        LastErrors errors = new LastErrors(50);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    errors.logged(entry("org.callpost.web", LogLevel.WARN, "w", i, null));
                    errors.entries();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(50, errors.entries().size());
    }
}
