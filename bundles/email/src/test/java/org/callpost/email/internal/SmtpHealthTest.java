package org.callpost.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.callpost.api.email.EmailStatus;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.junit.Test;

/** The smtp check answers from the last probe and the queue, never from the server itself. */
public class SmtpHealthTest {
    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private final SmtpHealth health = new SmtpHealth(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Settings smtp = Settings.defaults("mail.example.com", 587);

    private static EmailStatus email(EmailStatus.State state, Instant queued) {
        return new EmailStatus("e1", "201", "m1", "anna@example.com", state, 3, Optional.empty(), "550 no such user",
                queued);
    }

    @Test
    public void emailOffIsOk() {
        HealthResult r = health.check(Settings.defaults("", 25), List.of()).get(0);
        assertEquals("smtp", r.check());
        assertEquals(HealthStatus.OK, r.status());
        assertEquals("email is off (smtp.host is empty)", r.detail());
    }

    @Test
    public void theLastProbeAnswers() {
        assertEquals(HealthStatus.WARNING, health.check(smtp, List.of()).get(0).status());
        health.probed(smtp, Optional.empty());
        assertEquals(HealthStatus.OK, health.check(smtp, List.of()).get(0).status());
        health.probed(smtp, Optional.of("cannot connect to mail.example.com:587: Connection refused"));
        HealthResult r = health.check(smtp, List.of()).get(0);
        assertEquals(HealthStatus.CRITICAL, r.status());
        assertTrue(r.detail(), r.detail().startsWith("mail.example.com:587 at 2026-12-06T21:00:00Z: cannot connect"));
    }

    @Test
    public void aProbeOfAnotherServerDoesNotCount() {
        health.probed(Settings.defaults("old.example.com", 25), Optional.empty());
        assertEquals(HealthStatus.WARNING, health.check(smtp, List.of()).get(0).status());
    }

    @Test
    public void emailsGivenUpLatelyAreAWarning() {
        health.probed(smtp, Optional.empty());
        HealthResult r = health.check(smtp, List.of(email(EmailStatus.State.SENT, NOW),
                email(EmailStatus.State.GAVE_UP, NOW.minusSeconds(60)))).get(0);
        assertEquals(HealthStatus.WARNING, r.status());
        assertTrue(r.detail(), r.detail().contains("1 email(s) were given up"));
        assertTrue(r.detail(), r.detail().contains("550 no such user"));
        assertEquals("a day old no longer counts", HealthStatus.OK, health.check(smtp,
                List.of(email(EmailStatus.State.GAVE_UP, NOW.minus(Duration.ofHours(25))))).get(0).status());
    }

    @Test
    public void noPasswordInAnyDetail() {
        Settings withLogon = new Settings("mail.example.com", 587, Settings.Security.STARTTLS, "callpost", "pa55word",
                "v@callpost.test", Templates.DEFAULT_SUBJECT, Templates.DEFAULT_BODY, 2, 5, 10);
        health.probed(withLogon, Optional.of("the SMTP server refused the logon of callpost"));
        assertFalse(health.check(withLogon, List.of()).get(0).detail().contains("pa55word"));
    }

    @Test
    public void aFailedSendProbesAtMostEveryTenSeconds() {
        assertTrue(health.probeAfterFailure());
        health.probed(smtp, Optional.empty());
        assertFalse(health.probeAfterFailure());
    }
}
