package org.callpost.web.internal.json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.callpost.api.call.Call;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.health.HealthReport;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.SessionStatistics;
import org.callpost.api.messaging.CalloutStatus;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.Message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The API's JSON bodies as records, made from the API services' values. Times are ISO-8601
 * strings, absent values null, durations seconds as numbers.
 */
public final class Views {
    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(String kind, String mailbox, String name, String user, String csrfToken) {
        public static SessionView subscriber(Mailbox mailbox, String csrfToken) {
            return new SessionView("subscriber", mailbox.number(), mailbox.name(), null, csrfToken);
        }

        public static SessionView admin(String user, String csrfToken) {
            return new SessionView("admin", null, null, user, csrfToken);
        }
    }

    public record CountsView(@JsonProperty("new") int newCount, int unheard, int saved, int deleted, int unheardUrgent,
            double totalSeconds, int maxMessages, double maxTotalSeconds) {
        public static CountsView of(MailboxCounts c) {
            return new CountsView(c.newCount(), c.unheardCount(), c.savedCount(), c.deletedCount(),
                    c.unheardUrgentCount(), seconds(c.total()), c.maxMessages(), seconds(c.maxTotal()));
        }
    }

    public record MailboxView(String number, String name, String extension, String integration, String activeGreeting,
            String calloutNumber, CountsView counts) {
        public static MailboxView of(Mailbox m, MailboxCounts counts) {
            return new MailboxView(m.number(), m.name(), m.extension(), m.integration(), m.activeGreeting().name(),
                    m.notification().calloutNumber(), CountsView.of(counts));
        }
    }

    public record MessageView(String id, String folder, String callingNumber, String callingName, String calledNumber,
            String received, double durationSeconds, boolean urgent, boolean heard) {
        public static MessageView of(Message m) {
            return new MessageView(m.id(), m.folder().name(), m.envelope().callingNumber(), m.envelope().callingName(),
                    m.envelope().calledNumber(), m.envelope().received().toString(), seconds(m.duration()), m.urgent(),
                    m.heard());
        }
    }

    public record MessagesView(List<MessageView> messages) {
    }

    public record GreetingView(String greeting, boolean recorded, double seconds) {
    }

    public record GreetingsView(String active, List<GreetingView> greetings) {
    }

    public record ProblemView(String setting, String problem) {
    }

    public record LineView(int line, String extension, String state, String registrar, String expires,
            String lastError, String activity) {
        public static LineView of(LineStatus l) {
            return new LineView(l.line(), l.extension(), l.state().name(), l.registrar().map(Object::toString).orElse(null),
                    time(l.expires()), l.lastError().orElse(null), l.activity().name());
        }
    }

    public record IntegrationView(String name, String profile, String state, List<ProblemView> problems,
            String activeRegistrar, String transport, int sipTransactions, int sipDialogs, List<LineView> lines) {
        public static IntegrationView of(IntegrationStatus i) {
            return new IntegrationView(i.name(), i.profile(), i.state().name(),
                    i.problems().stream().map(p -> new ProblemView(p.setting(), p.problem())).toList(),
                    i.activeRegistrar().map(Object::toString).orElse(null), String.valueOf(i.transport()),
                    i.sipTransactions(), i.sipDialogs(), i.lines().stream().map(LineView::of).toList());
        }
    }

    public record IntegrationsView(List<IntegrationView> integrations) {
    }

    public record CallView(String id, String integration, int line, String lineExtension, String callingNumber,
            String callingName, String dialledNumber, String mailbox, String state, String codec, long packetsSent,
            long packetsReceived, long packetsLost, long packetsLate, double jitterMillis,
            double sendDeviationP99Millis) {
        public static CallView of(Call c) {
            MediaSession media = c.media();
            SessionStatistics s = media == null ? null : media.statistics();
            return new CallView(c.id(), c.integration(), c.line(), c.lineExtension(), c.info().callingNumber(),
                    c.info().callingName(), c.info().dialledNumber(), c.info().mailbox().orElse(null), c.state().name(),
                    media == null ? null : media.spec().encodingName(),
                    s == null ? 0 : s.packetsSent(), s == null ? 0 : s.packetsReceived(), s == null ? 0 : s.packetsLost(),
                    s == null ? 0 : s.packetsLate(), s == null ? 0 : s.jitterMillis(),
                    s == null ? 0 : s.sendIntervalDeviationP99Micros() / 1000.0);
        }
    }

    public record CallsView(List<CallView> calls) {
    }

    public record LampView(String extension, String integration, boolean desiredOn, Boolean confirmedOn,
            String confirmedAt, String state, String failure, int attempts) {
        public static LampView of(LampStatus l) {
            return new LampView(l.extension(), l.integration(), l.desiredOn(), l.confirmedOn().orElse(null),
                    time(l.confirmedAt()), l.state().name(), l.failure().orElse(null), l.attempts());
        }
    }

    public record LampsView(List<LampView> lamps) {
    }

    public record QueuedView(int queued) {
    }

    public record CalloutView(String mailbox, String number, String state, int attempts, int maxAttempts, String next,
            String lastOutcome) {
        public static CalloutView of(CalloutStatus c) {
            return new CalloutView(c.mailbox(), c.number(), c.state().name(), c.attempts(), c.maxAttempts(),
                    time(c.next()), c.lastOutcome());
        }
    }

