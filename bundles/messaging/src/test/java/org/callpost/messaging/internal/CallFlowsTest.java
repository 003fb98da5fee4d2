package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.callpost.api.call.Call;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.CallState;
import org.callpost.api.call.Consultation;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SessionStatistics;
import org.callpost.api.prompt.Prompts;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxFullException;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.PinRules;
import org.callpost.api.store.StoreFullException;
import org.callpost.api.store.StoreUnavailableException;
import org.callpost.messaging.internal.logon.PinGuard;
import org.junit.After;
import org.junit.Test;

/**
 * The call flows' decisions, driven step by step: hand-written doubles of the call, its media,
 * the prompts (each prompt plays as a file named by its id, so the test reads what was said) and
 * the store; store work runs at once on the test's thread.
 */
public class CallFlowsTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeStore store = new FakeStore();
    /** The real PIN count over the fake store: the flows see what the phone would. */
    private final PinGuard pins = new PinGuard(store, java.time.Clock.systemUTC());
    private FakeCall call;

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    // ------------------------------------------------------------------ greeting choice

    private static Optional<Path> rec(String name) {
        return Optional.of(Path.of(name));
    }

    @Test
    public void theBusyGreetingPlaysOnForwardBusyWhenRecorded() {
        Mailbox box = Mailbox.of("201", "201", "").withActiveGreeting(Greeting.PERSONAL);
        GreetingChoice.Recordings all = g -> g == Greeting.SYSTEM ? Optional.empty() : rec(g.name());
        assertEquals(Greeting.BUSY, GreetingChoice.choose(ForwardReason.BUSY, box, true, all).greeting());
        assertEquals("not announced when the setting is off", Greeting.PERSONAL,
                GreetingChoice.choose(ForwardReason.BUSY, box, false, all).greeting());
        assertEquals(Greeting.PERSONAL, GreetingChoice.choose(ForwardReason.NO_ANSWER, box, true, all).greeting());
        GreetingChoice.Recordings noBusy = g -> g == Greeting.PERSONAL ? rec("personal") : Optional.empty();
        assertEquals(Greeting.PERSONAL, GreetingChoice.choose(ForwardReason.BUSY, box, true, noBusy).greeting());
    }

    @Test
    public void theSystemGreetingPlaysWhenItIsActiveOrNothingIsRecordedWithTheNameIfAny() {
        Mailbox system = Mailbox.of("201", "201", "");
        GreetingChoice.Recordings all = g -> g == Greeting.SYSTEM ? Optional.empty() : rec(g.name());
        GreetingChoice c = GreetingChoice.choose(ForwardReason.NO_ANSWER, system, true, all);
        assertEquals(Greeting.SYSTEM, c.greeting());
        assertEquals(rec("NAME"), c.recording());
        Mailbox personal = system.withActiveGreeting(Greeting.PERSONAL);
        c = GreetingChoice.choose(ForwardReason.FORWARD_ALL, personal, true, g -> Optional.empty());
        assertEquals(Greeting.SYSTEM, c.greeting());
        assertEquals(Optional.empty(), c.recording());
    }

    // ------------------------------------------------------------------ leaving a message

    private LeaveMessageFlow forwarded(ForwardReason reason, Settings settings) {
        return forwarded(reason, settings, new FakePrompts());
    }

    private LeaveMessageFlow forwarded(ForwardReason reason, Settings settings, FakePrompts prompts) {
        call = new FakeCall(new CallInfo("202", "Caller", "201", Optional.of("201"), reason, Optional.empty(), true,
                false, List.of()));
        CallContext context = new CallContext(call, settings, prompts, store, pins, Runnable::run, timer);
        call.listen(context.keypad);
        LeaveMessageFlow flow = new LeaveMessageFlow(context, store.mailbox("201").orElseThrow(), "201");
        flow.start();
        return flow;
    }

    @Test
    public void aNoAnswerCallHearsTheSystemGreetingThenTheBeepAndHangingUpKeepsTheMessage() {
        store.add(Mailbox.of("201", "201", ""));
        LeaveMessageFlow flow = forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        assertEquals(List.of("greeting-person-at-extension", "digits:201", "greeting-is-not-available",
                "greeting-leave-message-after-tone", "greeting-when-finished"), call.media.said());
        assertEquals("#*", call.media.play().stopKeys);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("beep"), call.media.said());
        assertEquals(1, store.drafts.size());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        RecordRequest r = call.media.recording().request;
        assertEquals(store.drafts.get(0).recordingFile(), r.file());
        assertEquals("#", r.stopKeys());
        assertEquals(180_000, r.maxMillis());
        assertEquals(5000, r.silenceMillis());
        assertEquals(LeaveMessageFlow.State.RECORDING, flow.state());

        call.callerHangsUp(5000);
        assertEquals(1, store.drafts.get(0).commits);
        assertFalse(store.drafts.get(0).discarded);
        Envelope e = store.drafts.get(0).envelope();
        assertEquals("202", e.callingNumber());
        assertEquals("201", e.calledNumber());
        assertEquals(ForwardReason.NO_ANSWER, e.reason());
    }

    @Test
    public void aCallForwardedToAGermanMailboxHearsTheSystemGreetingInGermanWhateverTheSetting() {
        store.add(Mailbox.of("201", "201", "").withLanguage("de"));
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT.withLanguages(Settings.languages("test=fr")), prompts);
        assertEquals(List.of("de:greeting-person-at-extension", "digits:201", "de:greeting-is-not-available",
                "de:greeting-leave-message-after-tone", "de:greeting-when-finished"), call.media.said());
    }

    @Test
    public void aMailboxWhoseLanguageIsNotInstalledFollowsTheSystemsRule() {
        store.add(Mailbox.of("201", "201", "").withLanguage("it"));
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT.withLanguages(Settings.languages("test=fr")), prompts);
        assertEquals("the integration's French, not Italian nor English", "fr:greeting-person-at-extension",
                call.media.said().get(0));
    }

    @Test
    public void aBusyCallHearsTheRecordedBusyGreeting() {
        store.add(Mailbox.of("201", "201", ""));
        store.greetings.put(Greeting.BUSY, Path.of("busy.wav"));
        forwarded(ForwardReason.BUSY, Settings.DEFAULT);
        assertEquals(List.of("busy.wav"), call.media.said());
    }

    @Test
    public void afterPoundTheCallerMarksItUrgentAndSendsIt() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        call.press('#'); // skips the greeting
        assertEquals(List.of("beep"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishRecording(RecordOutcome.Reason.KEY, '#', 4000);
        assertEquals(List.of("record-menu-listen", "record-menu-record-again", "record-menu-urgent", "record-menu-send"),
                call.media.said());
        call.press('3');
        assertTrue(store.drafts.get(0).envelope().urgent());
        assertEquals("record-marked-urgent", call.media.said().get(0));
        call.press('#');
        assertEquals(1, store.drafts.get(0).commits);
        assertEquals(List.of("record-sent", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
    }

    @Test
    public void recordAgainOverwritesTheSameDraft() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishRecording(RecordOutcome.Reason.SILENCE, PlayOutcome.NO_KEY, 3000);
        call.press('2');
        assertEquals(List.of("record-after-tone", "beep"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(store.drafts.get(0).recordingFile(), call.media.recording().request.file());
        assertEquals(1, store.drafts.size());
        call.callerHangsUp(2500);
        assertEquals(1, store.drafts.get(0).commits);
    }

    @Test
    public void silenceAfterTheBeepThreeTimesEndsTheCallWithoutAMessage() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        for (int i = 0; i < 2; i++) {
            call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
            call.media.finishRecording(RecordOutcome.Reason.SILENCE, PlayOutcome.NO_KEY, 0);
            assertEquals(List.of("record-too-short", "record-after-tone", "beep"), call.media.said());
        }
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishRecording(RecordOutcome.Reason.SILENCE, PlayOutcome.NO_KEY, 0);
        assertEquals(List.of("record-too-short", "goodbye"), call.media.said());
        assertTrue(store.drafts.get(0).discarded);
        assertEquals(0, store.drafts.get(0).commits);
    }

    @Test
    public void aFullMailboxIsAnnouncedAndNothingIsRecorded() {
        store.add(Mailbox.of("201", "201", ""));
        store.full = true;
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        assertEquals("no greeting", List.of("mailbox-full", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertTrue(store.drafts.isEmpty());
        assertEquals(0, call.media.recordings.size());
    }

    @Test
    public void aMailboxFilledDuringTheGreetingIsAnnouncedWhenTheMessageBegins() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT.withOperator("100"));
        store.full = true;
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("mailbox-full", "greeting-for-operator-press-0"), call.media.said());
        call.press('0');
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        assertTrue(store.drafts.isEmpty());
    }

    @Test
    public void aCallerWhenTheDiskIsBelowTheMinimumIsToldTheSystemCannotTakeAMessageAndNothingIsRecorded() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        store.diskFull = true;
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the greeting ends: the message would begin
        assertEquals(List.of("system-cannot-take-message", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertTrue(store.drafts.isEmpty());
        assertEquals(0, call.media.recordings.size());
        assertTrue(store.messages.isEmpty());
    }

    @Test
    public void hangingUpDuringTheGreetingLeavesNoMessage() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT);
        call.callerHangsUp(0);
        assertTrue(store.drafts.isEmpty());
    }

    @Test
    public void zeroRevertsToTheOperatorAndAnUnansweredOperatorGivesTheGreetingBack() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT.withOperator("100"));
        assertTrue(call.media.said().contains("greeting-for-operator-press-0"));
        call.press('0');
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("100", call.consulted);
        call.consultation.outcome.complete(Consultation.Outcome.NO_ANSWER);
        assertTrue(call.consultation.takenBack);
        assertEquals(List.of("operator-not-available"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("greeting-person-at-extension", call.media.said().get(0));
        assertTrue(store.drafts.isEmpty());
    }

    @Test
    public void anAnsweringOperatorTakesTheCaller() {
        store.add(Mailbox.of("201", "201", ""));
        forwarded(ForwardReason.NO_ANSWER, Settings.DEFAULT.withOperator("100"));
        call.press('0');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.consultation.outcome.complete(Consultation.Outcome.ANSWERED);
        assertTrue(call.consultation.completed);
        assertFalse(call.consultation.takenBack);
    }

    // ------------------------------------------------------------------ subscriber

    private SubscriberSession subscriberFrom(String number) {
        return subscriberFrom(number, Settings.DEFAULT);
    }

    private SubscriberSession subscriberFrom(String number, Settings settings) {
        return subscriberFrom(number, settings, new FakePrompts());
    }

    /** AMIS networking for the next subscriber session, or null for none. */
    private org.callpost.api.amis.AmisNetwork amis;

    private SubscriberSession subscriberFrom(String number, Settings settings, FakePrompts prompts) {
        call = new FakeCall(new CallInfo(number, "", "30", Optional.empty(), ForwardReason.NONE, Optional.empty(), true,
                true, List.of()));
        CallContext context = new CallContext(call, settings, prompts, store, pins, Runnable::run, timer);
        context.amis = amis;
        call.listen(context.keypad);
        return new SubscriberSession(context);
    }

    private void enter(String keys) {
        for (char k : keys.toCharArray()) {
            call.press(k);
        }
    }

    @Test
    public void noKeyAtThePinPromptIsNotAWrongPinButStillAnAttempt() throws Exception {
        store.add(Mailbox.of("201", "201", ""));
        Settings quick = new Settings("", 20, "", 1000, 180, 5, true, "en", 200, 3, 3, "200", TransferMode.SUPERVISED,
                Settings.QueueSettings.OFF, Map.of());
        subscriberFrom("201", quick).logOn(store.mailbox("201").orElseThrow(), false);
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the key time-out starts when the prompt ends
        List<String> said = awaitSaid();
        assertEquals("asked again, not told the PIN was wrong", List.of("logon-enter-pin"), said);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("logon-enter-pin"), awaitSaid());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("logon-too-many-attempts", "goodbye"), awaitSaid());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
    }

    /** What the call is told next, once the key time-out (on the test's timer thread) has passed. */
    private List<String> awaitSaid() throws InterruptedException {
        Object before = call.media.play();
        long end = System.currentTimeMillis() + 5000;
        while (call.media.play() == before && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        return call.media.said();
    }

    @Test
    public void threeWrongPinsEndTheCall() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        enter("1111#");
        assertEquals(List.of("logon-pin-incorrect", "logon-enter-pin"), call.media.said());
        enter("2222#");
        enter("3333#");
        assertEquals(List.of("logon-pin-incorrect", "logon-too-many-attempts", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
    }

    /** Two calls of three wrong PINs lock the mailbox (6 by default): the sixth hears so and the call ends. */
    @Test
    public void wrongPinsOverTwoCallsLockTheMailboxAndTheRightPinIsThenRefused() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("0441234567").logOn(store.mailbox("201").orElseThrow(), false);
        enter("1111#");
        enter("2222#");
        enter("3333#");
        assertEquals(List.of("logon-pin-incorrect", "logon-too-many-attempts", "goodbye"), call.media.said());

        subscriberFrom("0441234567").logOn(store.mailbox("201").orElseThrow(), false);
        enter("1111#");
        enter("2222#");
        assertEquals(List.of("logon-pin-incorrect", "logon-enter-pin"), call.media.said());
        enter("3333#");
        assertEquals(List.of("logon-mailbox-locked", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertEquals("phone 0441234567", pins.lockouts().get(0).lastFrom());

        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        int checked = store.pinsChecked.size();
        enter("4321#");
        assertEquals("the right PIN is refused", List.of("logon-mailbox-locked", "goodbye"), call.media.said());
        assertEquals("unchecked", checked, store.pinsChecked.size());

        assertTrue(pins.unlock("201"));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        enter("4321#");
        assertEquals("logged on", "you-have", call.media.said().get(0));
    }

    @Test
    public void aTrustedExtensionLogsOnWithoutPin() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        assertEquals(List.of("you-have", "count:0:new", "and", "count:0:saved", "main-menu-new", "main-menu-saved",
                "main-menu-greetings", "main-menu-pin", "main-menu-help", "main-menu-goodbye"), call.media.said());
    }

    @Test
    public void theSubscriberHearsANewMessageAndDeletesIt() {
        store.add(Mailbox.of("201", "201", ""));
        store.addMessage("m1", "202");
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), true);
        enter("4321#");
        assertEquals(List.of("you-have", "count:1:new", "and", "count:0:saved"), call.media.said().subList(0, 4));
        call.press('1');
        List<String> envelope = call.media.said();
        assertEquals(List.of("first-message", "envelope-message-from", "envelope-extension", "digits:202",
                "envelope-received", "datetime", "envelope-length", "duration:3"), envelope);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("m1.wav"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue("heard", store.messages.get(0).heard());
        assertEquals(List.of("play-menu-replay", "play-menu-save", "play-menu-delete", "play-menu-reply",
                "play-menu-forward", "play-menu-back", "play-menu-next"), call.media.said());
        call.press('7');
        assertEquals("7 after the message: its last 5 s", 1, call.media.said().size());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("play-menu-replay", call.media.said().get(0));
        call.press('3');
        assertEquals(Folder.DELETED, store.messages.get(0).folder());
        assertEquals(List.of("message-deleted"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("no-more-messages", call.media.said().get(0));
        call.press('#');
        assertEquals(List.of("goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertEquals("deleted messages are purged when the subscriber leaves", 1, store.purges);
    }

    @Test
    public void aMenuRepromptsTwiceThenGivesUp() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('7');
        assertEquals(List.of("invalid-choice", "please-try-again", "main-menu-new"), call.media.said().subList(0, 3));
        call.press('8');
        call.press('9');
        assertEquals(List.of("goodbye"), call.media.said());
    }

    private void hearFirstMessage(String from) {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        store.addMessage("m1", from);
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('1');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the envelope
    }

    @Test
    public void savingAMessageWhileTheDatabaseIsDownIsToldPolitelyAndNothingChanges() {
        hearFirstMessage("202");
        store.databaseDown = true;
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the message ends: the message menu
        call.press('2');
        assertEquals(List.of("mailbox-unavailable", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertEquals("the message stays where it was", Folder.NEW, store.messages.get(0).folder());
    }

    @Test
    public void forwardingWhenTheDiskIsBelowTheMinimumIsToldAndTheSubscriberIsBackInTheMessageMenu() {
        hearFirstMessage("203");
        store.add(Mailbox.of("202", "202", ""));
        store.diskFull = true;
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the message ends: the message menu
        call.press('5');
        assertEquals(List.of("forward-enter-mailbox"), call.media.said());
        enter("202");
        assertEquals(List.of("forward-record-introduction", "beep"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishRecording(RecordOutcome.Reason.SILENCE, PlayOutcome.NO_KEY, 2000);
        assertEquals(List.of("system-cannot-take-message"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.media.said().toString(), call.media.said().get(0).startsWith("play-menu"));
        assertFalse(call.hungUp);
    }

    /** A node "branch" with address prefix 8; what is sent is listed. */
    private final class TestAmis implements org.callpost.api.amis.AmisNetwork {
        final List<String> sent = new java.util.ArrayList<>();

        @Override
        public org.callpost.api.amis.AmisQueued send(String node, String remoteMailbox, String localMailbox,
                String messageId) {
            sent.add(node + " " + remoteMailbox + " " + localMailbox + " " + messageId);
            return new org.callpost.api.amis.AmisQueued("q1", node, remoteMailbox, localMailbox, messageId,
                    java.time.Duration.ofSeconds(5), java.time.Instant.EPOCH, 0, "");
        }

        @Override
        public List<org.callpost.api.amis.AmisNodeStatus> nodes() {
            return List.of(new org.callpost.api.amis.AmisNodeStatus("branch", "5552000", "7900", "test", "8", false,
                    Optional.empty(), List.of()));
        }

        @Override
        public List<org.callpost.api.amis.AmisSessionRecord> lastSessions() {
            return List.of();
        }
    }

    @Test
    public void forwardingToANodesPrefixQueuesTheMessageForThatSystemsMailbox() {
        TestAmis network = new TestAmis();
        amis = network;
        hearFirstMessage("203");
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the message ends: the message menu
        call.press('5');
        assertEquals(List.of("forward-enter-mailbox"), call.media.said());
        enter("8200"); // mailboxes have 3 digits: "820" is no local one, 8 is the branch's prefix
        enter("1#");
        assertEquals(List.of("branch 2001 201 m1"), network.sent);
        assertEquals(List.of("message-forwarded"), call.media.said());
    }

    @Test
    public void aLocalMailboxBeginningWithAPrefixDigitIsStillForwardedLocally() {
        amis = new TestAmis();
        hearFirstMessage("203");
        store.add(Mailbox.of("820", "820", ""));
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.press('5');
        enter("820");
        assertEquals(List.of("forward-record-introduction", "beep"), call.media.said());
        assertEquals(List.of(), ((TestAmis) amis).sent);
    }

    @Test
    public void aLiveReplyRingsTheInternalSenderAndComesBackWhenNobodyAnswers() {
        hearFirstMessage("202");
        call.press('4'); // during the message
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("202", call.consulted);
        call.consultation.outcome.complete(Consultation.Outcome.BUSY);
        assertEquals(List.of("extension-not-answering"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("play-menu-replay", call.media.said().get(0));
    }

    @Test
    public void anOutsideSenderCannotBeRepliedTo() {
        hearFirstMessage("0049301234567");
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.press('4');
        assertEquals("reply-not-possible", call.media.said().get(0));
        assertEquals(null, call.consulted);
    }

    @Test
    public void aSubscriberOfAnotherPbxCannotLiveReplyThroughThisOne() {
        // mailbox 201 is the branch's; this call came through integration "test"
        store.add(Mailbox.of("201", "201", "").withIntegration("branch").withTrustExtension(true));
        store.addMessage("m1", "202");
        subscriberFrom("30").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('1');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // the envelope
        call.press('4');
        assertEquals("reply-not-possible", call.media.said().get(0));
        assertEquals("this PBX's 202 is not the sender", null, call.consulted);
    }

    @Test
    public void aSubscriberCallingInIsFoundByExtensionOnlyAmongTheirOwnPbxsMailboxes() {
        store.add(Mailbox.of("2201", "201", "").withIntegration("branch"));
        store.add(Mailbox.of("1201", "201", "").withIntegration("test"));
        subscriberFrom("30").askMailbox();
        enter("201");
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        enter("4321#");
        assertEquals("the call's own PBX's mailbox was asked for its PIN", List.of("1201"), store.pinsChecked);
    }

    @Test
    public void aheadPastTheEndGoesToTheMessageMenu() {
        hearFirstMessage("202");
        assertEquals(SubscriberSession.MESSAGE_KEYS, call.media.play().stopKeys);
        call.press('9'); // a 3 s message: 5 s ahead is past its end
        assertEquals("play-menu-replay", call.media.said().get(0));
    }

    @Test
    public void choosingAPersonalGreetingThatIsNotRecordedIsRefused() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('3');
        assertEquals(List.of("greetings-menu-personal", "greetings-menu-busy", "greetings-menu-name",
                "greetings-menu-choose"), call.media.said());
        call.press('4');
        call.press('1');
        assertEquals("greetings-none-recorded", call.media.said().get(0));
        store.greetings.put(Greeting.PERSONAL, Path.of("personal.wav"));
        call.press('4');
        call.press('1');
        assertEquals("greetings-now-personal", call.media.said().get(0));
        assertEquals(Greeting.PERSONAL, store.mailbox("201").orElseThrow().activeGreeting());
        call.press('#');
        assertEquals("main-menu-new", call.media.said().get(0));
    }

    @Test
    public void aRecordedPersonalGreetingIsSavedAndBecomesTheOneCallersHear() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('3');
        call.press('1');
        assertEquals(List.of("record-after-tone", "beep"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(Path.of("greeting-draft.wav"), call.media.recording().request.file());
        call.press('#');
        assertEquals("greetings-saved", call.media.said().get(0));
        assertEquals(Path.of("personal.wav"), store.greetings.get(Greeting.PERSONAL));
        assertEquals(Greeting.PERSONAL, store.mailbox("201").orElseThrow().activeGreeting());
    }

    @Test
    public void aGreetingRecordedWhileTheDatabaseWentDownIsToldAsSuchAndTheOldOneStays() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('3');
        call.press('1');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        store.databaseDown = true;
        call.press('#');
        assertEquals(List.of("mailbox-unavailable", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertFalse(store.greetings.containsKey(Greeting.PERSONAL));
        assertEquals(Greeting.SYSTEM, store.mailbox("201").orElseThrow().activeGreeting());
    }

    @Test
    public void aGreetingCannotBeRecordedWhenTheDiskIsBelowTheMinimumAndTheSubscriberIsTold() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        store.diskFull = true;
        call.press('3');
        call.press('1');
        assertEquals(List.of("system-cannot-take-message", "greetings-menu-personal", "greetings-menu-busy",
                "greetings-menu-name", "greetings-menu-choose"), call.media.said());
        assertEquals(0, call.media.recordings.size());
        assertFalse(call.hungUp);
        assertFalse(store.greetings.containsKey(Greeting.PERSONAL));
    }

    @Test
    public void hangingUpWhileRecordingAGreetingKeepsTheOldOne() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('3');
        call.press('2');
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.callerHangsUp(3000);
        assertEquals(1, store.discardedGreetings);
        assertFalse(store.greetings.containsKey(Greeting.BUSY));
    }

    @Test
    public void changingThePinWhileTheDatabaseIsDownIsToldAsSuchNotAsAPinNotAllowed() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        store.databaseDown = true;
        call.press('4');
        enter("24680#");
        enter("24680#");
        assertEquals(List.of("mailbox-unavailable", "goodbye"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertTrue(call.hungUp);
        assertEquals("the old PIN stays", null, store.newPin);
    }

    @Test
    public void changingThePinAsksTwiceAndFollowsThePinRules() {
        store.add(Mailbox.of("201", "201", "").withTrustExtension(true));
        subscriberFrom("201").logOn(store.mailbox("201").orElseThrow(), false);
        call.press('4');
        assertEquals(List.of("pin-enter-new"), call.media.said());
        enter("12#");
        assertEquals("too short", List.of("pin-not-allowed", "pin-enter-new"), call.media.said());
        enter("24680#");
        assertEquals(List.of("pin-enter-again"), call.media.said());
        enter("24681#");
        assertEquals(List.of("pin-mismatch", "pin-enter-new"), call.media.said());
        enter("24680#");
        enter("24680#");
        assertEquals(List.of("pin-changed"), call.media.said());
        assertEquals("24680", store.newPin);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("main-menu-new", call.media.said().get(0));
    }

    @Test
    public void anotherDirectCallerEntersAMailboxNumberAndPin() {
        store.add(Mailbox.of("201", "201", ""));
        SubscriberSession s = subscriberFrom("0301234");
        s.askMailbox();
        assertEquals(List.of("welcome", "logon-enter-mailbox-or-pound"), call.media.said());
        enter("299");
        assertEquals(List.of("logon-mailbox-invalid", "logon-enter-mailbox-or-pound"), call.media.said());
        enter("201");
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        enter("4321#");
        assertEquals("you-have", call.media.said().get(0));
    }

    @Test
    public void starAtTheLogonSwitchesTheLanguageForThisCall() {
        store.add(Mailbox.of("201", "201", ""));
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        subscriberFrom("0301234", Settings.DEFAULT, prompts).askMailbox();
        // "for French, press star", said in French: the language star gives
        assertEquals(List.of("welcome", "logon-enter-mailbox-or-pound", "fr:logon-star-for-language"), call.media.said());
        // after English comes French, then German (round, in the installed order)
        enter("*#");
        assertEquals(List.of("fr:logon-enter-mailbox-or-pound", "de:logon-star-for-language"), call.media.said());
        enter("*#");
        assertEquals(List.of("de:logon-enter-mailbox-or-pound", "logon-star-for-language"), call.media.said());
        enter("201");
        assertEquals(List.of("de:logon-enter-pin"), call.media.said());
        enter("4321#");
        assertEquals("de:you-have", call.media.said().get(0));
    }

    @Test
    public void aSubscriberWhoLogsOnHearsTheSessionInTheMailboxsLanguageUnlessStarChoseOne() {
        store.add(Mailbox.of("201", "201", "").withLanguage("de"));
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        subscriberFrom("0301234", Settings.DEFAULT, prompts).askMailbox();
        call.media.said();
        enter("201");
        assertEquals("who it is is not known yet", List.of("logon-enter-pin"), call.media.said());
        enter("4321#");
        List<String> menu = call.media.said();
        assertTrue(menu.toString(), menu.get(0).equals("de:you-have") && menu.stream()
                .filter(p -> !p.startsWith("count:") && !p.startsWith("number:")).allMatch(p -> p.startsWith("de:")));

        subscriberFrom("0301234", Settings.DEFAULT, prompts).askMailbox();
        call.media.said();
        enter("*#");
        call.media.said();
        enter("201");
        assertEquals(List.of("fr:logon-enter-pin"), call.media.said());
        enter("4321#");
        assertEquals("the caller's star wins over the mailbox", "fr:you-have", call.media.said().get(0));
    }

    @Test
    public void fromItsOwnExtensionTheMailboxsLanguageIsSpokenFromThePinOn() {
        store.add(Mailbox.of("201", "201", "").withLanguage("fr"));
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        subscriberFrom("201", Settings.DEFAULT, prompts).logOn(store.mailbox("201").orElseThrow(), false);
        assertEquals(List.of("fr:logon-enter-pin"), call.media.said());
    }

    @Test
    public void callsFromAnIntegrationWithItsOwnLanguageHearItAndOthersTheSetting() {
        FakePrompts prompts = new FakePrompts();
        prompts.languages = Set.of("de", "en", "fr");
        Settings settings = Settings.DEFAULT.withLanguages(Settings.languages("test=de, other=fr, broken, x=not a tag"));
        assertEquals(Map.of("test", "de", "other", "fr"), settings.languageByIntegration());
        subscriberFrom("0301234", settings, prompts).askMailbox(); // the fake call comes through "test"
        assertEquals(List.of("de:welcome", "de:logon-enter-mailbox-or-pound", "logon-star-for-language"),
                call.media.said());
        assertEquals("en", Settings.DEFAULT.withLanguages(Settings.languages("other=fr")).languageFor("test"));
    }

    @Test
    public void poundLeavesAMessageForAnExtensionThatIsRungFirst() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("0301234").askMailbox();
        call.press('#');
        assertEquals(List.of("logon-enter-extension"), call.media.said());
        enter("201#");
        assertEquals(List.of("transfer-please-hold"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals("201", call.consulted);
        call.consultation.outcome.complete(Consultation.Outcome.NO_ANSWER);
        assertEquals(List.of("extension-not-answering"), call.media.said());
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        assertEquals(List.of("greeting-person-at-extension", "digits:201", "greeting-is-not-available",
                "greeting-leave-message-after-tone", "greeting-when-finished"), call.media.said());
    }

    @Test
    public void aConfirmedTransferPutsTheCallerThroughOnlyWhenTheCalledPartyPressesOne() {
        store.add(Mailbox.of("201", "201", ""));
        for (char answer : new char[] {'1', '2'}) {
            subscriberFrom("0301234", Settings.DEFAULT.withTransferMode(TransferMode.CONFIRMED)).askMailbox();
            call.press('#');
            enter("201#");
            call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // please hold
            FakeCall called = new FakeCall(new CallInfo("201", "", "201", Optional.empty(), ForwardReason.NONE,
                    Optional.empty(), true, false, List.of()));
            call.consultation.called = called;
            call.consultation.outcome.complete(Consultation.Outcome.ANSWERED);
            assertEquals("the called party hears who calls", List.of("transfer-call-for-you", "digits:0301234",
                    "transfer-confirm"), called.media.said());
            assertFalse(call.consultation.completed);
            called.media.finishPlay(PlayOutcome.Reason.COMPLETED);
            called.press(answer);
            if (answer == '1') {
                assertTrue("put through", call.consultation.completed);
                assertFalse(call.consultation.takenBack);
            } else {
                assertFalse(call.consultation.completed);
                assertTrue("the caller is taken back", call.consultation.takenBack);
                assertEquals(List.of("extension-not-answering"), call.media.said());
            }
        }
    }

    private static final Settings QUEUING = Settings.DEFAULT.withQueue(new Settings.QueueSettings(true, 60, 300));

    /** A direct caller asks for 201, which is busy: the queue is offered. */
    private FakeConsultation busyExtension() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("0301234", QUEUING).askMailbox();
        call.press('#');
        enter("201#");
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // please hold
        FakeConsultation first = call.consultation;
        first.outcome.complete(Consultation.Outcome.BUSY);
        assertTrue(first.takenBack);
        assertEquals(List.of("queue-extension-busy", "queue-you-are-caller", "digits:1", "queue-in-line",
                "queue-hold-or-message"), call.media.said());
        return first;
    }

    @Test
    public void aCallerHoldingForABusyExtensionIsPutThroughWhenItAnswers() {
        FakeConsultation first = busyExtension();
        call.press('1');
        FakeConsultation retry = call.consultation;
        assertNotSame("the first in the queue has the extension tried again at once", first, retry);
        retry.outcome.complete(Consultation.Outcome.BUSY);
        assertTrue(retry.takenBack);
        assertEquals("still busy: hold", List.of("queue-please-hold"), call.media.said());
        assertSame("no retry before the interval", retry, call.consultation);
        call.press('2');
        assertEquals("2 while holding: a message instead", List.of("greeting-person-at-extension", "digits:201",
                "greeting-is-not-available", "greeting-leave-message-after-tone", "greeting-when-finished"),
                call.media.said());
    }

    @Test
    public void aCallerWhoHoldsIsPutThroughAndOneWhoDeclinesLeavesAMessage() {
        busyExtension();
        call.press('1');
        FakeConsultation retry = call.consultation;
        retry.outcome.complete(Consultation.Outcome.ANSWERED);
        assertTrue("put through", retry.completed);
        assertFalse(call.media.said().contains("greeting-person-at-extension"));

        busyExtension();
        call.press('2');
        assertTrue("a message instead", call.media.said().contains("greeting-leave-message-after-tone"));
    }

    @Test
    public void aMonitoredTransferHandsTheCallerOverWhenTheExtensionRings() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("0301234", Settings.DEFAULT.withTransferMode(TransferMode.MONITORED)).askMailbox();
        call.blindAllowed = true;
        call.press('#');
        enter("201#");
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED); // please hold
        assertEquals("201", call.consulted);
        assertEquals(null, call.blindTransferredTo);
        call.consultation.ringing.complete(null);
        assertTrue("the ringing consultation is ended", call.consultation.takenBack);
        assertEquals("201", call.blindTransferredTo);
        assertFalse("no greeting: the caller was handed over", call.media.said().contains("greeting-person-at-extension"));
    }

    @Test
    public void withoutBlindTransferAMonitoredTransferIsSupervised() {
        store.add(Mailbox.of("201", "201", ""));
        subscriberFrom("0301234", Settings.DEFAULT.withTransferMode(TransferMode.MONITORED)).askMailbox();
        call.press('#');
        enter("201#");
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.consultation.ringing.complete(null);
        assertFalse(call.consultation.takenBack);
        call.consultation.outcome.complete(Consultation.Outcome.ANSWERED);
        assertTrue("put through on answer", call.consultation.completed);
        assertEquals(null, call.blindTransferredTo);
    }

    @Test
    public void anExcerptStartsWhereAsked() throws Exception {
        Path wav = java.nio.file.Files.createTempFile("excerpt-test", ".wav");
        int samples = 8000 * 3;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples).putInt(0x45564157).putInt(0x20746d66).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16).putInt(0x61746164).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (i / 8000)); // the second it is in
        }
        java.nio.file.Files.write(wav, b.array());
        assertEquals(3000, WavExcerpt.millis(wav));
        Path excerpt = WavExcerpt.from(wav, 2000);
        try {
            assertEquals(1000, WavExcerpt.millis(excerpt));
            byte[] bytes = java.nio.file.Files.readAllBytes(excerpt);
            assertEquals(2, bytes[44]);
        } finally {
            java.nio.file.Files.delete(excerpt);
            java.nio.file.Files.delete(wav);
        }
    }

    // ------------------------------------------------------------------ routing

    /** Runs store work at once, on the caller's thread. */
    static final class DirectExecutor extends java.util.concurrent.AbstractExecutorService {
        private boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return true;
        }
    }

    private FakeCall answer(CallInfo info, Settings settings) {
        call = new FakeCall(info);
        new VoicemailApplication(store, new FakePrompts(), pins, settings, new DirectExecutor(), timer).answered(call);
        return call;
    }

    @Test
    public void aCallDialledToTheNumberOfAnApplicationForOneNumberIsHandedToIt() {
        List<Call> amis = new java.util.ArrayList<>();
        VoicemailApplication app = new VoicemailApplication(store, new FakePrompts(), pins, Settings.DEFAULT,
                new DirectExecutor(), timer);
        app.addDnisHandler(amis::add, java.util.Map.of("callpost.dnis", "7900"));
        call = new FakeCall(new CallInfo("61", "", "7900", Optional.empty(), ForwardReason.NONE, Optional.empty(), true,
                false, List.of()));
        app.answered(call);
        assertEquals(List.of(call), amis);
        assertEquals("nothing said: the application for 7900 has the call", List.of(), call.media.said());

        FakeCall other = new FakeCall(new CallInfo("0441234567", "", "7901", Optional.empty(), ForwardReason.NONE,
                Optional.empty(), false, false, List.of()));
        call = other;
        app.answered(other);
        assertEquals(1, amis.size());
        assertTrue("the voicemail application asks for a mailbox", !other.media.said().isEmpty());
    }

    @Test
    public void aCallForwardedFromAnExtensionWithoutMailboxIsToldAndOfferedTheOperator() {
        answer(new CallInfo("202", "", "205", Optional.of("205"), ForwardReason.NO_ANSWER, Optional.empty(), true, false,
                List.of()), Settings.DEFAULT.withOperator("100"));
        assertEquals(List.of("greeting-person-at-extension", "digits:205", "greeting-is-not-available",
                "greeting-for-operator-press-0"), call.media.said());
        call.press('0');
        assertEquals(List.of("transfer-please-hold"), call.media.said());
    }

    @Test
    public void directCallsLogOnBySubscriberExtensionOrAskForTheMailbox() {
        store.add(Mailbox.of("201", "201", ""));
        answer(new CallInfo("201", "", "30", Optional.empty(), ForwardReason.NONE, Optional.empty(), true, true,
                List.of()), Settings.DEFAULT);
        assertEquals(List.of("logon-enter-pin"), call.media.said());
        answer(new CallInfo("201", "", "30", Optional.empty(), ForwardReason.NONE, Optional.empty(), false, true,
                List.of()), Settings.DEFAULT);
        assertEquals("an outside number that looks like an extension gets no automatic logon",
                List.of("welcome", "logon-enter-mailbox-or-pound"), call.media.said());
        answer(new CallInfo("209", "", "30", Optional.empty(), ForwardReason.NONE, Optional.empty(), true, true,
                List.of()), Settings.DEFAULT);
        assertEquals(List.of("welcome", "logon-enter-mailbox-or-pound"), call.media.said());
    }

    @Test
    public void aForwardedCallFindsTheMailboxByExtension() {
        store.add(Mailbox.of("7201", "201", ""));
        answer(new CallInfo("202", "", "201", Optional.of("201"), ForwardReason.BUSY, Optional.empty(), true, false,
                List.of()), Settings.DEFAULT);
        assertEquals(List.of("greeting-person-at-extension", "digits:201", "greeting-is-busy",
                "greeting-leave-message-after-tone", "greeting-when-finished"), call.media.said());
    }

    @Test
    public void stoppingTheApplicationEndsItsCallsAndKeepsWhatWasRecorded() {
        store.add(Mailbox.of("201", "201", ""));
        call = new FakeCall(new CallInfo("202", "", "201", Optional.of("201"), ForwardReason.NO_ANSWER, Optional.empty(),
                true, false, List.of()));
        VoicemailApplication app = new VoicemailApplication(store, new FakePrompts(), pins, Settings.DEFAULT,
                new DirectExecutor(), timer);
        app.answered(call);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.media.finishPlay(PlayOutcome.Reason.COMPLETED);
        call.recordedWhenHungUp = 3000;
        app.deactivate();
        assertTrue(call.hungUp);
        assertEquals(1, store.drafts.get(0).commits);
    }

    // ------------------------------------------------------------------ doubles

    /** A play the test ends. */
    static final class Play {
        final List<PlayItem> items;
        final String stopKeys;
        final CompletableFuture<PlayOutcome> done = new CompletableFuture<>();

        Play(List<PlayItem> items, String stopKeys) {
            this.items = items;
            this.stopKeys = stopKeys;
        }
    }

    /** A recording the test ends. */
    static final class Recording {
        final RecordRequest request;
        final CompletableFuture<RecordOutcome> done = new CompletableFuture<>();

        Recording(RecordRequest request) {
            this.request = request;
        }
    }

    static final class FakeMedia implements MediaSession {
        final Deque<Play> plays = new ArrayDeque<>();
        final Deque<Recording> recordings = new ArrayDeque<>();
        private int saidUpTo;

        Play play() {
            return plays.peekLast();
        }

        Recording recording() {
            return recordings.peekLast();
        }

        /** What the latest play says, as prompt ids. */
        List<String> said() {
            return play() == null ? List.of() : play().items.stream().map(FakeMedia::name).toList();
        }

        static String name(PlayItem item) {
            if (item instanceof PlayItem.Tone) {
                return "beep";
            }
            if (item instanceof PlayItem.Wav w) {
                return w.file().toString();
            }
            return "silence";
        }

        void finishPlay(PlayOutcome.Reason reason) {
            play().done.complete(new PlayOutcome(reason, PlayOutcome.NO_KEY, ""));
        }

        void finishRecording(RecordOutcome.Reason reason, char key, long millis) {
            Recording r = recording();
            r.done.complete(new RecordOutcome(r.request.file(), reason, key, millis, ""));
        }

        @Override
        public CompletionStage<PlayOutcome> play(List<PlayItem> items, String stopKeys) {
            Play previous = play();
            if (previous != null) {
                previous.done.complete(new PlayOutcome(PlayOutcome.Reason.STOPPED, PlayOutcome.NO_KEY, ""));
            }
            Play p = new Play(items, stopKeys);
            plays.add(p);
            return p.done;
        }

        @Override
        public CompletionStage<RecordOutcome> record(RecordRequest request) {
            Recording r = new Recording(request);
            recordings.add(r);
            return r.done;
        }

        @Override
        public void stopPlaying() {
            if (play() != null) {
                finishPlay(PlayOutcome.Reason.STOPPED);
            }
        }

        @Override
        public void stopRecording() {
        }

        @Override
        public String label() {
            return "fake";
        }

        @Override
        public SessionSpec spec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int localRtpPort() {
            return 0;
        }

        @Override
        public void sendDtmf(String keys, int toneMillis) {
        }

        @Override
        public void rekey(org.callpost.api.media.SrtpKeys keys) {
        }

        @Override
        public void update(String remoteAddress, int remoteRtpPort, MediaDirection direction) {
        }

        @Override
        public SessionStatistics statistics() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    static final class FakeConsultation implements Consultation {
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        boolean completed;
        boolean takenBack;
        /** The called party, once it answered. */
        FakeCall called;
        final CompletableFuture<Void> ringing = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> ringing() {
            return ringing;
        }

        @Override
        public Optional<Call> call() {
            return Optional.ofNullable(called);
        }

        @Override
        public CompletionStage<Outcome> outcome() {
            return outcome;
        }

        @Override
        public CompletionStage<Boolean> complete() {
            completed = true;
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public void takeBack() {
            takenBack = true;
        }
    }

    static final class FakeCall implements Call {
        final CallInfo info;
        final FakeMedia media = new FakeMedia();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        MediaListener listener = MediaListener.NONE;
        CallState state = CallState.CONNECTED;
        boolean hungUp;
        long recordedWhenHungUp;
        String consulted;
        FakeConsultation consultation;

        FakeCall(CallInfo info) {
            this.info = info;
        }

        /** A key as the media engine reports it: to the listener, then ending a play or recording it stops. */
        void press(char key) {
            Play p = media.play();
            Recording r = media.recording();
            listener.dtmfReceived(media, key, DtmfSource.TELEPHONE_EVENT);
            if (p != null && !p.done.isDone() && p.stopKeys.indexOf(key) >= 0) {
                p.done.complete(new PlayOutcome(PlayOutcome.Reason.KEY, key, ""));
            }
            if (r != null && !r.done.isDone() && r.request.stopKeys().indexOf(key) >= 0) {
                r.done.complete(new RecordOutcome(r.request.file(), RecordOutcome.Reason.KEY, key, 4000, ""));
            }
        }

        void callerHangsUp(long recordedMillis) {
            state = CallState.ENDED;
            Recording r = media.recording();
            if (r != null && !r.done.isDone()) {
                r.done.complete(new RecordOutcome(r.request.file(), RecordOutcome.Reason.CALL_ENDED, PlayOutcome.NO_KEY,
                        recordedMillis, ""));
            }
            Play p = media.play();
            if (p != null && !p.done.isDone()) {
                p.done.complete(new PlayOutcome(PlayOutcome.Reason.SESSION_CLOSED, PlayOutcome.NO_KEY, ""));
            }
            ended.complete(null);
        }

        @Override
        public String id() {
            return "test/1/1";
        }

        @Override
        public String integration() {
            return "test";
        }

        @Override
        public int line() {
            return 1;
        }

        @Override
        public String lineExtension() {
            return "31";
        }

        @Override
        public CallInfo info() {
            return info;
        }

        @Override
        public CallState state() {
            return state;
        }

        @Override
        public MediaSession media() {
            return media;
        }

        @Override
        public void listen(MediaListener l) {
            listener = l;
        }

        @Override
        public CompletionStage<Void> ended() {
            return ended;
        }

        @Override
        public void hangUp() {
            hungUp = true;
            if (state != CallState.ENDED) {
                callerHangsUp(recordedWhenHungUp);
            }
        }

        @Override
        public Consultation consult(String extension, int noAnswerSeconds) {
            consulted = extension;
            consultation = new FakeConsultation();
            return consultation;
        }

        boolean blindAllowed;
        String blindTransferredTo;

        @Override
        public boolean blindTransferAllowed() {
            return blindAllowed;
        }

        @Override
        public CompletionStage<Boolean> blindTransfer(String extension) {
            blindTransferredTo = extension;
            return CompletableFuture.completedFuture(blindAllowed);
        }
    }

    /** Every prompt is a file named by its id; spoken numbers and times are one item each. */
    static final class FakePrompts implements Prompts {
        /** The installed languages; a prompt not in English is said as "<language>:<id>". */
        Set<String> languages = Set.of("en");

        @Override
        public Set<String> languages() {
            return languages;
        }

        @Override
        public Optional<Path> file(String language, String id) {
            return Optional.of(Path.of(id));
        }

        @Override
        public Optional<String> text(String language, String id) {
            return Optional.of(id);
        }

        @Override
        public List<PlayItem> play(String language, String... ids) {
            return play(language, List.of(ids));
        }

        @Override
        public List<PlayItem> play(String language, List<String> ids) {
            String prefix = language == null || language.equals("en") ? "" : language + ":";
            return ids.stream().map(id -> PlayItem.wav(Path.of(prefix + id))).toList();
        }

        @Override
        public List<PlayItem> sayNumber(String language, int number) {
            return List.of(PlayItem.wav(Path.of("number:" + number)));
        }

        @Override
        public List<PlayItem> sayDigits(String language, String digits) {
            return List.of(PlayItem.wav(Path.of("digits:" + digits)));
        }

        @Override
        public List<PlayItem> sayCount(String language, int count, String singular, String plural) {
            return List.of(PlayItem.wav(Path.of("count:" + count)));
        }

        @Override
        public List<PlayItem> sayCount(String language, int count, String qualifier, String singular, String plural) {
            return List.of(PlayItem.wav(Path.of("count:" + count + ":" + qualifier)));
        }

        @Override
        public List<PlayItem> sayYouHave(String language, int count) {
            return play(language, "you-have");
        }

        @Override
        public List<PlayItem> sayDateTime(String language, ZonedDateTime when, ZonedDateTime now) {
            return List.of(PlayItem.wav(Path.of("datetime")));
        }

        @Override
        public List<PlayItem> sayTime(String language, LocalTime time) {
            return List.of(PlayItem.wav(Path.of("time")));
        }

        @Override
        public List<PlayItem> sayDuration(String language, Duration duration) {
            return List.of(PlayItem.wav(Path.of("duration:" + duration.toSeconds())));
        }
    }

    /** One mailbox's worth of store, in memory; PIN 4321. */
    static final class FakeStore implements MessageStore {
        final Map<String, Mailbox> boxes = new HashMap<>();
        final Map<Greeting, Path> greetings = new EnumMap<>(Greeting.class);
        final List<FakeDraft> drafts = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        boolean full;
        /** The store's disk below the administrator's minimum: no recording begins. */
        boolean diskFull;
        /** The store's database does not answer: changes are refused. */
        boolean databaseDown;
        int purges;
        int discardedGreetings;

        /** Every mailbox here has a PIN (4321), as the store would say. */
        void add(Mailbox m) {
            boxes.put(m.number(), m.withPinSet(true));
        }

        void addMessage(String id, String from) {
            messages.add(new Message(id, "201", Folder.NEW, new Envelope(from, "", "201", ForwardReason.NO_ANSWER, "201",
                    Instant.now(), false), Duration.ofSeconds(3), false, Path.of(id + ".wav")));
        }

        private int count(Folder f) {
            return (int) messages.stream().filter(m -> m.folder() == f).count();
        }

        @Override
        public List<Mailbox> mailboxes() {
            return List.copyOf(boxes.values());
        }

        @Override
        public Optional<Mailbox> mailbox(String number) {
            return Optional.ofNullable(boxes.get(number));
        }

        @Override
        public Optional<Mailbox> mailboxOfExtension(String integration, String extension) {
            return boxes.values().stream().filter(m -> m.extension().equals(extension) && m.belongsTo(integration))
                    .findFirst();
        }

        @Override
        public Mailbox createMailbox(Mailbox mailbox, String pin) {
            add(mailbox);
            return mailbox;
        }

        @Override
        public Mailbox updateMailbox(Mailbox mailbox) {
            add(mailbox);
            return mailbox;
        }

        @Override
        public void removeMailbox(String number) {
            boxes.remove(number);
        }

        @Override
        public MailboxCounts counts(String number) {
            return new MailboxCounts(number, count(Folder.NEW), count(Folder.NEW), count(Folder.SAVED),
                    count(Folder.DELETED), Duration.ZERO, full ? 0 : 100, Duration.ofHours(1));
        }

        @Override
        public PinRules pinRules() {
            return new PinRules(4, 10);
        }

        @Override
        public boolean checkPin(String number, String pin) {
            pinsChecked.add(number);
            return "4321".equals(pin);
        }

        String newPin;
        final List<String> pinsChecked = new ArrayList<>();

        @Override
        public void changePin(String number, String pin) throws StoreUnavailableException {
            if (databaseDown) {
                throw new StoreUnavailableException("PostgreSQL does not answer (Connection refused): nothing was changed");
            }
            newPin = pin;
        }

        @Override
        public Optional<Path> greeting(String number, Greeting greeting) {
            return Optional.ofNullable(greetings.get(greeting));
        }

        @Override
        public GreetingDraft beginGreeting(String number, Greeting greeting) throws StoreFullException {
            if (diskFull) {
                throw new StoreFullException("The store cannot take a greeting now: 150 MB free, below the minimum 200 MB");
            }
            FakeStore store = this;
            return new GreetingDraft() {
                @Override
                public String mailbox() {
                    return number;
                }

                @Override
                public Greeting greeting() {
                    return greeting;
                }

                @Override
                public Path recordingFile() {
                    return Path.of("greeting-draft.wav");
                }

                @Override
                public boolean commit() throws StoreUnavailableException {
                    if (store.databaseDown) {
                        throw new StoreUnavailableException("PostgreSQL does not answer (Connection refused): nothing was changed");
                    }
                    store.greetings.put(greeting, Path.of(greeting.name().toLowerCase() + ".wav"));
                    return true;
                }

                @Override
                public void discard() {
                    store.discardedGreetings++;
                }
            };
        }

        @Override
        public void deleteGreeting(String number, Greeting greeting) {
            greetings.remove(greeting);
        }

        @Override
        public Duration minimumMessageLength() {
            return Duration.ofSeconds(1);
        }

        @Override
        public MessageDraft beginMessage(String number, Envelope envelope) throws MailboxFullException, StoreFullException {
            if (diskFull) {
                throw new StoreFullException("The store cannot take a message now: 150 MB free, below the minimum 200 MB");
            }
            if (full) {
                throw new MailboxFullException(counts(number));
            }
            FakeDraft d = new FakeDraft(number, envelope);
            drafts.add(d);
            return d;
        }

        @Override
        public List<Message> messages(String number, Folder folder) {
            return messages.stream().filter(m -> m.folder() == folder).toList();
        }

        @Override
        public Optional<Message> message(String number, String id) {
            return messages.stream().filter(m -> m.id().equals(id)).findFirst();
        }

        private Message replace(String id, java.util.function.UnaryOperator<Message> change) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).id().equals(id)) {
                    messages.set(i, change.apply(messages.get(i)));
                    return messages.get(i);
                }
            }
            throw new IllegalArgumentException(id);
        }

        @Override
        public Message move(String number, String id, Folder folder) throws StoreUnavailableException {
            if (databaseDown) {
                throw new StoreUnavailableException("PostgreSQL does not answer (Connection refused): nothing was changed");
            }
            return replace(id, m -> new Message(m.id(), m.mailbox(), folder, m.envelope(), m.duration(), m.heard(), m.audio()));
        }

        @Override
        public Message markHeard(String number, String id) {
            return replace(id, m -> new Message(m.id(), m.mailbox(), m.folder(), m.envelope(), m.duration(), true, m.audio()));
        }

        @Override
        public int purgeDeleted(String number) {
            purges++;
            int n = count(Folder.DELETED);
            messages.removeIf(m -> m.folder() == Folder.DELETED);
            return n;
        }

        @Override
        public Message forward(String fromNumber, String id, String toNumber, Envelope envelope, Path introduction)
                throws StoreFullException {
            if (diskFull) {
                throw new StoreFullException("The store cannot take a forwarded message now: 150 MB free, below the minimum 200 MB");
            }
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeDraft implements MessageDraft {
        private final String mailbox;
        private Envelope envelope;
        int commits;
        boolean discarded;

        FakeDraft(String mailbox, Envelope envelope) {
            this.mailbox = mailbox;
            this.envelope = envelope;
        }

        @Override
        public String mailbox() {
            return mailbox;
        }

        @Override
        public String id() {
            return "draft";
        }

        @Override
        public Envelope envelope() {
            return envelope;
        }

        @Override
        public Path recordingFile() {
            return Path.of("draft.wav");
        }

        @Override
        public Duration maxDuration() {
            return Duration.ofMinutes(60);
        }

        @Override
        public void markUrgent(boolean urgent) {
            envelope = envelope.withUrgent(urgent);
        }

        @Override
        public CommitResult commit() throws IOException {
            commits++;
            return new CommitResult(CommitResult.Outcome.SAVED, Optional.of(new Message("m", mailbox, Folder.NEW, envelope,
                    Duration.ofSeconds(4), false, Path.of("m.wav"))), Duration.ofSeconds(4));
        }

        @Override
        public void discard() {
            discarded = true;
        }
    }

}
