package org.callpost.messaging.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.callpost.api.call.DialResult;
import org.callpost.api.call.Dialler;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.Transport;
import org.callpost.api.messaging.CalloutStatus;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Notification;
import org.callpost.messaging.internal.logon.PinGuard;
import org.junit.After;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The callout schedule: when a call is placed, retried, given up, or not placed at all. */
public class NotificationCalloutsTest {
    private final CallFlowsTest.FakeStore store = new CallFlowsTest.FakeStore();
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private volatile DialResult.Outcome outcome = DialResult.Outcome.BUSY;
    private NotificationCallouts callouts;
    /** Whether a second integration, "branch", runs too. */
    private volatile boolean branch;

    private final Dialler dialler = new Dialler() {
        @Override
        public CompletionStage<DialResult> dial(String integration, String number, Purpose purpose, int noAnswerSeconds) {
            dialled.add(integration + ":" + number);
            int status = outcome == DialResult.Outcome.REFUSED ? 404 : outcome == DialResult.Outcome.BUSY ? 486 : 0;
            return CompletableFuture.completedFuture(new DialResult(outcome, status, Optional.empty()));
        }
    };

    private final Integrations integrations = new Integrations() {
        @Override
        public List<IntegrationStatus> all() {
            IntegrationStatus office = new IntegrationStatus("office400", "mivoice400", IntegrationState.RUNNING,
                    List.of(), Optional.empty(), Transport.TCP, List.of(), 0, 0);
            return !branch ? List.of(office) : List.of(office, new IntegrationStatus("branch", "mivoice400",
                    IntegrationState.RUNNING, List.of(), Optional.empty(), Transport.TCP, List.of(), 0, 0));
        }

        @Override
        public Optional<IntegrationStatus> find(String name) {
            return all().stream().filter(i -> i.name().equals(name)).findFirst();
        }
    };

    @After
    public void stop() {
        if (callouts != null) {
            callouts.deactivate();
        }
    }

