package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import javax.sip.address.SipURI;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.Notification;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two PBXes, each with its own subscribers on one Callpost: a head office and a branch, both with
 * an extension 201 that has a mailbox of its own. The MWI and callout settings name the head
 * office, so only the mailbox's own integration can send the branch's lamp and callout there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwoPbxIT extends CallpostDistribution {
    private static final String MOBILE = "0791234567";

    @Inject
    MessageStore store;
    @Inject
    MwiService mwi;

    private SipRegistrar head;
    private SipRegistrar branch;
    private RtpPeer media;
    private int branchSipPort;

    @Before
    public void twoPbxes() throws Exception {
        media = new RtpPeer();
        head = new SipRegistrar("head", SipRegistrar.freePort(), "s3cret");
        branch = new SipRegistrar("branch", SipRegistrar.freePort(), "s3cret");
        for (SipRegistrar pbx : List.of(head, branch)) {
            pbx.answerWith(media.sdpOffer());
            pbx.extension("*38201", SipRegistrar.Answer.ANSWER);
            pbx.extension("#38201", SipRegistrar.Answer.ANSWER);
            pbx.extension(MOBILE, SipRegistrar.Answer.BUSY);
        }
        Hashtable<String, Object> lamps = new Hashtable<>();
        // the default for mailboxes of no integration; the deprecated name on purpose (callout.integration
        // now, as for the callouts below): an old name still works
        lamps.put("integration", "head");
        lamps.put("coalesce.millis", 300);
        lamps.put("integration.poll.seconds", 1);
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(lamps);
        Hashtable<String, Object> callouts = new Hashtable<>();
        callouts.put("callout.integration", "head");
        callouts.put("callout.delay.seconds", "1");
        callouts.put("callout.retry.seconds", "30");
        callouts.put("callout.attempts", "1");
        configAdmin.getConfiguration("org.callpost.messaging", "?").update(callouts);

        integration("head", head, "41-43", "40", SipRegistrar.freePort());
        branchSipPort = SipRegistrar.freePort();
        integration("branch", branch, "51-53", "50", branchSipPort);
        Thread.sleep(2000); // the lamps' re-assertion once all lines are registered (none yet) is behind us

        for (String number : List.of("1201", "2201")) {
            if (store.mailbox(number).isPresent()) {
                store.removeMailbox(number);
            }
        }
    }

    private void integration(String name, SipRegistrar pbx, String lines, String huntGroup, int sipPort) throws Exception {
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        configure(name, "profile", "mivoice400", "sip.server.address", "127.0.0.1", "sip.server.port",
                String.valueOf(pbx.port()), "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort),
                "pbx.password", "s3cret", "line.extensions", lines, "hunt.group.access.code", huntGroup, "media.base.port",
                String.valueOf(mediaBase), "mwi.lines", lines.substring(lines.indexOf('-') + 1), "on.hook.delay.millis", "300");
        int first = Integer.parseInt(lines.substring(0, lines.indexOf('-')));
        List<String> all = List.of(String.valueOf(first), String.valueOf(first + 1), String.valueOf(first + 2));
        assertTrue(name + " registered", pbx.await(r -> r.hasRegistered(all), 30_000));
    }

    @After
    public void tearDown() throws Exception {
        remove("head");
        remove("branch");
        Thread.sleep(300);
        head.close();
        branch.close();
        media.close();
    }

    private static long invitesTo(SipRegistrar pbx, String number) {
        return pbx.invites().stream().filter(r -> ((SipURI) r.getRequestURI()).getUser().equals(number)).count();
    }

    private void leaveMessage(String mailbox) throws Exception {
        MessageDraft d = store.beginMessage(mailbox, new Envelope("300", "", "201", ForwardReason.NO_ANSWER, "201",
                Instant.now(), false));
        Wav.writeTone(d.recordingFile(), 1000, 1500);
        assertEquals(CommitResult.Outcome.SAVED, d.commit().outcome());
    }

    @Test
    public void aMessageForTheBranchsSubscriberLightsTheLampAtTheBranchOnly() throws Exception {
        String added = shell("callpost:mailbox-add --extension 201 --integration branch --name Ben 2201");
        assertTrue(added, added.contains("Mailbox 2201 created for extension 201 on integration branch"));
        store.createMailbox(Mailbox.of("1201", "201", "Anna").withIntegration("head"), null);
        String refused = shell("callpost:mailbox-add --extension 202 --integration brnach 2202");
        assertTrue(refused, refused.contains("No integration 'brnach' is configured (configured: branch, head"));
        assertTrue("nothing created for a wrong name", store.mailbox("2202").isEmpty());

        leaveMessage("2201");
        assertTrue("the lamp-on dialled at the branch", branch.await(r -> invitesTo(r, "*38201") == 1, 8000));
        LampStatus lamp = awaitLamp("branch", l -> l.state() == LampState.CONFIRMED, 5000);
        assertEquals(java.util.Optional.of(true), lamp.confirmedOn());
        String from = branch.invitesTo("*38201").get(0).getHeader("From").toString();
        assertTrue("from the branch's MWI line: " + from, from.contains("sip:53@"));
        Thread.sleep(1500);
        assertEquals("the head office's 201 has no new message and no lamp request", 0, invitesTo(head, "*38201"));
        assertEquals(1, invitesTo(branch, "*38201"));
        String shown = shell("callpost:mwi");
        assertTrue(shown, shown.matches("(?s).*201 .*branch.*"));
        String listed = shell("callpost:mailbox-list");
        assertTrue(listed, listed.matches("(?s).*2201 +\\| 201 +\\| branch .*"));
    }

    @Test
    public void aCallForwardedFromTheBranchsExtensionReachesTheBranchsMailbox() throws Exception {
        store.createMailbox(Mailbox.of("1201", "201", "Anna").withIntegration("head"), null);
        store.createMailbox(Mailbox.of("2201", "201", "Ben").withIntegration("branch"), null);
        try (PbxCaller pbx = new PbxCaller("branch-caller", "tcp"); RtpPeer caller = new RtpPeer()) {
            OutgoingCall c = pbx.call("127.0.0.1", branchSipPort, "51", "202", "201", caller.sdpOffer(),
                    "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
            assertTrue(c.codes().toString(), c.got(200, 3000));
            c.ack(null);
            awaitBeep(caller, 20_000); // the system greeting, then the record beep
            caller.sendTone("127.0.0.1", c.callpostRtpPort(), 1400, 3000);
            caller.awaitSent(5000);
            c.bye();
            assertTrue(c.otherResponses().toString(), c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
        }
        long end = System.currentTimeMillis() + 5000;
        while (store.counts("2201").newCount() == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals("the branch's 201", 1, store.messages("2201", Folder.NEW).size());
        assertEquals("not the head office's 201", 0, store.messages("1201", Folder.NEW).size());
    }

    @Test
    public void aCalloutForTheBranchsSubscriberIsPlacedThroughTheBranch() throws Exception {
        store.createMailbox(Mailbox.of("2201", "201", "Ben").withIntegration("branch")
                .withNotification(Notification.DEFAULT.withCalloutNumber(MOBILE)), null);
        leaveMessage("2201");
        assertTrue("the callout reached the branch", branch.await(r -> r.invitesTo(MOBILE).size() == 1, 10000));
        Thread.sleep(1000);
        assertEquals("and not the head office that callout.integration names", 0, head.invitesTo(MOBILE).size());
        String from = branch.invitesTo(MOBILE).get(0).getHeader("From").toString();
        assertTrue("from a branch line: " + from, from.matches("(?s).*sip:5[1-3]@.*"));
    }

    /** Waits for the record beep: 100 ms in which each 20 ms frame is mostly 1 kHz, then 300 ms for its end. */
    private static void awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            short[] pcm = rtp.receivedAudio(0);
            int run = 0;
            for (int at = 0; at + 160 <= pcm.length; at += 160) {
                run = share(pcm, at, 1000) > 0.8 ? run + 1 : 0;
                if (run == 5) {
                    Thread.sleep(300);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no record beep in " + millis + " ms");
    }

    /** The share of a 20 ms frame's energy at one frequency (Goertzel). */
    private static double share(short[] pcm, int from, int hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (int i = from; i < from + 160; i++) {
            double s0 = pcm[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) pcm[i] * pcm[i];
        }
        double tone = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return total == 0 ? 0 : 2 * tone / (160 * total);
    }

    private LampStatus awaitLamp(String integration, java.util.function.Predicate<LampStatus> test, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        java.util.Optional<LampStatus> l = mwi.lamp(integration, "201");
        while (System.currentTimeMillis() < end && !(l.isPresent() && test.test(l.get()))) {
            Thread.sleep(100);
            l = mwi.lamp(integration, "201");
        }
        assertTrue(integration + "'s lamp 201 after " + millis + " ms: " + l, l.isPresent() && test.test(l.get()));
        return l.get();
    }
}