    public record CalloutsView(List<CalloutView> callouts) {
    }

    public record AdminMailboxView(String number, String extension, String integration, String name,
            boolean messageWaiting, String lampExtension, String calloutNumber, boolean trustExtension,
            String activeGreeting, boolean pinSet, boolean locked, String email, String language, CountsView counts) {
        /**
         * {@code lampExtension} is the setting ("" for the mailbox's own extension), so that it round-trips through PUT;
         * {@code email} the address its new messages are mailed to, "" for none; {@code language} "" for the
         * system's rule.
         */
        public static AdminMailboxView of(Mailbox m, MailboxCounts counts, boolean locked, String email) {
            return new AdminMailboxView(m.number(), m.extension(), m.integration(), m.name(),
                    m.notification().messageWaiting(), m.notification().lampExtension(), m.notification().calloutNumber(),
                    m.trustExtension(), m.activeGreeting().name(), m.pinSet(), locked, email, m.language(),
                    CountsView.of(counts));
        }
    }

    /**
     * The subscriber's voicemail to email: {@code address} "" when the new messages are not mailed (then the
     * flags are the defaults a subscription gets: the audio attached, the message kept).
     */
    public record EmailView(String address, boolean attachAudio, boolean deleteAfterSending) {
        public static EmailView of(Optional<EmailSubscription> subscription) {
            return subscription.map(s -> new EmailView(s.address(), s.attachAudio(), s.deleteAfterSending()))
                    .orElse(new EmailView("", true, false));
        }
    }

    public record EmailStatusView(String id, String mailbox, String address, String state, int attempts, String next,
            String lastResult, String queued) {
        public static EmailStatusView of(EmailStatus e) {
            return new EmailStatusView(e.id(), e.mailbox(), e.address(), e.state().name(), e.attempts(), time(e.next()),
                    e.lastResult(), e.queued().toString());
        }
    }

    public record EmailsView(List<EmailStatusView> emails) {
    }

    public record AdminMailboxesView(List<AdminMailboxView> mailboxes) {
    }

    public record LockoutView(String mailbox, int failures, String lastFrom, String lastFailure, String lockedUntil) {
        public static LockoutView of(PinLockout l) {
            return new LockoutView(l.mailbox(), l.failures(), l.lastFrom(), l.lastFailure().toString(),
                    time(l.lockedUntil()));
        }
    }

    public record LockoutsView(List<LockoutView> lockouts) {
    }

    public record ErrorEntryView(String time, String level, String bundle, String logger, String message) {
    }

    public record ErrorsView(List<ErrorEntryView> errors) {
    }

    public record HealthResultView(String check, String status, String detail) {
    }

    /** {@code /callpost/health}: the report as monitors read it. */
    public record HealthView(String status, String checked, List<HealthResultView> results) {
        public static HealthView of(HealthReport r) {
            return new HealthView(r.status().name(), r.checked().toString(), r.results().stream()
                    .map(x -> new HealthResultView(x.check(), x.status().name(), x.detail())).toList());
        }
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    /** The answer modes, routes and schedules with the mode each gives now, and the last calls routed (callpost:answer-modes, callpost:routes). */
    public record AnswerModesView(List<AnswerModeView> modes, List<RouteView> routes, List<ScheduleView> schedules,
            List<RoutedCallView> lastCalls) {
        public static AnswerModesView of(org.callpost.api.attendant.AnswerModes a) {
            return new AnswerModesView(
                    a.modes().stream().map(m -> new AnswerModeView(m.name(), m.greeting(), m.keys(), m.dialExtension(),
                            m.tries(), m.afterTries(), m.problem().orElse(null))).toList(),
                    a.routes().stream().map(r -> new RouteView(r.name(), r.priority(), r.integration(), r.match(), r.target(),
                            r.problem().orElse(null))).toList(),
                    a.schedules().stream().map(s -> new ScheduleView(s.name(), s.zone(), s.hours(), s.holidays(), s.openMode(),
                            s.closedMode(), s.override().orElse(null), s.modeNow(), s.problem().orElse(null))).toList(),
                    a.lastCalls().stream().map(c -> new RoutedCallView(c.at().toString(), c.callId(), c.integration(),
                            c.caller(), c.dialled(), c.trunk(), c.forwardedFrom(), c.route(), c.mode())).toList());
        }
    }

    /** {@code problem}: why its configuration was refused, null when none. */
    public record AnswerModeView(String name, String greeting, List<String> keys, boolean dialExtension, int tries,
            String afterTries, String problem) {
    }

    public record RouteView(String name, int priority, String integration, String match, String target, String problem) {
    }

    /** {@code override}: the mode an administrator switched it to, null when it follows its hours. */
    public record ScheduleView(String name, String zone, List<String> hours, List<String> holidays, String openMode,
            String closedMode, String override, String modeNow, String problem) {
    }

    public record RoutedCallView(String at, String callId, String integration, String caller, String dialled,
            String trunk, String forwardedFrom, String route, String mode) {
    }
}
