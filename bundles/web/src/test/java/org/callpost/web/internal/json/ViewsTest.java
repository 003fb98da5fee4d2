package org.callpost.web.internal.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.Message;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class ViewsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(Object value) {
        return mapper.valueToTree(value);
    }

    @Test
    public void aMessageAsTheContractSpellsIt() {
        Message m = new Message("20261204-1", "201", Folder.NEW, new Envelope("0441234567", "Bob", "201",
                ForwardReason.NO_ANSWER, "60", Instant.parse("2026-12-04T10:15:30Z"), true), Duration.ofMillis(12340),
                false, Path.of("/x.wav"));
        JsonNode j = json(Views.MessageView.of(m));
        assertEquals("20261204-1", j.get("id").asText());
        assertEquals("NEW", j.get("folder").asText());
        assertEquals("0441234567", j.get("callingNumber").asText());
        assertEquals("Bob", j.get("callingName").asText());
        assertEquals("201", j.get("calledNumber").asText());
        assertEquals("2026-12-04T10:15:30Z", j.get("received").asText());
        assertEquals(12.34, j.get("durationSeconds").asDouble(), 1e-9);
        assertTrue(j.get("urgent").asBoolean());
        assertFalse(j.get("heard").asBoolean());
        assertEquals("the audio's path stays inside", 9, j.size());
    }

    @Test
    public void theMailboxWithItsCounts() {
        Mailbox mb = Mailbox.of("201", "61", "Anna Meier");
        MailboxCounts c = new MailboxCounts("201", 3, 2, 4, 1, Duration.ofSeconds(75), 100, Duration.ofMinutes(30), 1, 0);
        JsonNode j = json(Views.MailboxView.of(mb, c));
        assertEquals("SYSTEM", j.get("activeGreeting").asText());
        assertEquals("", j.get("calloutNumber").asText());
        assertEquals("61", j.get("extension").asText());
        JsonNode counts = j.get("counts");
        assertEquals(3, counts.get("new").asInt());
        assertEquals(2, counts.get("unheard").asInt());
        assertEquals(4, counts.get("saved").asInt());
        assertEquals(1, counts.get("deleted").asInt());
        assertEquals(1, counts.get("unheardUrgent").asInt());
        assertEquals(75.0, counts.get("totalSeconds").asDouble(), 0);
        assertEquals(100, counts.get("maxMessages").asInt());
        assertEquals(1800.0, counts.get("maxTotalSeconds").asDouble(), 0);
        assertFalse(counts.has("newCount"));
    }

    @Test
    public void theSessionBodiesCarryOnlyTheirKindsFields() {
        JsonNode s = json(Views.SessionView.subscriber(Mailbox.of("201", "61", "Anna Meier"), "tok"));
        assertEquals("subscriber", s.get("kind").asText());
        assertEquals("Anna Meier", s.get("name").asText());
        assertFalse(s.has("user"));
        JsonNode a = json(Views.SessionView.admin("admin", "tok"));
        assertEquals("admin", a.get("user").asText());
        assertFalse(a.has("mailbox"));
        assertEquals("tok", a.get("csrfToken").asText());
    }

    @Test
    public void absentValuesAreNullNotMissing() {
        LineStatus line = new LineStatus("pbx", 1, "61", LineState.RETRYING, Optional.empty(), Optional.empty(),
                Optional.of("timeout"), LineActivity.IDLE);
        IntegrationStatus i = new IntegrationStatus("pbx", "mivoice400", IntegrationState.RUNNING,
                List.of(new SettingProblem("pbx.address", "missing", "set it")), Optional.of(new SipServer("192.0.2.1", 5060)),
                Transport.values()[0], List.of(line), 2, 1);
        JsonNode j = json(Views.IntegrationView.of(i));
        assertEquals("192.0.2.1:5060", j.get("activeRegistrar").asText());
        assertEquals("pbx.address", j.get("problems").get(0).get("setting").asText());
        assertFalse(j.get("problems").get(0).has("fix"));
        JsonNode l = j.get("lines").get(0);
        assertTrue(l.get("registrar").isNull());
        assertTrue(l.get("expires").isNull());
        assertEquals("timeout", l.get("lastError").asText());
        assertEquals("RETRYING", l.get("state").asText());
        assertEquals(1, l.get("line").asInt());

        JsonNode lamp = json(Views.LampView.of(new LampStatus("61", "pbx", true, Optional.empty(), Optional.empty(),
                LampState.PENDING, Optional.empty(), 1)));
        assertTrue(lamp.get("confirmedOn").isNull());
        assertTrue(lamp.get("failure").isNull());

        JsonNode lock = json(Views.LockoutView.of(new PinLockout("201", 2, "web 192.0.2.7",
                Instant.parse("2026-12-04T10:00:00Z"), Optional.empty())));
        assertTrue(lock.get("lockedUntil").isNull());
        assertEquals("web 192.0.2.7", lock.get("lastFrom").asText());
    }

    @Test
    public void theEmailSettingAndTheEmailsAsTheContractSpellsThem() {
        JsonNode none = json(Views.EmailView.of(Optional.empty()));
        assertEquals("", none.get("address").asText());
        assertTrue("a new subscription's default", none.get("attachAudio").asBoolean());
        assertFalse(none.get("deleteAfterSending").asBoolean());
        JsonNode set = json(Views.EmailView.of(Optional.of(new EmailSubscription("201", "anna@example.com", false, true))));
        assertEquals("anna@example.com", set.get("address").asText());
        assertFalse(set.get("attachAudio").asBoolean());
        assertTrue(set.get("deleteAfterSending").asBoolean());
        assertEquals("no mailbox number: it is the session's", 3, set.size());

        JsonNode sent = json(Views.EmailStatusView.of(new EmailStatus("e1", "201", "20261204-1", "anna@example.com",
                EmailStatus.State.SENT, 1, Optional.empty(), "250 OK", Instant.parse("2026-12-04T10:15:30Z"))));
        assertEquals("e1", sent.get("id").asText());
        assertEquals("201", sent.get("mailbox").asText());
        assertEquals("SENT", sent.get("state").asText());
        assertEquals(1, sent.get("attempts").asInt());
        assertTrue(sent.get("next").isNull());
        assertEquals("250 OK", sent.get("lastResult").asText());
        assertEquals("2026-12-04T10:15:30Z", sent.get("queued").asText());
        JsonNode queued = json(Views.EmailStatusView.of(new EmailStatus("e2", "201", "20261204-2", "anna@example.com",
                EmailStatus.State.QUEUED, 2, Optional.of(Instant.parse("2026-12-04T10:20:00Z")), "connection refused",
                Instant.parse("2026-12-04T10:15:30Z"))));
        assertEquals("2026-12-04T10:20:00Z", queued.get("next").asText());
        assertEquals(8, queued.size());
    }

    @Test
    public void answerModesShowTheirProblemsAndTheScheduleItsOverrideOrNull() {
        org.callpost.api.attendant.AnswerModes modes = new org.callpost.api.attendant.AnswerModes() {
            @Override
            public List<org.callpost.api.attendant.AnswerModeStatus> modes() {
                return List.of(new org.callpost.api.attendant.AnswerModeStatus("day", "wav day.wav", List.of("0=operator"),
                        true, 3, "operator", Optional.empty()), new org.callpost.api.attendant.AnswerModeStatus("x y", "-",
                        List.of(), false, 0, "-", Optional.of("name = 'x y': set a name")));
            }

            @Override
            public List<org.callpost.api.attendant.RouteStatus> routes() {
                return List.of(new org.callpost.api.attendant.RouteStatus("acme", 100, "", "dnis 5550100", "schedule:office",
                        Optional.empty()));
            }

            @Override
            public List<org.callpost.api.attendant.ScheduleStatus> schedules() {
                return List.of(new org.callpost.api.attendant.ScheduleStatus("office", "UTC", List.of("mon-fri 08:00-17:00"),
                        List.of(), "day", "night", Optional.of("night"), "night", Optional.empty()));
            }

            @Override
            public List<org.callpost.api.attendant.RoutedCall> lastCalls() {
                return List.of(new org.callpost.api.attendant.RoutedCall(Instant.parse("2026-12-07T10:00:00Z"), "pbx/1/2",
                        "pbx", "0441234567", "5550100", "tg1", "", "acme", "night"));
            }

            @Override
            public org.callpost.api.attendant.ScheduleStatus override(String schedule, Optional<String> mode) {
                throw new UnsupportedOperationException();
            }
        };
        JsonNode j = json(Views.AnswerModesView.of(modes));
        assertTrue(j.at("/modes/0/problem").isNull());
        assertEquals("name = 'x y': set a name", j.at("/modes/1/problem").asText());
        assertEquals("0=operator", j.at("/modes/0/keys/0").asText());
        assertEquals("schedule:office", j.at("/routes/0/target").asText());
        assertEquals("night", j.at("/schedules/0/override").asText());
        assertEquals("2026-12-07T10:00:00Z", j.at("/lastCalls/0/at").asText());
        assertEquals("tg1", j.at("/lastCalls/0/trunk").asText());
    }
}
