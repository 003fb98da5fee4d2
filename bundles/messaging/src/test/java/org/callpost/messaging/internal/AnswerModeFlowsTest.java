package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.callpost.api.call.CallInfo;
import org.callpost.api.call.Consultation;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.messaging.internal.CallFlowsTest.DirectExecutor;
import org.callpost.messaging.internal.CallFlowsTest.FakeCall;
import org.callpost.messaging.internal.CallFlowsTest.FakePrompts;
import org.callpost.messaging.internal.CallFlowsTest.FakeStore;
import org.callpost.messaging.internal.attendant.AnswerMode;
import org.callpost.messaging.internal.attendant.Attendant;
import org.callpost.messaging.internal.attendant.MenuAction;
import org.callpost.messaging.internal.attendant.Route;
import org.callpost.messaging.internal.logon.PinGuard;
import org.junit.After;
import org.junit.Test;

/**
 * Callers in answer modes, driven step by step with {@link CallFlowsTest}'s doubles: which mode
 * a call reaches, the menu's keys and wrong keys, dialling an extension, dial by name.
 */
public class AnswerModeFlowsTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeStore store = new FakeStore();
    private final PinGuard pins = new PinGuard(store, Clock.systemUTC());
    private FakeCall call;

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    private static AnswerMode mode(String name, String greetingPrompt, Map<Character, MenuAction> keys) {
        return new AnswerMode(name, List.of(greetingPrompt), Optional.empty(), "", keys, true, 5000, 3, MenuAction.OPERATOR, "");
    }

    private static Route dnis(String name, String number, String mode) {
        return new Route(name, 100, "", List.of(number), List.of(), List.of(), List.of(), mode, "");
    }

    private final Attendant attendant = Attendant.of(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC),
            List.of(mode("acme", "acme-greeting", Map.of('0', MenuAction.OPERATOR, '9', new MenuAction(MenuAction.Kind.NAME, ""),
                            '8', new MenuAction(MenuAction.Kind.MODE, "globex"))),
                    mode("globex", "globex-greeting", Map.of('0', MenuAction.OPERATOR)),
                    mode("overflow", "overflow-greeting", Map.of('0', MenuAction.OPERATOR)),
                    mode("unknown", "unknown-greeting", Map.of('#', MenuAction.GOODBYE)),
                    mode("night", "night-greeting", Map.of('0', MenuAction.OPERATOR,
                            '8', new MenuAction(MenuAction.Kind.SCHEDULE, "office")))),
            List.of(dnis("acme", "5550100", "acme"), dnis("globex", "5550200", "globex"),
                    new Route("attendant", 100, "", List.of(), List.of(), List.of(), List.of("100"), "overflow", ""),
                    new Route("office", 100, "", List.of("5550300"), List.of(), List.of(), List.of(), "", "office")),
            List.of(office()));

    /** Open Sundays only: the test clock's Monday is closed. Mailbox 900 may switch it by phone. */
    private static org.callpost.messaging.internal.attendant.Schedule office() {
        return new org.callpost.messaging.internal.attendant.Schedule("office", ZoneOffset.UTC,
                Map.of(java.time.DayOfWeek.SUNDAY, List.of(new org.callpost.messaging.internal.attendant.Schedule.Hours(
                        java.time.LocalTime.of(8, 0), java.time.LocalTime.of(17, 0)))), java.util.Set.of(), java.util.Set.of(),
                "acme", "night", "night", List.of("sun 08:00-17:00"), List.of(), List.of("900"));
    }

    private FakeCall answer(CallInfo info, Settings settings) {
        call = new FakeCall(info);
        new VoicemailApplication(store, new FakePrompts(), pins, settings, new DirectExecutor(), timer)
                .withAttendant(attendant, "unknown").answered(call);
        return call;
    }

    private FakeCall outsideCallTo(String dnis) {
        return answer(new CallInfo("0441234567", "", dnis, Optional.empty(), ForwardReason.NONE, Optional.empty(), false,
                true, List.of()), Settings.DEFAULT.withOperator("100"));
    }

    private void enter(String keys) {
        for (char k : keys.toCharArray()) {
            call.press(k);
        }
    }

    @Test
    public void aModeWithItsOwnLanguageGreetsInIt() {
        AnswerMode french = new AnswerMode("lyon", List.of("lyon-greeting"), Optional.empty(), "",
                Map.of('0', MenuAction.OPERATOR), true, 5000, 3, MenuAction.OPERATOR, "fr");
        Attendant lyon = Attendant.of(Clock.systemUTC(), List.of(french, mode("unknown", "unknown-greeting", Map.of())),
                List.of(dnis("lyon", "5550400", "lyon")), List.of());
        call = new FakeCall(new CallInfo("0441234567", "", "5550400", Optional.empty(), ForwardReason.NONE,
                Optional.empty(), false, true, List.of()));
        new VoicemailApplication(store, new FakePrompts(), pins, Settings.DEFAULT.withOperator("100"), new DirectExecutor(),
                timer).withAttendant(lyon, "unknown").answered(call);
        assertEquals(List.of("fr:lyon-greeting"), call.media.said());
        // what follows is French too
        enter("5");
        List<String> next = call.media.said();
        assertTrue(next.toString(), !next.isEmpty() && next.stream().allMatch(p -> p.startsWith("fr:")));
    }

    @Test
    public void eachDnisReachesItsCompanysMode() {
        outsideCallTo("5550100");
        assertEquals(List.of("acme-greeting"), call.media.said());
        outsideCallTo("5550200");
        assertEquals(List.of("globex-greeting"), call.media.said());
        outsideCallTo("5550999");
        assertEquals("no route: the subscribers' access as before", List.of("welcome", "logon-enter-mailbox-or-pound"),
                call.media.said());
        assertEquals("5550200", attendant.lastCalls().get(0).dialled());
        assertEquals("globex", attendant.lastCalls().get(0).mode());
    }

    @Test
    public void aDialledNumberThePbxSendsAsTheForwardingPartyIsRoutedByItsDnis() {
        // MiVoice Office 400 without Diversion: a To naming no line is taken as the forwarding party
        answer(new CallInfo("0441234567", "", "5550200", Optional.of("5550200"), ForwardReason.FORWARD_ALL,
                Optional.empty(), false, false, List.of()), Settings.DEFAULT);
        assertEquals(List.of("globex-greeting"), call.media.said());
    }

    @Test
    public void aCallForwardedFromTheAttendantGetsTheOverflowModeEvenThoughTheAttendantHasAMailbox() {
        store.add(Mailbox.of("100", "100", "Reception"));
        answer(new CallInfo("0441234567", "", "100", Optional.of("100"), ForwardReason.NO_ANSWER, Optional.empty(), false,
                false, List.of()), Settings.DEFAULT);
        assertEquals(List.of("overflow-greeting"), call.media.said());
        assertEquals("attendant", attendant.lastCalls().get(0).route());
    }

    @Test
    public void aCallForwardedFromAnExtensionWithoutAMailboxGetsTheDefaultAnswerMode() {
        answer(new CallInfo("0441234567", "", "6000", Optional.of("6000"), ForwardReason.FORWARD_ALL, Optional.empty(),
                false, false, List.of()), Settings.DEFAULT);
        assertEquals(List.of("unknown-greeting"), call.media.said());
        assertEquals(Attendant.DEFAULT_ROUTE, attendant.lastCalls().get(0).route());
        call.press('#');
        assertEquals(List.of("goodbye"), call.media.said());
    }

    @Test
    public void aSubscribersOwnForwardedCallStillReachesTheirMailboxAndTheirExtensionLogsOn() {
        store.add(Mailbox.of("201", "201", "Sam Smith"));
        answer(new CallInfo("0441234567", "", "201", Optional.of("201"), ForwardReason.BUSY, Optional.empty(), false,
                false, List.of()), Settings.DEFAULT);
        assertEquals("greeting-is-busy", call.media.said().get(2));
        answer(new CallInfo("201", "", "5550100", Optional.empty(), ForwardReason.NONE, Optional.empty(), true, true,
                List.of()), Settings.DEFAULT);
        assertEquals(List.of("logon-enter-pin"), call.media.said());
    }

    @Test
    public void anInvalidKeyThreeTimesEndsAtTheOperator() {
        outsideCallTo("5550100");
        call.press('*');
        assertEquals(List.of("invalid-choice", "please-try-again", "acme-greeting"), call.media.said());
        call.press('#');
        assertEquals(List.of("invalid-choice", "please-try-again", "acme-greeting"), call.media.said());
        assertNull("not yet", call.consulted);
        call.press('*');
        assertEquals(List.of("invalid-choice"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("100", call.consulted);
    }

    @Test
    public void aKeyLeadsToAnotherMode() {
        outsideCallTo("5550100");
        call.press('8');
        assertEquals(List.of("globex-greeting"), call.media.said());
    }

    @Test
    public void aDialledExtensionIsPutThroughAndWhenBusyTheCallerHearsTheBusyGreeting() {
        store.add(Mailbox.of("201", "201", "Sam Smith"));
        store.greetings.put(Greeting.BUSY, Path.of("busy-201.wav"));
        outsideCallTo("5550100");
        enter("201");
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("201", call.consulted);
        call.consultation.outcome.complete(Consultation.Outcome.BUSY);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // "the extension is not answering"
        assertEquals(List.of("busy-201.wav"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.callerHangsUp(4000);
        assertEquals(ForwardReason.BUSY, store.drafts.get(0).envelope().reason());
        assertEquals("201", store.drafts.get(0).envelope().calledNumber());
    }

    @Test
    public void anExtensionWithoutAMailboxIsAWrongChoice() {
        outsideCallTo("5550100");
        enter("29#");
        assertEquals(List.of("logon-extension-invalid", "please-try-again", "acme-greeting"), call.media.said());
    }

    @Test
    public void dialByNameReachesTheRightExtension() {
        store.add(Mailbox.of("201", "201", "Sam Smith"));
        store.add(Mailbox.of("202", "202", "Paul Jones"));
        outsideCallTo("5550100");
        call.press('9');
        assertEquals(List.of("directory-spell-name"), call.media.said());
        enter("5663#"); // J O N E
        assertEquals(List.of("greeting-person-at-extension", "digits:202", "directory-choose"), call.media.said());
        call.press('1');
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("202", call.consulted);
        call.consultation.outcome.complete(Consultation.Outcome.ANSWERED);
        assertTrue("put through", call.consultation.completed);
    }

    @Test
    public void dialByNameOffersTheRecordedNameAndTheNextMatchAndNoMatchIsSaid() {
        store.add(Mailbox.of("201", "201", "Sam Smith"));
        store.add(Mailbox.of("202", "202", "Anna Smithers"));
        store.greetings.put(Greeting.NAME, Path.of("name.wav"));
        outsideCallTo("5550100");
        call.press('9');
        enter("999#");
        assertEquals(List.of("directory-no-match", "directory-spell-name"), call.media.said());
        enter("7648#");
        assertEquals("Anna Smithers first", List.of("name.wav", "directory-choose"), call.media.said());
        call.press('2');
        call.press('1');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("Sam Smith second", "201", call.consulted);
    }

    @Test
    public void theClosedScheduleGivesTheNightModeAndItsAdministratorOpensItByPhone() {
        store.add(Mailbox.of("900", "", "Administrator"));
        outsideCallTo("5550300");
        assertEquals(List.of("night-greeting"), call.media.said());
        call.press('8');
        assertEquals(List.of("logon-enter-mailbox"), call.media.said());
        enter("900");
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        enter("4321#");
        assertEquals(List.of("schedule-choose"), call.media.said());
        call.press('1');
        assertEquals(List.of("schedule-changed", "goodbye"), call.media.said());
        assertEquals(Optional.of("acme"), attendant.schedules().get(0).override());
        outsideCallTo("5550300");
        assertEquals(List.of("acme-greeting"), call.media.said());
    }

    @Test
    public void aSubscriberWhoIsNotTheSchedulesAdministratorCannotSwitchIt() {
        store.add(Mailbox.of("201", "201", "Sam Smith"));
        outsideCallTo("5550300");
        call.press('8');
        enter("201");
        enter("4321#");
        assertEquals(List.of("logon-pin-incorrect", "goodbye"), call.media.said());
        assertEquals(Optional.empty(), attendant.schedules().get(0).override());
    }
}
