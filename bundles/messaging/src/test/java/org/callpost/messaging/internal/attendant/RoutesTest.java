package org.callpost.messaging.internal.attendant;

import static org.callpost.messaging.internal.attendant.Configs.mode;
import static org.callpost.messaging.internal.attendant.Configs.route;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.callpost.api.attendant.RoutedCall;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.junit.Test;

/** Which answer mode a call gets by its DNIS, trunk group, caller and forwarding extension. */
public class RoutesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private static CallInfo direct(String caller, String dialled, String trunk) {
        return new CallInfo(caller, "", dialled, Optional.empty(), ForwardReason.NONE, Optional.ofNullable(trunk), false,
                false, List.of());
    }

    private static CallInfo forwardedFrom(String extension) {
        return new CallInfo("0441234567", "", extension, Optional.of(extension), ForwardReason.NO_ANSWER, Optional.empty(),
                false, false, List.of());
    }

    private final Attendant attendant = Attendant.of(CLOCK,
            List.of(mode("acme"), mode("globex"), mode("overflow"), mode("vip"), mode("tg")),
            List.of(route("acme", "dnis", "5550100", "mode", "acme"),
                    route("globex", "dnis", "555020X, 5550300", "mode", "globex"),
                    route("vip", "priority", 10, "calling", "0791*", "dnis", "555*", "mode", "vip"),
                    route("trunk", "trunk", "TG-North", "mode", "tg", "priority", 50),
                    route("attendant", "forwarded.from", "100", "mode", "overflow")),
            List.of());

    private String modeOf(CallInfo info) {
        return attendant.route("pbx", info, "c1").map(d -> d.mode().name()).orElse("none");
    }

    @Test
    public void eachCompanysNumberReachesItsOwnMode() {
        assertEquals("acme", modeOf(direct("0441234567", "5550100", null)));
        assertEquals("globex", modeOf(direct("0441234567", "5550207", null)));
        assertEquals("globex", modeOf(direct("0441234567", "5550300", null)));
        assertEquals("none", modeOf(direct("0441234567", "5550400", null)));
    }

    @Test
    public void theTrunkGroupRoutesIgnoringCaseAndTheLowerPriorityWins() {
        assertEquals("tg", modeOf(direct("0441234567", "5550400", "tg-north")));
        assertEquals("trunk (50) before acme (100)", "tg", modeOf(direct("0441234567", "5550100", "TG-North")));
        assertEquals("vip (10): its caller and its DNIS", "vip", modeOf(direct("0791112233", "5550100", "TG-North")));
        assertEquals("not the vip's caller", "acme", modeOf(direct("0781112233", "5550100", null)));
    }

    @Test
    public void callsForwardedFromTheAttendantGetTheOverflowModeAndOthersNoRoute() {
        assertEquals("overflow", modeOf(forwardedFrom("100")));
        assertEquals("a subscriber's forwarded call is for their mailbox, whatever its DNIS", "none",
                modeOf(forwardedFrom("5550100")));
        assertEquals("forwarded.from does not take direct calls", "none", modeOf(direct("100", "100", null)));
    }

    @Test
    public void aCallForwardedFromANumberWithoutAMailboxIsRoutedByItsNumbersThenTheDefault() {
        assertEquals("acme", attendant.unclaimed("overflow", "pbx", forwardedFrom("5550100"), "c1").orElseThrow().mode().name());
        assertEquals("overflow", attendant.unclaimed("overflow", "pbx", forwardedFrom("6000"), "c2").orElseThrow().mode().name());
        assertEquals(Attendant.DEFAULT_ROUTE, attendant.lastCalls().get(0).route());
        assertFalse("no default set", attendant.unclaimed("", "pbx", forwardedFrom("6000"), "c3").isPresent());
    }

    @Test
    public void aRouteToAModeThatIsNotConfiguredLetsTheNextRouteTakeTheCall() {
        Attendant a = Attendant.of(CLOCK, List.of(mode("day")),
                List.of(route("broken", "priority", 1, "mode", "dya"), route("all", "mode", "day")), List.of());
        assertEquals("day", a.route("pbx", direct("", "1", null), "c1").orElseThrow().mode().name());
        assertEquals(Optional.of("no answer mode dya"), a.routes().get(0).problem());
    }

    @Test
    public void theLastCallsShowTheirRouteAndMode() {
        modeOf(direct("0441234567", "5550100", "tg7"));
        modeOf(forwardedFrom("100"));
        List<RoutedCall> last = attendant.lastCalls();
        assertEquals(2, last.size());
        assertEquals(new RoutedCall(CLOCK.instant(), "c1", "pbx", "0441234567", "100", "", "100", "attendant", "overflow"),
                last.get(0));
        assertEquals("tg7", last.get(1).trunk());
        assertEquals("acme", last.get(1).route());
    }

    @Test
    public void theIntegrationLimitsARoute() {
        Attendant a = Attendant.of(CLOCK, List.of(mode("day")), List.of(route("head", "integration", "head", "mode", "day")),
                List.of());
        assertTrue(a.route("head", direct("", "1", null), "c1").isPresent());
        assertFalse(a.route("branch", direct("", "1", null), "c2").isPresent());
    }

    @Test
    public void aWrongRouteIsRefusedNamingTheSetting() {
        assertRefused("set either mode (an answer mode) or schedule, not neither", () -> route("r"));
        assertRefused("set either mode (an answer mode) or schedule, not both",
                () -> route("r", "mode", "day", "schedule", "office"));
        assertRefused("dnis: '555-0100' is not a number pattern", () -> route("r", "mode", "day", "dnis", "555-0100"));
        assertRefused("forwarded.from takes forwarded calls, dnis, trunk and calling direct ones",
                () -> route("r", "mode", "day", "dnis", "1", "forwarded.from", "100"));
        assertRefused("name = '': set a name", () -> route("", "mode", "day"));
    }

    @Test
    public void patternsMatchDigitsAnyDigitAndAnyRest() {
        assertTrue(Route.matches("555X", "5551"));
        assertFalse(Route.matches("555X", "55512"));
        assertTrue(Route.matches("555*", "555"));
        assertTrue(Route.matches("+41*", "+41441234567"));
        assertFalse(Route.matches("0041*", "041"));
    }

    static void assertRefused(String expected, Runnable reading) {
        try {
            reading.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
            return;
        }
        throw new AssertionError("accepted; expected refused with: " + expected);
    }
}
