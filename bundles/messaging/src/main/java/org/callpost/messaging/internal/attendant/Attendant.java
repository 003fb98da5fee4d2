package org.callpost.messaging.internal.attendant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.callpost.api.attendant.AnswerModeStatus;
import org.callpost.api.attendant.AnswerModes;
import org.callpost.api.attendant.RouteStatus;
import org.callpost.api.attendant.RoutedCall;
import org.callpost.api.attendant.ScheduleStatus;
import org.callpost.api.call.CallInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automated attendant's decisions: which answer mode a call gets, by the routes in priority
 * order and the schedules they name (with an administrator's override); and what the shell shows.
 * The modes, routes and schedules are the factory configurations' components; the overrides and
 * the last calls are kept in memory (a restart goes back to the hours).
 * <p>
 * Threads: asked on the messaging store workers and the shell's threads; it keeps no call state.
 */
@Component(service = {Attendant.class, AnswerModes.class})
public final class Attendant implements AnswerModes {
    private static final Logger LOG = LoggerFactory.getLogger(Attendant.class);
    /** What {@link RoutedCall#route()} says for a forwarded call to an extension without a mailbox. */
    public static final String DEFAULT_ROUTE = "default.answer.mode";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<AnswerModeSetting> modeSettings = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<RouteSetting> routeSettings = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ScheduleSetting> scheduleSettings = List.of();

    private final Clock clock;
    private final Map<String, String> overrides = new ConcurrentHashMap<>();
    private final LastCalls lastCalls = new LastCalls(20);

    public Attendant() {
        this(Clock.systemUTC());
    }

    /** @param clock what the schedules read the time from (tests: a fixed one) */
    public Attendant(Clock clock) {
        this.clock = clock;
    }

    /** An attendant of settings already read (tests). */
    public static Attendant of(Clock clock, List<AnswerMode> modes, List<Route> routes, List<Schedule> schedules) {
        Attendant a = new Attendant(clock);
        a.modeSettings = modes.stream().map(AnswerModeSetting::of).toList();
        a.routeSettings = routes.stream().map(RouteSetting::of).toList();
        a.scheduleSettings = schedules.stream().map(ScheduleSetting::of).toList();
        return a;
    }

    /** Where a call went: the route that took it, the schedule that chose (or ""), the mode. */
    public record Decision(String route, String schedule, AnswerMode mode) {
    }

    /**
     * The answer mode for a call by the routes: a forwarded call by the extension it was
     * forwarded from, a direct call by DNIS, trunk group and caller. Recorded for the shell.
     */
    public Optional<Decision> route(String integration, CallInfo info, String callId) {
        return first(r -> r.matches(integration, info), integration, info, callId);
    }

    /**
     * The answer mode for a call forwarded from an extension without a mailbox: the first route
     * by DNIS, trunk group and caller it matches, else the messaging {@code default.answer.mode}
     * (a mode or a schedule; "" for none).
     */
    public Optional<Decision> unclaimed(String defaultMode, String integration, CallInfo info, String callId) {
        Optional<Decision> d = first(r -> r.matchesNumbers(integration, info), integration, info, callId);
        return d.isPresent() ? d : defaultMode(defaultMode, integration, info, callId);
    }

    private Optional<Decision> first(java.util.function.Predicate<Route> takes, String integration, CallInfo info,
            String callId) {
        List<Route> routes = routeSettings.stream().flatMap(s -> s.value().stream())
                .sorted(Comparator.comparing(Route::sortKey)).toList();
        for (Route r : routes) {
            if (!takes.test(r)) {
                continue;
            }
            Optional<Decision> d = r.mode().isEmpty() ? bySchedule(r.name(), r.schedule()) : byMode(r.name(), "", r.mode());
            if (d.isPresent()) {
                record(callId, integration, info, d.get());
                return d;
            }
        }
        return Optional.empty();
    }

    /** The messaging {@code default.answer.mode} for a call forwarded from an extension without a mailbox. */
    private Optional<Decision> defaultMode(String modeOrSchedule, String integration, CallInfo info, String callId) {
        if (modeOrSchedule.isBlank()) {
            return Optional.empty();
        }
        String name = modeOrSchedule.trim();
        Optional<Decision> d = schedule(name).isPresent() ? bySchedule(DEFAULT_ROUTE, name) : byMode(DEFAULT_ROUTE, "", name);
        d.ifPresent(x -> record(callId, integration, info, x));
        return d;
    }

    private Optional<Decision> bySchedule(String route, String scheduleName) {
        Optional<Schedule> s = schedule(scheduleName);
        if (s.isEmpty()) {
            LOG.warn("Route {}: schedule {} is not configured (add etc/org.callpost.schedule~{}.cfg); next route",
                    route, scheduleName, scheduleName);
            return Optional.empty();
        }
        return byMode(route, scheduleName, modeNow(s.get()));
    }

    private Optional<Decision> byMode(String route, String schedule, String modeName) {
        Optional<AnswerMode> m = mode(modeName);
        if (m.isEmpty()) {
            LOG.warn("Route {}: answer mode {} is not configured (add etc/org.callpost.answermode~{}.cfg); next route",
                    route, modeName, modeName);
        }
        return m.map(mode -> new Decision(route, schedule, mode));
    }

    private void record(String callId, String integration, CallInfo info, Decision d) {
        LOG.info("Call {}: route {}{} gives answer mode {}", callId, d.route(),
                d.schedule().isEmpty() ? "" : " (schedule " + d.schedule() + ")", d.mode().name());
        lastCalls.add(new RoutedCall(clock.instant(), callId, integration, info.callingNumber(), info.dialledNumber(),
                info.trunk().orElse(""), info.forwarded() ? info.mailbox().orElse("") : "", d.route(),
                d.mode().name()));
    }

    /** A configured mode by name (the keys' {@code mode:x}). */
    public Optional<AnswerMode> mode(String name) {
        return modeSettings.stream().flatMap(s -> s.value().stream()).filter(m -> m.name().equals(name)).findFirst();
    }

    /** A configured schedule by name. */
    public Optional<Schedule> schedule(String name) {
        return scheduleSettings.stream().flatMap(s -> s.value().stream()).filter(s -> s.name().equals(name)).findFirst();
    }

    /** The mode a schedule gives now: the override, else its hours. */
    String modeNow(Schedule s) {
        String o = overrides.get(s.name());
        return o != null ? o : s.modeAt(clock.instant());
    }

    @Override
    public List<AnswerModeStatus> modes() {
        List<AnswerModeStatus> out = new ArrayList<>();
        for (AnswerModeSetting s : modeSettings) {
            Optional<AnswerMode> m = s.value();
            out.add(new AnswerModeStatus(s.label(), m.map(AnswerMode::describeGreeting).orElse("-"),
                    m.map(AnswerMode::describeKeys).orElse(List.of()), m.map(AnswerMode::dialExtension).orElse(false),
                    m.map(AnswerMode::tries).orElse(0), m.map(x -> x.afterTries().toString()).orElse("-"),
                    s.problem().or(() -> m.flatMap(this::missingTarget))));
        }
        out.sort(Comparator.comparing(AnswerModeStatus::name));
        return out;
    }

    private Optional<String> missingTarget(AnswerMode m) {
        List<String> missing = new ArrayList<>();
        m.keys().values().stream().filter(a -> a.kind() == MenuAction.Kind.MODE && mode(a.target()).isEmpty())
                .forEach(a -> missing.add("key " + a + ": no answer mode " + a.target()));
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    @Override
    public List<RouteStatus> routes() {
        List<RouteStatus> out = new ArrayList<>();
        routeSettings.stream().sorted(Comparator.comparing(s -> s.value().map(Route::sortKey).orElse("~" + s.label())))
                .forEach(s -> {
                    Optional<Route> r = s.value();
                    Optional<String> problem = s.problem().or(() -> r.flatMap(x -> x.mode().isEmpty()
                            ? schedule(x.schedule()).isEmpty() ? Optional.of("no schedule " + x.schedule()) : Optional.empty()
                            : mode(x.mode()).isEmpty() ? Optional.of("no answer mode " + x.mode()) : Optional.empty()));
                    out.add(new RouteStatus(s.label(), r.map(Route::priority).orElse(0), r.map(Route::integration).orElse(""),
                            r.map(Route::describeMatch).orElse("-"), r.map(Route::describeTarget).orElse("-"), problem));
                });
        return out;
    }

    @Override
    public List<ScheduleStatus> schedules() {
        List<ScheduleStatus> out = new ArrayList<>();
        for (ScheduleSetting s : scheduleSettings) {
            Optional<Schedule> v = s.value();
            out.add(v.map(x -> new ScheduleStatus(x.name(), x.zone().getId(), x.hoursText(), x.holidaysText(), x.openMode(),
                    x.closedMode(), Optional.ofNullable(overrides.get(x.name())), modeNow(x), s.problem()))
                    .orElse(new ScheduleStatus(s.label(), "-", List.of(), List.of(), "-", "-", Optional.empty(), "-",
                            s.problem())));
        }
        out.sort(Comparator.comparing(ScheduleStatus::name));
        return out;
    }

    @Override
    public List<RoutedCall> lastCalls() {
        return lastCalls.all();
    }

    @Override
    public ScheduleStatus override(String scheduleName, Optional<String> modeName) {
        Schedule s = schedule(scheduleName).orElseThrow(() -> new IllegalArgumentException("No schedule '" + scheduleName
                + "' is configured (configured: " + String.join(", ", scheduleSettings.stream().map(ScheduleSetting::label)
                        .sorted().toList()) + ")"));
        if (modeName.isPresent()) {
            String m = modeName.get();
            if (mode(m).isEmpty()) {
                throw new IllegalArgumentException("No answer mode '" + m + "' is configured (configured: "
                        + String.join(", ", modeSettings.stream().map(AnswerModeSetting::label).sorted().toList()) + ")");
            }
            overrides.put(s.name(), m);
            LOG.info("Schedule {} switched to answer mode {} until switched back (callpost:schedule-override {} auto)",
                    s.name(), m, s.name());
        } else {
            overrides.remove(s.name());
            LOG.info("Schedule {} follows its hours again: {} now", s.name(), s.modeAt(clock.instant()));
        }
        return schedules().stream().filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
    }
}
