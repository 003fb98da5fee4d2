package org.callpost.mwi.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.lamp.Lamps;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LampEngineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The PBX as the engine sees it: records the requests, answers as told. */
    static final class FakeLamps implements Lamps {
        record Request(String integration, String extension, boolean on, int newCount) {
        }

        final List<Request> requests = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Integer>> pending = new CopyOnWriteArrayList<>();
        volatile int answer = 200; // -1: never completes by itself
        volatile boolean showsCounts;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile int maxInFlight;

        /** Every request as the PBX got it, urgent counts included. */
        final List<LampRequest> lamps = new CopyOnWriteArrayList<>();

        @Override
        public synchronized CompletionStage<Integer> set(String integration, LampRequest lamp) {
            requests.add(new Request(integration, lamp.extension(), lamp.on(), lamp.newCount()));
            lamps.add(lamp);
            int now = inFlight.incrementAndGet();
            maxInFlight = Math.max(maxInFlight, now);
            CompletableFuture<Integer> f = new CompletableFuture<>();
            // the engine hears the answer only after the request is counted out: dependents of
            // one future run in no promised order, so the engine must hang on a later stage
            CompletableFuture<Integer> answered = f.whenComplete((s, e) -> inFlight.decrementAndGet());
            if (answer >= 0) {
                f.complete(answer);
            } else {
                pending.add(f);
            }
            return answered;
        }

        @Override
        public boolean showCounts(String integration) {
            return showsCounts;
        }

        long count(String extension, boolean on) {
            return requests.stream().filter(r -> r.extension.equals(extension) && r.on == on).count();
        }
    }

    private ScheduledExecutorService scheduler;
    private FakeLamps pbx;
    private Path stateFile;
    private LampEngine engine;

    @Before
    public void setUp() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        pbx = new FakeLamps();
        stateFile = tmp.getRoot().toPath().resolve("mwi/lamps.properties");
        engine = engine(new Settings("", 2, 3, 100, 50));
    }

    private LampEngine engine(Settings s) {
        LampEngine e = new LampEngine(pbx, configured -> Optional.of(configured.orElse("office")), scheduler, stateFile, s,
                Clock.systemUTC());
        e.load();
        return e;
    }

    @After
    public void tearDown() {
        scheduler.shutdownNow();
    }

    private static Mailbox mailbox(String number) {
        return Mailbox.of(number, number, "");
    }

    private static MailboxCounts counts(String number, int unheard) {
        return new MailboxCounts(number, unheard, unheard, 0, 0, Duration.ZERO, 100, Duration.ofHours(1));
    }

    private static void await(BooleanSupplier test) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000; // generous: a loaded CI machine once needed more than 5 s
        while (!test.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        assertTrue("timed out", test.getAsBoolean());
    }

    private LampStatus lamp(String ext) {
        return engine.lamp(ext).orElseThrow();
    }

    @Test
    public void aBurstOfTenMessagesGivesOneLampOn() throws Exception {
        for (int i = 1; i <= 10; i++) {
            engine.mailboxChanged(mailbox("201"), counts("201", i));
        }
        await(() -> lamp("201").state() == LampState.CONFIRMED);
        Thread.sleep(300);
        assertEquals(1, pbx.requests.size());
        assertTrue(pbx.requests.get(0).on());
        assertEquals(Optional.of(true), lamp("201").confirmedOn());
    }

    @Test
    public void requestsAreCountedByResultForTheFigures() throws Exception {
        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        await(() -> lamp("201").state() == LampState.CONFIRMED);
        pbx.answer = 403;
        engine.mailboxChanged(mailbox("202"), counts("202", 1));
        await(() -> lamp("202").state() == LampState.REFUSED);
        pbx.answer = 408; // no answer: retried until the attempts (3) run out
        engine.mailboxChanged(mailbox("203"), counts("203", 1));
        await(() -> lamp("203").state() == LampState.FAILED);
        LampCounts c = engine.counts();
        assertEquals(5, c.count(LampCounts.Result.SENT));
        assertEquals(1, c.count(LampCounts.Result.CONFIRMED));
        assertEquals(1, c.count(LampCounts.Result.REFUSED));
        assertEquals(3, c.count(LampCounts.Result.FAILED));
        assertEquals(1, c.count(LampCounts.Result.GAVE_UP));
    }

    @Test
    public void newCountsWithTheLampStillOnAreSentOnlyToAPbxThatShowsThem() throws Exception {
        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        await(() -> lamp("201").state() == LampState.CONFIRMED);
        engine.mailboxChanged(mailbox("201"), counts("201", 2));
        Thread.sleep(300);
        assertEquals("a feature-code lamp is on or off only", 1, pbx.requests.size());

        pbx.showsCounts = true;
        engine.mailboxChanged(mailbox("202"), counts("202", 1));
        await(() -> lamp("202").state() == LampState.CONFIRMED);
        for (int i = 2; i <= 5; i++) {
            engine.mailboxChanged(mailbox("202"), counts("202", i));
        }
        await(() -> pbx.requests.stream().anyMatch(r -> r.extension().equals("202") && r.newCount() == 5));
        Thread.sleep(300);
        List<FakeLamps.Request> to202 = pbx.requests.stream().filter(r -> r.extension().equals("202")).toList();
        assertTrue("coalesced: " + to202, to202.size() <= 3);
        assertEquals(5, to202.get(to202.size() - 1).newCount());
        assertTrue(to202.stream().allMatch(FakeLamps.Request::on));
    }

    @Test
    public void urgentCountsFromTheStoreReachThePbxAndAChangeInThemIsSent() throws Exception {
        pbx.showsCounts = true;
        // 3 unheard of which 1 urgent; 2 heard kept of which 1 urgent
        engine.mailboxChanged(mailbox("203"),
                new MailboxCounts("203", 4, 3, 1, 0, Duration.ZERO, 100, Duration.ofHours(1), 1, 1));
        await(() -> lamp("203").state() == LampState.CONFIRMED);
        assertEquals(new LampRequest("203", true, 3, 2, 1, 1), pbx.lamps.get(0));
        // the same counts with one more unheard message urgent: the PBX is told
        engine.mailboxChanged(mailbox("203"),
                new MailboxCounts("203", 4, 3, 1, 0, Duration.ZERO, 100, Duration.ofHours(1), 2, 1));
        await(() -> pbx.lamps.size() == 2);
        assertEquals(new LampRequest("203", true, 3, 2, 2, 1), pbx.lamps.get(1));
    }

    @Test
    public void theLatestDesiredStateWinsWhileARequestIsOnItsWay() throws Exception {
        pbx.answer = -1;
        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        await(() -> pbx.requests.size() == 1);
        // heard, new again, heard again while the lamp-on is still on its way
        engine.mailboxChanged(mailbox("201"), counts("201", 0));
        engine.mailboxChanged(mailbox("201"), counts("201", 2));
        engine.mailboxChanged(mailbox("201"), counts("201", 0));
        Thread.sleep(200);
        assertEquals(1, pbx.requests.size());
        pbx.answer = 200;
        pbx.pending.get(0).complete(200);
        await(() -> pbx.requests.size() == 2);
        await(() -> lamp("201").state() == LampState.CONFIRMED);
        assertFalse(pbx.requests.get(1).on());
        assertEquals(Optional.of(false), lamp("201").confirmedOn());
        Thread.sleep(200);
        assertEquals(2, pbx.requests.size());
    }

    @Test
    public void noAnswerIsRetriedThenGivenUpAsFailed() throws Exception {
        pbx.answer = 0;
        engine.mailboxChanged(mailbox("209"), counts("209", 1));
        await(() -> lamp("209").state() == LampState.FAILED);
        assertEquals(3, pbx.count("209", true));
        LampStatus s = lamp("209");
        assertEquals(3, s.attempts());
        assertEquals(Optional.of("no answer"), s.failure());
        assertTrue(s.desiredOn());
        Thread.sleep(500);
        assertEquals("no retry after giving up", 3, pbx.requests.size());
        // a re-assertion tries again
        pbx.answer = 200;
        assertEquals(1, engine.reassert(Optional.empty(), 0));
        await(() -> lamp("209").state() == LampState.CONFIRMED);
        assertEquals(4, pbx.requests.size());
    }

    @Test
    public void linesRegisteredAgainReassertOnlyTheLampsThePbxHasNotConfirmedSince() throws Exception {
        // a restarted node: the recovered message's lamp-on is confirmed before its lines are all registered
        java.time.Instant linesDown = java.time.Instant.now().minusSeconds(1);
        engine.mailboxChanged(mailbox("212"), counts("212", 1));
        await(() -> lamp("212").state() == LampState.CONFIRMED);
        assertEquals("confirmed since the lines were last seen down: not sent twice", 0,
                engine.reassertUnconfirmedSince(Optional.empty(), linesDown));
        assertEquals(1, pbx.count("212", true));
        assertEquals(LampState.CONFIRMED, lamp("212").state());

        // confirmed before the lines went down: the PBX may have lost it, so it is sent again
        java.time.Instant later = java.time.Instant.now().plusSeconds(1);
        assertEquals(1, engine.reassertUnconfirmedSince(Optional.empty(), later));
        await(() -> pbx.count("212", true) == 2);
    }

    @Test
    public void noFreeLineIsRetriedSoonWithoutCountingAsAnAttempt() throws Exception {
        pbx.answer = 503;
        engine.mailboxChanged(mailbox("210"), counts("210", 1));
        await(() -> pbx.requests.size() >= 3);
        assertEquals(LampState.PENDING, lamp("210").state());
        pbx.answer = 200;
        await(() -> lamp("210").state() == LampState.CONFIRMED);
        assertEquals(0, lamp("210").attempts());
    }

    @Test
    public void onlyA2xxConfirmsDocumentedRefusalsAreFinalAndTimeoutsAreRetried() {
        for (int ok : new int[] {200, 202}) {
            assertTrue(String.valueOf(ok), LampEngine.confirmed(ok));
            assertFalse(String.valueOf(ok), LampEngine.refused(ok));
        }
        for (int refusal : new int[] {403, 404, 484, 486, 488, 600, 603}) {
            assertTrue(String.valueOf(refusal), LampEngine.refused(refusal));
            assertFalse(String.valueOf(refusal), LampEngine.confirmed(refusal));
        }
        for (int retry : new int[] {0, 408, 480, 500, 503}) {
            assertFalse(String.valueOf(retry), LampEngine.confirmed(retry) || LampEngine.refused(retry));
        }
    }

    @Test
    public void aLampThePbxRefusesIsShownRefusedNotConfirmedAndNotRetried() throws Exception {
        pbx.answer = 404;
        engine.mailboxChanged(mailbox("211"), counts("211", 1));
        await(() -> lamp("211").state() == LampState.REFUSED);
        LampStatus s = lamp("211");
        assertEquals(Optional.empty(), s.confirmedOn());
        assertEquals(Optional.of("refused by the PBX (SIP 404)"), s.failure());
        Thread.sleep(500);
        assertEquals("a refusal is not retried by itself", 1, pbx.count("211", true));
        // a re-assertion asks again; a 2xx then confirms
        pbx.answer = 200;
        assertEquals(1, engine.reassert(Optional.empty(), 0));
        await(() -> lamp("211").state() == LampState.CONFIRMED);
        assertEquals(Optional.of(true), lamp("211").confirmedOn());
        assertEquals(Optional.empty(), lamp("211").failure());
    }

    @Test
    public void concurrencyIsLimited() throws Exception {
        pbx.answer = -1;
        for (int i = 0; i < 6; i++) {
            engine.mailboxChanged(mailbox("30" + i), counts("30" + i, 1));
        }
        await(() -> pbx.requests.size() == 2);
        Thread.sleep(200);
        assertEquals(2, pbx.requests.size());
        pbx.answer = 200;
        for (CompletableFuture<Integer> f : pbx.pending) {
            f.complete(200);
        }
        await(() -> pbx.requests.size() == 6);
        assertTrue(pbx.maxInFlight <= 2);
    }

    @Test
    public void theStateIsPersistedAndReassertedAfterARestart() throws Exception {
        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        engine.mailboxChanged(mailbox("202"), counts("202", 0));
        await(() -> lamp("201").state() == LampState.CONFIRMED && lamp("202").state() == LampState.CONFIRMED);
        engine.close();
        await(() -> Files.isRegularFile(stateFile) && read().contains("201=on,on,"));
        assertTrue(read(), read().contains("202=off,-,"));
        assertFalse(Files.exists(stateFile.resolveSibling("lamps.properties.tmp")));

        pbx.requests.clear();
        engine = engine(new Settings("", 2, 3, 100, 50));
        assertEquals(Optional.of(true), lamp("201").confirmedOn());
        assertTrue(lamp("201").desiredOn());
        assertEquals(2, engine.reassert(Optional.empty(), 0));
        await(() -> pbx.requests.size() == 2);
        assertEquals(1, pbx.count("201", true));
        assertEquals(1, pbx.count("202", false));
    }

    @Test
    public void lampsOfRemovedMailboxesAreCleared() throws Exception {
        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        await(() -> lamp("201").state() == LampState.CONFIRMED);
        engine.mailboxRemoved(mailbox("201"));
        await(() -> pbx.count("201", false) == 1 && lamp("201").state() == LampState.CONFIRMED);
        assertFalse(lamp("201").desiredOn());

        // gone while Callpost was down: cleared once the store's list is known
        engine.mailboxChanged(mailbox("205"), counts("205", 1));
        await(() -> lamp("205").state() == LampState.CONFIRMED);
        engine.close();
        await(() -> read().contains("205=on"));
        engine = engine(new Settings("", 2, 3, 100, 50));
        engine.reconcile(java.util.Set.of("201"));
        await(() -> pbx.count("205", false) == 1);
    }

    @Test
    public void aManualSettingIsSentAndTheStoreDecidesAgainLater() throws Exception {
        engine.set("250", true);
        await(() -> pbx.count("250", true) == 1);
        engine.mailboxChanged(mailbox("250"), counts("250", 0));
        await(() -> pbx.count("250", false) == 1);
    }

    @Test
    public void eachPbxsExtensionHasItsOwnLampSetThroughItsOwnPbxAndKeptAcrossARestart() throws Exception {
        Mailbox head = Mailbox.of("1201", "201", "").withIntegration("head");
        Mailbox branch = Mailbox.of("2201", "201", "").withIntegration("branch");
        engine.mailboxChanged(head, counts("1201", 0));
        engine.mailboxChanged(branch, counts("2201", 1));
        await(() -> engine.lamp("branch", "201").map(l -> l.state() == LampState.CONFIRMED).orElse(false));
        Thread.sleep(300);
        assertEquals("the branch's lamp, at the branch only",
                List.of(new FakeLamps.Request("branch", "201", true, 1)), pbx.requests);
        assertFalse(engine.lamp("head", "201").orElseThrow().desiredOn());

        engine.close();
        await(() -> read().contains("branch/201=on,on,"));
        pbx.requests.clear();
        engine = engine(new Settings("", 2, 3, 100, 50));
        assertEquals(Optional.of(true), engine.lamp("branch", "201").orElseThrow().confirmedOn());
        assertEquals("a re-assertion for the head office sends none of the branch's lamps", 1,
                engine.reassert(Optional.of("head"), 0));
        await(() -> pbx.requests.size() == 1);
        Thread.sleep(200);
        assertEquals(List.of(new FakeLamps.Request("head", "201", false, 0)), pbx.requests);
    }

    @Test
    public void aLampOfAMailboxWhosePbxIsDownWaitsForIt() throws Exception {
        engine = new LampEngine(pbx, configured -> configured.filter(i -> !i.equals("branch")), scheduler, stateFile,
                new Settings("", 2, 3, 100, 50), Clock.systemUTC());
        engine.mailboxChanged(Mailbox.of("2201", "201", "").withIntegration("branch"), counts("2201", 1));
        await(() -> engine.lamp("branch", "201").flatMap(LampStatus::failure).isPresent());
        Thread.sleep(200);
        assertEquals("never through another PBX", List.of(), pbx.requests);
        assertEquals("integration branch (the mailbox's) is not running",
                engine.lamp("branch", "201").orElseThrow().failure().orElseThrow());
    }

    private String read() {
        try {
            return Files.readString(stateFile);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The leases of a store shared by nodes, as LampOwnership promises them: the first node to ask holds a lamp. */
    static final class Leases {
        final java.util.Map<String, String> holder = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, Boolean> confirmed = new java.util.concurrent.ConcurrentHashMap<>();

        org.callpost.api.cluster.LampOwnership of(String node) {
            return new org.callpost.api.cluster.LampOwnership() {
                @Override
                public boolean owns(String integration, String extension) {
                    return holder.computeIfAbsent(LampEngine.key(integration, extension), k -> node).equals(node);
                }

                @Override
                public Optional<Boolean> confirmed(String integration, String extension) {
                    return Optional.ofNullable(confirmed.get(LampEngine.key(integration, extension)));
                }

                @Override
                public void confirmed(String integration, String extension, boolean on) {
                    confirmed.put(LampEngine.key(integration, extension), on);
                }
            };
        }
    }

    @Test
    public void twoNodesHearingTheSameChangeLightTheLampOnceAndANodeTakingItOverKnowsItIsOn() throws Exception {
        Leases leases = new Leases();
        engine.ownership(leases.of("one"));
        stateFile = tmp.getRoot().toPath().resolve("two/lamps.properties");
        LampEngine two = engine(new Settings("", 2, 3, 100, 50));
        two.ownership(leases.of("two"));

        engine.mailboxChanged(mailbox("201"), counts("201", 1));
        await(() -> pbx.count("201", true) == 1);
        two.mailboxChanged(mailbox("201"), counts("201", 1));
        assertEquals("re-asserted by the node that holds it only", 2, engine.reassert(Optional.empty(), 0)
                + two.reassert(Optional.empty(), 0));
        await(() -> pbx.count("201", true) == 2);
        await(() -> two.lamp("201").flatMap(org.callpost.api.mwi.LampStatus::failure)
                .equals(Optional.of("set by another node")));
        assertEquals("node two sent nothing", 2, pbx.requests.size());
        assertEquals(Optional.of(true), leases.of("x").confirmed("", "201"));

        leases.holder.remove("201"); // node one's lease ran out: node two takes the lamp over
        two.mailboxChanged(mailbox("201"), counts("201", 2));
        await(() -> two.lamp("201").flatMap(org.callpost.api.mwi.LampStatus::confirmedOn).equals(Optional.of(true)));
        assertEquals("it is on already, as node one recorded: not sent again", 2, pbx.requests.size());
        two.mailboxChanged(mailbox("201"), counts("201", 0));
        await(() -> pbx.count("201", false) == 1);
        assertEquals("two", leases.holder.get("201"));
    }
}
