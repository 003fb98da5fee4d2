package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallHandler;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.mwi.MwiService;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Switch profiles at runtime, as a dealer changes them: a Config Admin swap from the MiVoice
 * Office 400 profile to the generic one while a call is up, and a profile bundle hot-deployed
 * through Karaf's deploy folder and taken away again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProfilesIT extends CallpostDistribution {
    @Inject
    MwiService mwi;
    @Inject
    org.callpost.api.lamp.Lamps lamps;

    private SipRegistrar registrar;
    private PbxCaller pbx;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Before
    public void pbx() throws Exception {
        registrar = new SipRegistrar("profiles", SipRegistrar.freePort(), "s3cret");
        pbx = new PbxCaller("profiles", "tcp");
    }

    @After
    public void tearDown() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        pbx.close();
        registrar.close();
    }

    private RtpPeer rtp() throws Exception {
        RtpPeer p = new RtpPeer();
        open.add(p);
        return p;
    }

    private void integration(String name, String profile, int sipPort, String lines, int mediaBase) throws Exception {
        configure(name, "profile", profile, "sip.server.address", "127.0.0.1", "sip.server.port", String.valueOf(registrar.port()),
                "local.address", "127.0.0.1", "sip.local.port", String.valueOf(sipPort), "pbx.password", "s3cret",
                "line.extensions", lines, "hunt.group.access.code", "70", "media.base.port", String.valueOf(mediaBase),
                "mwi.lines", lines.substring(lines.indexOf('-') + 1));
    }

    @Test
    public void aSwapToTheGenericProfileWhileACallIsUpKeepsTheCallAndTheNextLampIsANotify() throws Exception {
        TestApplication app = new TestApplication();
        app.toneMillis = 20_000;
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000);
        registrations.add(bundleContext.registerService(CallHandler.class, app, ranking));
        Hashtable<String, Object> mwiSettings = new Hashtable<>();
        mwiSettings.put("callout.integration", "swap");
        mwiSettings.put("integration.poll.seconds", 1);
        mwiSettings.put("coalesce.millis", 100);
        configAdmin.getConfiguration("org.callpost.mwi", "?").update(mwiSettings);
        registrar.extension("*38201", SipRegistrar.Answer.ANSWER);
        registrar.extension("#38201", SipRegistrar.Answer.ANSWER);
        registrar.answerWith(rtp().sdpOffer());
        int sipPort = SipRegistrar.freePort();
        int mediaBase = 20000 + 2 * (int) (Math.random() * 10000);
        integration("swap", "mivoice400", sipPort, "71-73", mediaBase);
        try {
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("71", "72", "73")), 10_000));
            RtpPeer caller = rtp();
            OutgoingCall c = pbx.call("127.0.0.1", sipPort, "71", "202", "201", caller.sdpOffer(),
                    "Diversion: <sip:201@127.0.0.1>;reason=no-answer;counter=1");
            assertTrue(c.codes().toString(), c.got(200, 4000));
            c.ack(null);
            Call call = app.answered.poll(8, TimeUnit.SECONDS);
            assertNotNull(call);
            caller.sendTone("127.0.0.1", c.callpostRtpPort(), 1000, 6000);
            Thread.sleep(1000);

            int registersBefore = registrar.history().size();
            integration("swap", "generic", sipPort, "71-73", mediaBase);
            assertTrue("the lines register again under the new profile",
                    registrar.await(r -> r.history().size() >= registersBefore + 3, 10_000));
            assertEquals("generic", integrations.find("swap").orElseThrow().profile());

            // the call goes on to its end: no BYE from Callpost, audio still both ways
            Thread.sleep(2000);
            assertFalse("Callpost hung up the call on the swap", c.byeReceived());
            assertEquals(LineActivity.CONNECTED, integrations.find("swap").orElseThrow().lines().get(0).activity());
            int heard = caller.receivedAudio(0).length;
            Thread.sleep(1000);
            assertTrue("the caller still hears Callpost", caller.receivedAudio(0).length > heard + 4000);
            caller.awaitSent(8000);
            c.bye();
            assertTrue(c.await(x -> x.otherResponses().contains("BYE 200"), 3000));
            RecordOutcome recorded = app.recording.get(5, TimeUnit.SECONDS);
            assertEquals(RecordOutcome.Reason.CALL_ENDED, recorded.reason());
            Wav wav = Wav.read(app.recordingFile);
            assertTrue("recorded " + wav.seconds() + " s across the swap", wav.seconds() >= 5.5);

            // the next lamp follows the new profile: NOTIFY message-summary, no feature code
            mwi.set("201", true);
            assertTrue("NOTIFY for 201", registrar.await(r -> !r.notifies().isEmpty(), 10_000));
            String body = new String(registrar.notifies().get(0).getRawContent(), StandardCharsets.UTF_8);
            assertTrue(body, body.contains("Messages-Waiting: yes"));
            assertEquals("no feature-code INVITE", 0, registrar.invitesTo("*38201").size());
        } finally {
            remove("swap");
            configAdmin.getConfiguration("org.callpost.mwi", "?").delete();
        }
    }

    @Test
    public void aProfileBundleDroppedIntoTheDeployFolderIsTakenUpAndGoesAwayCleanly() throws Exception {
        Bundle generic = genericBundle();
        assertNotNull("the generic profile is installed by the callpost feature", generic);
        generic.uninstall();
        integration("hot", "generic", SipRegistrar.freePort(), "81-82", 40000 + 2 * (int) (Math.random() * 4000));
        try {
            assertTrue(await("hot", s -> s.state() == IntegrationState.WAITING_FOR_PROFILE, 10_000).isPresent());
            assertTrue(shell("callpost:status"), shell("callpost:status").contains("WAITING_FOR_PROFILE"));
            assertTrue(registrar.bindings().isEmpty());

            Path jar = Path.of(System.getProperty("callpost.bundles.dir"), "pbx-generic", "target",
                    "callpost-pbx-generic-" + System.getProperty("callpost.version") + ".jar");
            Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "callpost-pbx-generic.jar");
            Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
            assertTrue("taken up without a restart",
                    await("hot", s -> s.state() == IntegrationState.RUNNING, 20_000).isPresent());
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("81", "82")), 10_000));

            Files.delete(deployed);
            assertTrue("back to waiting once the bundle is gone",
                    await("hot", s -> s.state() == IntegrationState.WAITING_FOR_PROFILE, 20_000).isPresent());
            assertTrue("its lines un-registered cleanly: " + registrar.unregistered(),
                    registrar.await(r -> r.unregistered().containsAll(List.of("81", "82")), 10_000));
        } finally {
            remove("hot");
            // the generic profile back as the feature had it, for whatever runs next
            Path jar = Path.of(System.getProperty("callpost.bundles.dir"), "pbx-generic", "target",
                    "callpost-pbx-generic-" + System.getProperty("callpost.version") + ".jar");
            long end = System.currentTimeMillis() + 10_000;
            while (genericBundle() != null && genericBundle().getState() != Bundle.UNINSTALLED
                    && System.currentTimeMillis() < end) {
                Thread.sleep(100); // Karaf's file installer uninstalls the deployed copy in its own time
            }
            Bundle left = genericBundle();
            (left != null ? left : bundleContext.installBundle(jar.toUri().toString())).start();
        }
    }

    private Bundle genericBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.callpost.pbx.generic".equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void aPhoneSubscribedToAMailboxesMessageSummaryIsToldAtOnceOnEachChangeAndAtTheEnd() throws Exception {
        int sipPort = SipRegistrar.freePort();
        integration("summary", "generic", sipPort, "91-92", 40000 + 2 * (int) (Math.random() * 4000));
        try {
            assertTrue(registrar.await(r -> r.hasRegistered(List.of("91", "92")), 10_000));
            try (Sipp phone = Sipp.client("subscribe-message-summary.xml", "127.0.0.1:" + sipPort, "t1")) {
                Thread.sleep(3000); // subscribed, and told "no messages"
                assertEquals(Integer.valueOf(200), lamps.set("summary", new org.callpost.api.lamp.LampRequest("201", true, 2, 1, 1, 0))
                        .toCompletableFuture().get(8, TimeUnit.SECONDS));
                int exit = phone.awaitExit(20_000);
                String messages = phone.messages();
                assertEquals(phone.output() + messages, 0, exit);
                int first = messages.indexOf("Messages-Waiting: no");
                int changed = messages.indexOf("Messages-Waiting: yes");
                assertTrue(messages, first > 0 && changed > first);
                assertTrue(messages, messages.contains("Voice-Message: 2/1 (1/0)"));
                assertTrue(messages, messages.contains("Subscription-State: active;expires=600"));
                assertTrue(messages, messages.matches("(?s).*Subscription-State: terminated.*"));
            }
        } finally {
            remove("summary");
        }
    }
}
