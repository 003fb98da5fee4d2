package org.callpost.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class WebSettingsTest {
    private static WebConfig config(int sessionMinutes, int megabytes, int seconds) {
        return new WebConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebConfig.class;
            }

            @Override
            public int session_minutes() {
                return sessionMinutes;
            }

            @Override
            public int upload_max_megabytes() {
                return megabytes;
            }

            @Override
            public int upload_max_seconds() {
                return seconds;
            }
        };
    }

    @Test
    public void valuesInRangeAreTaken() {
        List<String> problems = new ArrayList<>();
        WebSettings s = WebSettings.DEFAULT.with(config(30, 5, 60), problems::add);
        assertEquals(new WebSettings(30, 5, 60), s);
        assertTrue(problems.isEmpty());
    }

    @Test
    public void aValueOutOfRangeIsNamedWithItsFixAndTheLastGoodOneKept() {
        List<String> problems = new ArrayList<>();
        WebSettings before = new WebSettings(20, 10, 120);
        WebSettings s = before.with(config(0, 5, 601), problems::add);
        assertEquals("session.minutes and upload.max.seconds kept, the good one taken", new WebSettings(20, 5, 120), s);
        assertEquals(2, problems.size());
        assertEquals("session.minutes = 0 is refused: set 1 to 1440 (pid org.callpost.web); 20 stays in use",
                problems.get(0));
        assertTrue(problems.get(1), problems.get(1).startsWith("upload.max.seconds = 601 is refused: set 1 to 600"));
    }
}