    /** The component as DS would make it, with these messaging settings over the defaults. */
    private NotificationCallouts start(Map<String, Object> settings) {
        MessagingConfig config = (MessagingConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessagingConfig.class}, (p, m, a) -> settings.containsKey(m.getName())
                        ? settings.get(m.getName()) : m.getDefaultValue());
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> m.getName().equals("registerService") ? registration : null);
        callouts = new NotificationCallouts(store, new CallFlowsTest.FakePrompts(),
                new PinGuard(store, Clock.systemUTC()), dialler, integrations, config, context);
        return callouts;
    }

    private static Map<String, Object> fast(int attempts) {
        return Map.of("callout_delay_seconds", 0, "callout_retry_seconds", 1, "callout_attempts", attempts);
    }

    private Mailbox mailboxWithCallout(String number) {
        Mailbox m = Mailbox.of("201", "201", "Anna").withNotification(Notification.DEFAULT.withCalloutNumber(number));
        store.add(m);
        return m;
    }

    private void newMessage(Mailbox m, String id) {
        store.addMessage(id, "205");
        callouts.mailboxChanged(m, store.counts(m.number()));
    }

    private void await(int calls, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (dialled.size() < calls && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    public void aBusyNumberIsCalledAgainUntilTheAttemptsAreUsedThenANewMessageStartsAgain() throws Exception {
        start(fast(2));
        Mailbox m = mailboxWithCallout("0791234567");
        newMessage(m, "m1");
        await(2, 4000);
        Thread.sleep(1500);
        assertEquals("two attempts, then it gives up", List.of("office400:0791234567", "office400:0791234567"), dialled);
        CalloutStatus last = callouts.all().get(0);
        assertEquals(CalloutStatus.State.GAVE_UP, last.state());
        assertEquals(2, last.attempts());
        assertEquals("busy (486)", last.lastOutcome());
        newMessage(m, "m2");
        await(3, 2000);
        assertEquals(3, dialled.size());
    }

    @Test
    public void aMailboxOfAnIntegrationIsCalledThroughItsOwnAndWaitsWhileItIsDown() throws Exception {
        start(Map.of("callout_delay_seconds", 0, "callout_retry_seconds", 1, "callout_attempts", 3,
                "callout_integration", "office400"));
        Mailbox m = Mailbox.of("201", "201", "Ben").withIntegration("branch")
                .withNotification(Notification.DEFAULT.withCalloutNumber("0791234567"));
        store.add(m);
        newMessage(m, "m1");
        Thread.sleep(700);
        assertEquals("not through another PBX while its own is down", List.of(), dialled);
        assertEquals("integration branch (the mailbox's) is not running", callouts.all().get(0).lastOutcome());
        branch = true;
        await(1, 3000);
        assertEquals(List.of("branch:0791234567"), dialled.subList(0, 1));
    }

    @Test
    public void aNumberThePbxRefusesIsNotCalledAgain() throws Exception {
        outcome = DialResult.Outcome.REFUSED;
        start(fast(3));
        newMessage(mailboxWithCallout("999"), "m1");
        await(1, 2000);
        Thread.sleep(1500);
        assertEquals(1, dialled.size());
        assertEquals(CalloutStatus.State.REFUSED, callouts.all().get(0).state());
        assertEquals("refused (404)", callouts.all().get(0).lastOutcome());
    }

    @Test
    public void messagesHeardBeforeTheCalloutIsDueCancelIt() throws Exception {
        start(Map.of("callout_delay_seconds", 1));
        Mailbox m = mailboxWithCallout("0791234567");
        newMessage(m, "m1");
        store.messages.clear(); // the subscriber listened from their desk
        callouts.mailboxChanged(m, store.counts("201"));
        Thread.sleep(1800);
        assertEquals(List.of(), dialled);
        assertEquals(CalloutStatus.State.CANCELLED, callouts.all().get(0).state());
    }

    @Test
    public void noCalloutWithoutANumberOrForMessagesThatWereAlreadyThere() throws Exception {
        Mailbox plain = Mailbox.of("201", "201", "Anna");
        store.add(plain);
        store.addMessage("old", "205");
        start(fast(1));
        newMessage(plain, "m1");
        Mailbox withCallout = mailboxWithCallout("0791234567");
        callouts.mailboxChanged(withCallout, store.counts("201")); // a setting changed, nothing new arrived
        Thread.sleep(800);
        assertEquals(List.of(), dialled);
    }

    /** The jobs of a store shared by nodes, as CalloutJobs promises them (what store-postgres does in its table). */
    static final class Jobs implements org.callpost.api.cluster.CalloutJobs {
        private final Map<String, Job> due = new java.util.HashMap<>();
        private final Map<String, Long> dueAt = new java.util.HashMap<>();
        private final java.util.Set<String> taken = new java.util.HashSet<>();
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public synchronized boolean schedule(String mailbox, String number, java.time.Duration in, int maxAttempts) {
            if (due.containsKey(mailbox)) {
                return false;
            }
            due.put(mailbox, new Job(mailbox, number, 0, maxAttempts));
            dueAt.put(mailbox, System.currentTimeMillis() + in.toMillis());
            return true;
        }

        @Override
        public synchronized Optional<Job> take(java.time.Duration hold) {
            for (Job j : due.values()) {
                if (!taken.contains(j.mailbox()) && dueAt.get(j.mailbox()) <= System.currentTimeMillis()) {
                    taken.add(j.mailbox());
                    return Optional.of(j);
                }
            }
            return Optional.empty();
        }

        @Override
        public synchronized void again(String mailbox, java.time.Duration in, int attempts, String outcome) {
            Job j = due.get(mailbox);
            due.put(mailbox, new Job(mailbox, j.number(), attempts, j.maxAttempts()));
            dueAt.put(mailbox, System.currentTimeMillis() + in.toMillis());
            taken.remove(mailbox);
        }

        @Override
        public synchronized void end(String mailbox) {
            due.remove(mailbox);
            taken.remove(mailbox);
            ended.add(mailbox);
        }

        @Override
        public synchronized void cancel(String mailbox) {
            if (!taken.contains(mailbox)) {
                due.remove(mailbox);
            }
        }
    }

    @Test
    public void twoNodesHearingTheSameNewMessageCallTheSubscriberOnceEachAttemptThroughTheSharedJob() throws Exception {
        Jobs jobs = new Jobs();
        NotificationCallouts two = start(fast(2));
        two.bindJobs(jobs);
        NotificationCallouts one = start(fast(2));
        one.bindJobs(jobs);
        try {
            Mailbox m = mailboxWithCallout("0791234567");
            store.addMessage("m1", "205");
            one.mailboxChanged(m, store.counts("201"));
            two.mailboxChanged(m, store.counts("201"));
            await(2, 8000);
            long end = System.currentTimeMillis() + 8000;
            while (jobs.ended.isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertEquals("the job ended after its attempts", List.of("201"), jobs.ended);
            assertEquals("two attempts in all, not two a node", List.of("office400:0791234567", "office400:0791234567"),
                    dialled);
        } finally {
            two.deactivate();
        }
    }
}
