package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Message;
import org.junit.Test;

public class TemplatesTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    private static Message message(String number, String name, long millis, boolean urgent) {
        Envelope env = new Envelope(number, name, "201", ForwardReason.NO_ANSWER, "", Instant.parse("2026-12-04T09:05:07Z"),
                urgent);
        return new Message("20261204T090507-0001", "201", Folder.NEW, env, Duration.ofMillis(millis), false,
                Path.of("/tmp/x.wav"));
    }

    @Test
    public void theDefaultsHaveEveryField() {
        Map<String, String> f = Templates.fields(message("0441234567", "Hans Muster", 83_400, true), "Anna Meier", ZURICH);
        assertEquals("New voice message from 0441234567 (1:23)", Templates.subject(Templates.DEFAULT_SUBJECT, f));
        String body = Templates.render(Templates.DEFAULT_BODY, f);
        assertEquals("You have a new voice message in mailbox 201 Anna Meier.\n\nFrom: 0441234567 Hans Muster\n"
                + "Received: 2026-12-04 10:05:07\nLength: 1:23\nUrgent: yes\n", body);
    }

    @Test
    public void durationIsMinutesAndSecondsRounded() {
        assertEquals("0:00", Templates.duration(Duration.ofMillis(400)));
        assertEquals("0:01", Templates.duration(Duration.ofMillis(500)));
        assertEquals("0:59", Templates.duration(Duration.ofSeconds(59)));
        assertEquals("1:00", Templates.duration(Duration.ofMillis(59_600)));
        assertEquals("12:05", Templates.duration(Duration.ofSeconds(725)));
    }

    @Test
    public void aWithheldNumberSaysSoAndNotUrgentIsNo() {
        Map<String, String> f = Templates.fields(message("", "", 5000, false), "", ZURICH);
        assertEquals("New voice message from unknown caller (0:05)", Templates.subject(Templates.DEFAULT_SUBJECT, f));
        assertEquals("no", f.get("urgent"));
    }

    @Test
    public void placeholdersAnywhereNewLinesAndSpecialCharactersKept() {
        Map<String, String> f = Map.of("mailbox", "201", "callingName", "A$1 \\ B");
        assertEquals("[201]\n${callingName}=A$1 \\ B", Templates.render("[${mailbox}]\\n$${callingName}=${callingName}", f)
                .replace("$A$1 \\ B", "${callingName}"));
        assertEquals("a b", Templates.subject("a\\nb", Map.of()));
    }

    @Test
    public void anUnknownPlaceholderIsNamedWithTheKnownOnes() {
        List<String> problems = new ArrayList<>();
        Templates.check("subject.template", "From ${caller} at ${received}", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith("subject.template has the unknown placeholder ${caller}: use"));
        assertTrue(problems.get(0), problems.get(0).contains("${callingNumber}"));
    }

    @Test
    public void theAttachmentIsNamedByTheLocalTimeReceived() {
        assertEquals("msg-20261204-100507.wav", Templates.fileName(message("1", "", 1000, false), ZURICH));
    }
}
